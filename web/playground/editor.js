// The playground's code editor: CodeMirror 6 with Python, JavaScript and C, bundled by
// esbuild into the site's `editor/editor.js` (crates/xtask/src/web/playground.rs). The page
// loads it only when a task's "Write code" tab opens, so the main app stays small, and
// talks to it through `globalThis.ReplicaEditor` (crates/web/src/editor.rs).
//
// Keyboard: Tab indents; Escape then Tab (or Shift-Tab) moves focus out of the editor, as
// CodeMirror's tab-focus mode does. Ctrl-Z / Ctrl-Shift-Z undo and redo, per language.

import { EditorView, basicSetup } from 'codemirror';
import { keymap } from '@codemirror/view';
import { EditorState, Prec } from '@codemirror/state';
import { indentWithTab } from '@codemirror/commands';
import { indentUnit } from '@codemirror/language';
import { python } from '@codemirror/lang-python';
import { javascript } from '@codemirror/lang-javascript';
import { cpp } from '@codemirror/lang-cpp';

const LANGUAGES = {
  python: () => [python(), indentUnit.of('    ')],
  javascript: () => [javascript(), indentUnit.of('  ')],
  c: () => [cpp(), indentUnit.of('    ')],
};

// Changes reach the page at most this often: each one saves the draft, and a large
// program should not be serialized on every keystroke.
const CHANGE_DELAY_MS = 250;

// The bytes of UTF-8 in `text` (a CodeMirror Text, whose iterator yields lines and the
// "\n" between them), without encoding it.
function utf8Length(text) {
  let bytes = 0;
  for (const chunk of text.iter()) {
    for (let i = 0; i < chunk.length; i++) {
      const unit = chunk.charCodeAt(i);
      if (unit < 0x80) bytes += 1;
      else if (unit < 0x800) bytes += 2;
      // A surrogate pair is 4 bytes: 2 for each half.
      else if (unit >= 0xd800 && unit < 0xe000) bytes += 2;
      else bytes += 3;
    }
  }
  return bytes;
}

class Editor {
  // `onChange(text)` hears of edits (debounced), `onRun` and `onGrade` of Ctrl-Enter and
  // Ctrl-Shift-Enter; `label` names the editor for screen readers. An edit (a paste, typing,
  // a reopened program) that would make the text longer than `maxBytes` bytes of UTF-8 is
  // refused before CodeMirror lays it out, and `onTooLarge(bytes)` hears of its size: a
  // 10 MB paste kept Chromium busy for minutes (replica_runtimes::MAX_SOURCE_BYTES).
  constructor(parent, { doc, language, onChange, onRun, onGrade, onTooLarge, maxBytes, label }) {
    this.onTooLarge = onTooLarge;
    this.maxBytes = maxBytes || Infinity;
    this.onChange = onChange;
    this.onRun = onRun;
    this.onGrade = onGrade;
    this.label = label || 'Code editor';
    this.timer = null;
    // One state per language, so switching keeps each one's undo history.
    this.states = new Map();
    this.language = language;
    this.view = new EditorView({ state: this.newState(doc, language), parent });
  }

  newState(doc, language) {
    const lang = LANGUAGES[language];
    if (!lang) throw new Error(`the editor knows no language "${language}"`);
    return EditorState.create({
      doc,
      extensions: [
        basicSetup,
        Prec.highest(keymap.of([
          { key: 'Mod-Enter', run: () => { this.flush(); this.onRun?.(); return true; } },
          { key: 'Shift-Mod-Enter', run: () => { this.flush(); this.onGrade?.(); return true; } },
        ])),
        keymap.of([indentWithTab]),
        lang(),
        EditorView.contentAttributes.of({
          'aria-label': this.label,
          'data-testid': 'editor-content',
          spellcheck: 'false',
          autocorrect: 'off',
          autocapitalize: 'off',
        }),
        EditorState.transactionFilter.of((tr) => this.sizeFilter(tr)),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) this.changed();
        }),
      ],
    });
  }

  // Lets `tr` through unless its text is over `maxBytes` (UTF-16 units never outnumber
  // UTF-8 bytes and a unit is at most 3 of them, so most edits are decided by length).
  sizeFilter(tr) {
    if (!tr.docChanged) return tr;
    const units = tr.changes.newLength;
    if (units * 3 <= this.maxBytes) return tr;
    const bytes = utf8Length(tr.newDoc);
    if (bytes <= this.maxBytes) return tr;
    // An edit still waiting for its debounce is reported first: `onChange` clears the
    // refusal, which must outlive the edits made before it.
    this.flush();
    this.onTooLarge?.(bytes);
    return [];
  }

  changed() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), CHANGE_DELAY_MS);
  }

  // Reports a pending change now (before a Run or Grade reads the text, or on unload).
  flush() {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
      if (this.onChange) this.onChange(this.getDoc());
    }
  }

  getDoc() {
    return this.view.state.doc.toString();
  }

  // Replaces the text as one undoable change (reopening an attempt can be undone).
  setDoc(text) {
    const state = this.view.state;
    this.view.dispatch({ changes: { from: 0, to: state.doc.length, insert: text } });
    this.flush();
  }

  // Switches to `language` with `doc` (its draft), keeping the other language's state.
  setLanguage(language, doc) {
    if (language === this.language) return;
    this.flush();
    this.states.set(this.language, this.view.state);
    const kept = this.states.get(language);
    this.language = language;
    if (kept && kept.doc.toString() === doc) {
      this.view.setState(kept);
    } else {
      this.view.setState(this.newState(doc, language));
    }
  }

  focus() {
    this.view.focus();
  }

  destroy() {
    this.flush();
    this.view.destroy();
  }
}

// ---------------------------------------------------------------- compiling C

// The compiler's worker (`clang/worker.js`), started on the first compile.
let compiler = null;
// The last compile, so "Run" then "Grade" of the same program compiles it once.
let lastCompile = null;

function compilerWorker() {
  if (compiler) return compiler;
  const worker = new Worker(new URL('clang/worker.js', document.baseURI), { type: 'module' });
  compiler = { worker, next: 1, pending: new Map() };
  const failAll = (message) => {
    for (const job of compiler.pending.values()) job.reject(new Error(message));
    compiler.pending.clear();
  };
  worker.onmessage = ({ data }) => {
    const job = compiler.pending.get(data.id);
    if (!job) return;
    if (data.type === 'progress') {
      job.onProgress(data.done, data.total);
      return;
    }
    compiler.pending.delete(data.id);
    if (data.type === 'done') job.resolve(data);
    else job.reject(new Error(data.message));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    failAll(`the C compiler's worker stopped: ${event.message || 'it did not load'}`);
    worker.terminate();
    compiler = null;
  };
  return compiler;
}

// Compiles `source` as main.c: resolves to {wasm: Uint8Array} or {message} (clang's
// errors), each with `compiler` {name, version, digest}; rejects when the compiler
// itself fails or is cancelled. `onProgress(done, total)` hears of its download.
function compileC(source, onProgress) {
  if (lastCompile && lastCompile.source === source) return lastCompile.result;
  const { worker, pending } = compilerWorker();
  const id = compiler.next++;
  const result = new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress: onProgress || (() => {}) });
    worker.postMessage({ id, source });
  });
  lastCompile = { source, result };
  result.catch(() => { if (lastCompile && lastCompile.result === result) lastCompile = null; });
  return result;
}

// Stops every compile under way; the next one starts a fresh worker (its files then come
// from the browser's cache).
function cancelCompile() {
  if (!compiler) return;
  compiler.worker.terminate();
  for (const job of compiler.pending.values()) job.reject(new Error('cancelled'));
  compiler = null;
  lastCompile = null;
}

globalThis.ReplicaEditor = {
  create: (parent, options) => new Editor(parent, options),
  languages: Object.keys(LANGUAGES),
  compileC,
  cancelCompile,
};
