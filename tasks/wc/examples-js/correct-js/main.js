// Example submission for the wc task in JavaScript (Node style): a correct wc written
// from spec.md. Grade it with `replica grade wc tasks/wc/examples-js/correct-js/main.js`.
const fs = require("fs");

const PROG = process.argv[1];
const LINES = 0, WORDS = 1, CHARS = 2, BYTES = 3, LONGEST = 4;
const INVISIBLE = 0, WORD = 1, GAP = 2;

// A character's kind and display width from the spec's table, packed as kind * 4 + width.
function classify(c) {
  if (c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f) return GAP * 4 + 1;
  if (c === 0x2060) return GAP * 4;
  if (c === 0x3000) return GAP * 4 + 2;
  if ((c >= 0x300 && c <= 0x36f) || (c >= 0x483 && c <= 0x489) || (c >= 0x200b && c <= 0x200f) ||
      (c >= 0x202a && c <= 0x202e) || (c >= 0x2061 && c <= 0x2064) ||
      (c >= 0x2066 && c <= 0x206f) || c === 0xfeff)
    return WORD * 4;
  if ((c >= 0x3041 && c <= 0x3096) || (c >= 0x30a1 && c <= 0x30fa) ||
      (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xff01 && c <= 0xff60) || (c >= 0x1f600 && c <= 0x1f64f) ||
      (c >= 0x20000 && c <= 0x2a6df))
    return WORD * 4 + 2;
  if ((c >= 0x21 && c <= 0x7e) || (c >= 0xa1 && c <= 0x24f) || (c >= 0x391 && c <= 0x3a1) ||
      (c >= 0x3a3 && c <= 0x3c9) || (c >= 0x400 && c <= 0x482) ||
      (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e) ||
      (c >= 0xe000 && c <= 0xf8ff) || (c >= 0xff61 && c <= 0xff9f))
    return WORD * 4 + 1;
  return INVISIBLE * 4;
}

// What each ASCII character does: kind * 4 + width, or one of the special codes below.
const NEWLINE = -1, BREAK = -2, TAB = -3, SPACE = -4, VTAB = -5;
const ASCII = new Int8Array(128);
for (let c = 0; c < 128; c++) ASCII[c] = classify(c);
ASCII[10] = NEWLINE;
ASCII[13] = ASCII[12] = BREAK;
ASCII[9] = TAB;
ASCII[32] = SPACE;
ASCII[11] = VTAB;
const LEAST = [0, 0, 0x80, 0x800, 0x10000, 0x200000, 0x4000000];

// The spec's table as regular expression classes, for whole-text counting (the regular
// expression engine does per-character work far faster than a loop in the interpreter).
const GAP1 = "\\u00a0\\u2000-\\u200a\\u202f\\u205f";
const GAP2 = "\\u3000";
const SEPARATORS = "\\n\\r\\f\\t \\v\\u2060" + GAP1 + GAP2;
const WORD0 = "\\u0300-\\u036f\\u0483-\\u0489\\u200b-\\u200f\\u202a-\\u202e\\u2061-\\u2064\\u2066-\\u206f\\ufeff";
const WORD1 = "\\x21-\\x7e\\u00a1-\\u024f\\u0391-\\u03a1\\u03a3-\\u03c9\\u0400-\\u0482\\u2010-\\u2027\\u2030-\\u205e\\ue000-\\uf8ff\\uff61-\\uff9f";
const WORD2 = "\\u3041-\\u3096\\u30a1-\\u30fa\\u4e00-\\u9fff\\uac00-\\ud7a3\\uff01-\\uff60\\u{1f600}-\\u{1f64f}\\u{20000}-\\u{2a6df}";
const INVISIBLE_RE = new RegExp(`[^${SEPARATORS}${WORD0}${WORD1}${WORD2}]`, "gu");
const WORD_RE = new RegExp(`[^${SEPARATORS}]+`, "gu");
const WIDTH1_RE = new RegExp(`[ ${WORD1}${GAP1}]`, "gu");
const WIDTH2_RE = new RegExp(`[${WORD2}${GAP2}]`, "gu");
const matches = (text, re) => (text.match(re) || []).length;
const lineWidth = (piece) => matches(piece, WIDTH1_RE) + 2 * matches(piece, WIDTH2_RE);

// Counts well-formed UTF-8 text with regular expressions.
function countText(text, bytes) {
  const lines = matches(text, /\n/g);
  const chars = text.length - matches(text, /[\ud800-\udbff]/g);
  const words = matches(text.replace(INVISIBLE_RE, ""), WORD_RE);
  let longest = 0;
  for (const line of text.split(/[\n\r\f]/)) {
    let col = 0;
    if (line.includes("\t")) {
      const pieces = line.split("\t");
      for (let i = 0; i < pieces.length - 1; i++) col = (Math.floor((col + lineWidth(pieces[i])) / 8) + 1) * 8;
      col += lineWidth(pieces[pieces.length - 1]);
    } else {
      col = lineWidth(line);
    }
    if (col > longest) longest = col;
  }
  return [lines, words, chars, bytes, longest];
}

const strict = new TextDecoder("utf-8", { fatal: true });

// Counts lines, words, characters, bytes and the longest line.
function countBytes(data) {
  let text = null;
  try {
    text = strict.decode(data);
  } catch (error) {
    // Not well-formed: the byte-by-byte decoder below follows the spec exactly.
  }
  if (text !== null) return countText(text, data.length);
  return countBytesSlowly(data);
}

// Counts lines, words, characters, bytes and the longest line, in one pass.
function countBytesSlowly(data) {
  let lines = 0, words = 0, chars = 0, longest = 0;
  let col = 0, inWord = false, need = 0, len = 0, val = 0;
  const n = data.length;
  for (let i = 0; i < n; i++) {
    const b = data[i];
    // The character this byte completes, or -1.
    let c = -1;
    if (need > 0) {
      if ((b & 0xc0) === 0x80) {
        val = val * 64 + (b & 0x3f);
        if (--need !== 0 || val < LEAST[len] || (val >= 0xd800 && val <= 0xdfff)) continue;
        c = val;
      } else {
        need = 0;
      }
    }
    if (c < 0) {
      if (b >= 0x80) {
        if (b >= 0xc0 && b <= 0xfd) {
          len = b >= 0xfc ? 6 : b >= 0xf8 ? 5 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
          need = len - 1;
          val = b & (0x7f >> len);
        }
        continue;
      }
      c = b;
    }
    chars++;
    const code = c < 128 ? ASCII[c] : classify(c);
    if (code >= WORD * 4 && code < GAP * 4) {
      col += code & 3;
      inWord = true;
      continue;
    }
    if (code >= GAP * 4) {
      col += code & 3;
    } else if (code === NEWLINE) {
      lines++;
      if (col > longest) longest = col;
      col = 0;
    } else if (code === BREAK) {
      if (col > longest) longest = col;
      col = 0;
    } else if (code === TAB) {
      col = (Math.floor(col / 8) + 1) * 8;
    } else if (code === SPACE) {
      col++;
    } else if (code !== VTAB) {
      continue; // invisible: no width, and it does not end a word
    }
    if (inWord) {
      words++;
      inWord = false;
    }
  }
  if (col > longest) longest = col;
  if (inWord) words++;
  return [lines, words, chars, n, longest];
}

const show = [false, false, false, false, false];
let width = 1;
let status = 0;
const total = [0, 0, 0, 0, 0];
let stdinUsed = false;
const out = [];

function row(n, name) {
  const fields = [];
  for (let i = 0; i < 5; i++) if (show[i]) fields.push(String(n[i]).padStart(width));
  out.push(fields.join(" ") + (name === null ? "" : " " + name) + "\n");
}

function reason(error) {
  const reasons = {
    ENOENT: "No such file or directory",
    EISDIR: "Is a directory",
    EACCES: "Permission denied",
    ENOTDIR: "Not a directory",
  };
  return reasons[error.code] || error.message;
}

function count(name) {
  const isStdin = name === null || name === "-";
  let data = new Uint8Array(0);
  try {
    if (isStdin) {
      if (!stdinUsed) data = fs.readFileSync(0);
    } else {
      data = fs.readFileSync(name);
    }
  } catch (error) {
    flush();
    process.stderr.write(`${PROG}: ${name === null ? "standard input" : name}: ${reason(error)}\n`);
    status = 1;
    // A file that opened but could not be read (a directory) still gets its row.
    if (error.syscall !== "read") return;
  }
  if (isStdin) stdinUsed = true;
  const n = countBytes(data);
  row(n, name);
  for (let i = 0; i < LONGEST; i++) total[i] += n[i];
  if (n[LONGEST] > total[LONGEST]) total[LONGEST] = n[LONGEST];
}

function flush() {
  if (out.length) process.stdout.write(out.join(""));
  out.length = 0;
}

function usageError() {
  flush();
  process.stderr.write(`Try '${PROG} --help' for more information.\n`);
  process.exit(1);
}

const LONG_NAMES = ["bytes", "chars", "lines", "words", "debug", "files0-from", "max-line-length", "help", "version"];
const SLOT = { bytes: BYTES, chars: CHARS, lines: LINES, words: WORDS, "max-line-length": LONGEST };

function main() {
  const args = process.argv.slice(2);
  let names = [];
  let files0 = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      names.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const body = a.slice(2);
      const eq = body.indexOf("=");
      const key = eq < 0 ? body : body.slice(0, eq);
      const exact = LONG_NAMES.filter((n) => n === key);
      const hits = exact.length ? exact : LONG_NAMES.filter((n) => n.startsWith(key));
      if (!hits.length) {
        process.stderr.write(`${PROG}: unrecognized option '${a}'\n`);
        usageError();
      }
      if (hits.length > 1) {
        process.stderr.write(`${PROG}: option '${a}' is ambiguous; possibilities:${hits.map((h) => ` '--${h}'`).join("")}\n`);
        usageError();
      }
      const full = hits[0];
      if (full === "files0-from") {
        if (eq >= 0) files0 = body.slice(eq + 1);
        else if (i + 1 < args.length) files0 = args[++i];
        else {
          process.stderr.write(`${PROG}: option '--files0-from' requires an argument\n`);
          usageError();
        }
        continue;
      }
      if (eq >= 0) {
        process.stderr.write(`${PROG}: option '--${full}' doesn't allow an argument\n`);
        usageError();
      }
      if (full === "help" || full === "version") {
        process.stdout.write(`Usage: ${PROG} [OPTION]... [FILE]...\n`);
        return 0;
      }
      if (full in SLOT) show[SLOT[full]] = true;
      continue;
    }
    if (a.startsWith("-") && a !== "-") {
      for (const ch of a.slice(1)) {
        const at = "lwmcL".indexOf(ch);
        if (at < 0) {
          process.stderr.write(`${PROG}: invalid option -- '${ch}'\n`);
          usageError();
        }
        show[at] = true;
      }
      continue;
    }
    names.push(a);
  }
  let selected = show.filter(Boolean).length;
  if (selected === 0) {
    show[LINES] = show[WORDS] = show[BYTES] = true;
    selected = 3;
  }

  let namesFromStdin = false;
  if (files0 !== null) {
    if (names.length) {
      process.stderr.write(`${PROG}: extra operand '${names[0]}'\n`);
      process.stderr.write("file operands cannot be combined with --files0-from\n");
      usageError();
    }
    let listing;
    if (files0 === "-") {
      namesFromStdin = true;
      listing = fs.readFileSync(0);
      stdinUsed = true;
    } else {
      try {
        listing = fs.readFileSync(files0);
      } catch (error) {
        if (error.syscall === "read") process.stderr.write(`${PROG}: ${files0}: read error: ${reason(error)}\n`);
        else process.stderr.write(`${PROG}: cannot open '${files0}' for reading: ${reason(error)}\n`);
        return 1;
      }
    }
    const parts = listing.toString("utf8").split("\0");
    if (parts.length && parts[parts.length - 1] === "") parts.pop();
    names = parts;
  }

  const unnamed = files0 === null && names.length === 0;
  const inputs = unnamed ? ["-"] : names;
  if (namesFromStdin || (inputs.length === 1 && selected === 1)) {
    width = 1;
  } else {
    let size = 0;
    let floor = 1;
    for (const n of inputs) {
      if (n === "-") floor = 7;
      else if (n === "" || !fs.existsSync(n)) continue;
      else {
        const st = fs.statSync(n);
        if (st.isFile()) size += st.size;
        else floor = 7;
      }
    }
    width = Math.max(String(size).length, floor);
  }

  if (unnamed) count(null);
  names.forEach((n, index) => {
    if (namesFromStdin && n === "-") {
      flush();
      process.stderr.write(`${PROG}: when reading file names from stdin, no file name of '-' allowed\n`);
      status = 1;
    } else if (n === "") {
      flush();
      if (files0 !== null) process.stderr.write(`${PROG}: ${files0}:${index + 1}: invalid zero-length file name\n`);
      else process.stderr.write(`${PROG}: invalid zero-length file name\n`);
      status = 1;
    } else {
      count(n);
    }
  });
  if (names.length > 1) row(total, "total");
  flush();
  return status;
}

process.exitCode = main();
