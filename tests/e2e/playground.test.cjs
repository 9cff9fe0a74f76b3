// Browser tests of the playground's code editor (issue 14): a base64 solution typed into
// the editor on the task's "Write code" tab, run beside the reference on typed input
// (with the diff view when they differ), graded in the worker (reward 1.0, the report
// byte-identical to `replica grade base64 main.* --seed 7 --json`), and its draft kept
// across a reload; C compiled in the browser; an endless loop ends TLE with the page
// responsive; syntax errors and empty programs. The solutions are the task's own examples
// (examples-py/, examples-js/, examples-c/).

'use strict';

const fs = require('fs');
const path = require('path');

module.exports = function (t) {
  const { assert } = t;
  // The first Python run loads CPython (13 MB) into the worker; the first C compile loads
  // clang (about 100 MB from the site) into its worker; grading pays start-up on every case.
  const RUN_MS = 300_000;

  async function openEditor(page, task) {
    await t.open(page, `#/task/${task}/code`);
    await page.waitForSelector('[data-testid="editor"][data-ready="true"]', { timeout: 60_000 });
  }

  // The editor's text as the page stores it: the draft of `task` in `language`.
  function draft(page, task, language) {
    return page.evaluate(([t, l]) => localStorage.getItem(`replica.draft.${t}.${l}`), [task, language]);
  }

  // Replaces the editor's text by typing `source` (one input event, as a paste is).
  async function typeInto(page, source) {
    await page.click('[data-testid="editor"] .cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(source);
  }

  // Clicks Run (or Grade) and waits until the job it starts has ended (the button is
  // enabled again), so that what is read next is this job's result, not the last one's.
  async function clickAndWait(page, selector) {
    const busy = page.waitForSelector(`${selector}:disabled`, { timeout: 5_000 }).catch(() => {});
    await page.click(selector);
    await busy;
    await page.waitForSelector(`${selector}:not(:disabled)`, { timeout: RUN_MS });
  }

  // Runs the editor's program beside the reference on `stdin` and returns the verdict shown.
  async function run(page, stdin) {
    await page.fill('#code-stdin', stdin);
    await clickAndWait(page, '[data-testid="code-run"]');
    await page.waitForSelector('[data-testid="tried-verdict"], [data-testid="tried-error"]', { timeout: RUN_MS });
    const error = await page.$('[data-testid="tried-error"]');
    if (error) throw new Error(`Run failed: ${await error.textContent()}`);
    return page.textContent('[data-testid="tried-verdict"]');
  }

  // Grading base64 (25 visible + 30 hidden cases) runs the program 55 times, paying the
  // runtime's start-up (CPython about 320M fuel) on every case, on the browser's engine.
  const GRADE_MS = { javascript: t.GRADE_MS, python: 600_000 };

  function playground(language, file, example, readsStdin) {
    t.test(`playground: ${language} base64 typed, run beside the reference, graded 1.0 as by the CLI, draft kept`, async (page) => {
      const task = 'base64';
      const solution = path.join(t.ROOT, 'tasks', task, example, file);
      const source = fs.readFileSync(solution, 'utf8');
      // The tab opens the editor's own page (code.html), which the main page does not carry.
      await t.open(page, `#/task/${task}`);
      await page.click('a.tab[data-tab="Write code"]');
      await page.waitForSelector('[data-testid="editor"][data-ready="true"]', { timeout: 60_000 });
      assert(new URL(page.url()).pathname.endsWith('/code.html'), `the editor opened at ${page.url()}`);
      await page.fill('#code-seed', '7');
      await page.selectOption('[data-testid="code-language"]', language);
      await page.waitForSelector(`[data-testid="editor"][data-language="${language}"]`);
      // The starter is a whole program that copies stdin: Run shows how it differs.
      const starter = await page.textContent('[data-testid="editor"] .cm-content');
      assert(starter.includes(readsStdin), `the ${language} starter does not read stdin: ${starter.slice(0, 200)}`);
      // The first Run in this tab loads the runtime into its worker: from the site when no
      // earlier test of the run used the language (the tests share one browser context, so
      // later ones find it in Cache Storage).
      const first = Date.now();
      const differs = await run(page, 'hello');
      t.timings.push(`playground ${language} first Run in a new tab (runtime loaded into the worker): ${Date.now() - first} ms`);
      assert(/WA/.test(differs), `the starter's Run says ${JSON.stringify(differs)}`);
      await page.waitForSelector('[data-testid="tried-diff"]');

      await typeInto(page, source);
      await page.waitForFunction(
        ([t, l, s]) => localStorage.getItem(`replica.draft.${t}.${l}`) === s,
        [task, language, source],
        { timeout: 10_000 },
      );
      const same = await run(page, 'hello, world\n');
      assert(same === 'same as the reference', `Run of the solution says ${JSON.stringify(same)}`);
      const ours = await page.textContent('[data-testid="tried-program"] [data-testid="run-stdout"]');
      assert(ours.includes('aGVsbG8sIHdvcmxkCg=='), `the program's stdout is ${JSON.stringify(ours)}`);

      const before = await t.attempts(page);
      const started = Date.now();
      await page.click('[data-testid="code-grade"]');
      await page.waitForFunction(
        (n) => {
          const c = document.querySelector('a.tab[data-tab="History"] .count');
          return (c && Number(c.textContent) > n) || document.querySelector('[data-testid="code-notice"]');
        },
        before,
        { timeout: GRADE_MS[language] },
      );
      const notice = await page.$('[data-testid="code-notice"]');
      if (notice) throw new Error(`grading gave a notice: ${await notice.textContent()}`);
      t.timings.push(`playground ${language} base64 grade in the browser: ${Date.now() - started} ms`);
      await page.waitForSelector('[data-testid="reward"]');
      const report = await t.downloadReport(page);
      const cli = t.cli(['grade', task, solution, '--seed', '7', '--json']);
      // 1: graded, but not solved; the reward is checked below, after the comparison.
      assert(cli.code === 0 || cli.code === 1, `replica grade exited ${cli.code}: ${cli.stderr}`);
      if (!report.equals(cli.stdout)) {
        fs.writeFileSync(path.join(t.ARTIFACTS, `playground-${language}-browser.json`), report);
        fs.writeFileSync(path.join(t.ARTIFACTS, `playground-${language}-cli.json`), cli.stdout);
        throw new Error(`the browser's report differs from the CLI's (both in ${t.ARTIFACTS})`);
      }
      assert(await t.reward(page) === 1, `reward ${await t.reward(page)} (the same as the CLI's report)`);
      // Every case ran on the browser's engine: CPython's start-up once went deeper than
      // the engine's fallback threshold, and every Python run went to wasmi (22 minutes).
      const runs = await t.ranOn(page);
      assert(runs.wasmi === 0 && runs.browser > 0, `runs went ${JSON.stringify(runs)}; expected none on wasmi`);

      // The history keeps the graded program: after the editor's text changed, "Open in
      // editor" on the attempt brings it back, in its language.
      await typeInto(page, language === 'python' ? 'print("changed")\n' : 'console.log("changed");\n');
      await page.click('a.tab[data-tab="History"]');
      await page.waitForSelector('[data-testid="attempt"] [data-testid="reopen"]', { timeout: 30_000 });
      await page.click('[data-testid="attempt"] [data-testid="reopen"]');
      await page.waitForSelector(`[data-testid="editor"][data-ready="true"][data-language="${language}"]`, { timeout: 60_000 });
      await page.waitForFunction(
        ([t, l, s]) => localStorage.getItem(`replica.draft.${t}.${l}`) === s,
        [task, language, source],
        { timeout: 10_000 },
      ).catch(() => {});
      const reopened = await page.$eval('[data-testid="editor"] .cm-content', (el) => el.textContent);
      assert(!reopened.includes('changed') && reopened.includes(source.split('\n').find((l) => l.trim().length > 20).trim()),
        `Open in editor shows ${JSON.stringify(reopened.slice(0, 200))}`);

      // A reload keeps the language and the draft.
      await page.reload();
      await page.waitForSelector(`[data-testid="editor"][data-ready="true"][data-language="${language}"]`, { timeout: 60_000 });
      assert(await draft(page, task, language) === source, 'the draft changed across the reload');
      const shown = await page.$eval('[data-testid="editor"] .cm-content', (el) => el.textContent);
      assert(shown.includes(source.split('\n').find((l) => l.trim().length > 20).trim()),
        'the editor does not show the draft after a reload');
    });
  }

  // A tab clicked within the editor's 250 ms debounce of an edit: the page once panicked
  // destroying the editor (a RefCell borrowed twice), stayed on "Opening the page…" and
  // lost the edit. Now it leaves code.html at once and the edit is in the draft.
  t.test('playground: a tab clicked right after an edit opens at once and the edit is kept', async (page) => {
    await openEditor(page, 'wc');
    await page.selectOption('[data-testid="code-language"]', 'javascript');
    await page.waitForSelector('[data-testid="editor"][data-language="javascript"]');
    const edit = `console.log("edited ${Date.now()}");\n`;
    await typeInto(page, edit);
    const clicked = Date.now();
    await page.click('a.tab[data-tab="History"]');
    await page.waitForSelector('[data-testid="history"]', { timeout: 10_000 });
    const ms = Date.now() - clicked;
    assert(!new URL(page.url()).pathname.endsWith('/code.html'), `the History tab stayed on ${page.url()}`);
    assert(await draft(page, 'wc', 'javascript') === edit, 'the edit made just before the click was lost');
    t.timings.push(`playground History tab from code.html right after an edit: ${ms} ms`);
    // And back: the editor shows the edit; switching the language right after an edit
    // keeps it too (the same double borrow was there).
    await page.click('a.tab[data-tab="Write code"]');
    await page.waitForSelector('[data-testid="editor"][data-ready="true"][data-language="javascript"]', { timeout: 60_000 });
    const second = 'console.log("second");\n';
    await typeInto(page, second);
    await page.selectOption('[data-testid="code-language"]', 'python');
    await page.waitForSelector('[data-testid="editor"][data-language="python"]');
    assert(await draft(page, 'wc', 'javascript') === second, 'the edit made just before switching language was lost');
    assert(await page.$('[data-testid="code-run"]:not(:disabled)'), 'the page stopped working after the switch');
  });

  playground('javascript', 'main.js', 'examples-js/correct-js', 'readFileSync(0)');
  playground('python', 'main.py', 'examples-py/correct-py', 'sys.stdin.buffer.read()');

  // The longest gap between timer ticks on the page's main thread over `ms`: a page whose
  // thread is busy (a guest run outside the worker) would show gaps of seconds.
  function longestGap(page, ms) {
    return page.evaluate((ms) => new Promise((resolve) => {
      let last = performance.now();
      let worst = 0;
      const start = last;
      const timer = setInterval(() => {
        const now = performance.now();
        worst = Math.max(worst, now - last);
        last = now;
        if (now - start > ms) {
          clearInterval(timer);
          resolve(worst);
        }
      }, 20);
    }), ms);
  }

  t.test('playground: `while True: pass` ends TLE while the page stays responsive; Cancel stops a run', async (page) => {
    await openEditor(page, 'base64');
    await page.selectOption('[data-testid="code-language"]', 'python');
    await page.waitForSelector('[data-testid="editor"][data-language="python"]');
    const loop = 'while True:\n    pass\n';
    await typeInto(page, loop);
    await page.fill('#code-stdin', 'x');
    const started = Date.now();
    await page.click('[data-testid="code-run"]');
    await page.waitForSelector('[data-testid="code-run"]:disabled', { timeout: 5_000 });
    await page.waitForSelector('[data-testid="progress"]', { timeout: 5_000 });
    // While the loop burns its fuel in the worker, the page answers and the editor edits.
    const gap = await longestGap(page, 2_000);
    assert(gap < 1_000, `the page's main thread stalled for ${Math.round(gap)} ms during the run`);
    assert(await page.$('[data-testid="code-run"]:disabled'), 'the run ended before the responsiveness check');
    await page.waitForSelector('[data-testid="code-run"]:not(:disabled)', { timeout: RUN_MS });
    const verdict = await page.$eval('[data-testid="tried-verdict"]', (el) => [el.dataset.verdict, el.textContent]);
    assert(verdict[0] === 'TLE', `the endless loop's Run says ${JSON.stringify(verdict)}`);
    t.timings.push(`playground python \`while True: pass\` Run to TLE: ${Date.now() - started} ms`);

    // Cancel ends a run at once and leaves the page usable: Run works again afterwards.
    await page.click('[data-testid="code-run"]');
    await page.waitForSelector('[data-testid="progress"] button', { timeout: 5_000 });
    const cancelled = Date.now();
    await page.click('[data-testid="progress"] button');
    await page.waitForSelector('[data-testid="code-run"]:not(:disabled)', { timeout: 10_000 });
    t.timings.push(`playground Cancel of a running program: ${Date.now() - cancelled} ms`);
    await typeInto(page, 'import sys\nsys.stdout.write("ok")\n');
    const after = await run(page, 'x');
    assert(/WA/.test(after), `Run after Cancel says ${JSON.stringify(after)}`);
    const ours = await page.textContent('[data-testid="tried-program"] [data-testid="run-stdout"]');
    assert(ours.includes('ok'), `the program's stdout after Cancel is ${JSON.stringify(ours)}`);
  });

  // A program over the 1 MiB limit (replica_runtimes::MAX_SOURCE_BYTES): the editor refuses
  // a paste making it 10 MiB at once, in the words of the CLI's CE for a 10 MiB file (before the
  // limit, CodeMirror kept Chromium's renderer busy for minutes), keeps the program as it
  // was, and the page goes on working; typing past the limit is refused the same way.
  t.test('playground: a 10 MB paste is refused with the CLI\'s message; the page goes on working', async (page) => {
    const big = 'x = 0;\n'.repeat(Math.floor((10 << 20) / 7)).padEnd(10 << 20, '\n');
    const file = path.join(t.ARTIFACTS, 'too-large', 'main.js');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, big);
    const cli = t.cli(['grade', 'base64', file, '--seed', '7', '--hidden', '0', '--json']);
    assert(cli.code === 1, `replica grade of 10 MB exited ${cli.code}: ${cli.stderr}`);
    const expected = JSON.parse(cli.stdout.toString('utf8')).compile_error;
    assert(/at most 1 MiB/.test(expected), `the CLI's CE says ${JSON.stringify(expected)}`);

    await openEditor(page, 'base64');
    await page.selectOption('[data-testid="code-language"]', 'javascript');
    await page.waitForSelector('[data-testid="editor"][data-language="javascript"]');
    const small = 'console.log("kept");\n';
    await typeInto(page, small);
    const pasted = Date.now();
    await page.evaluate((size) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'x = 0;\n'.repeat(Math.floor(size / 7)).padEnd(size, '\n'));
      const content = document.querySelector('[data-testid="editor"] .cm-content');
      content.focus();
      content.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, (10 << 20) - small.length);
    await page.waitForSelector('[data-testid="editor-refused"]', { timeout: 30_000 });
    const refusedMs = Date.now() - pasted;
    const message = await page.textContent('[data-testid="editor-refused"]');
    assert(message.includes(expected), `the editor says ${JSON.stringify(message)}; the CLI ${JSON.stringify(expected)}`);
    const text = await page.textContent('[data-testid="editor"] .cm-content');
    assert(text.includes('kept') && text.length < 1000, `after the refused paste the editor holds ${text.length} characters`);
    t.timings.push(`playground 10 MB paste refused in ${refusedMs} ms`);

    // Typed text over the limit (one input event of 1 MiB and a byte) is refused too.
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('/'.repeat((1 << 20) - small.length + 1));
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="editor"] .cm-content');
      const refused = document.querySelector('[data-testid="editor-refused"]');
      return el && el.textContent.length < 1000 && refused && refused.textContent.includes('(1048577 bytes)');
    }, null, { timeout: 30_000 });
    const typed = await page.textContent('[data-testid="editor-refused"]');
    assert(typed.includes('the program is 1.00 MiB (1048577 bytes); a program in Python'), `typing past the limit says ${JSON.stringify(typed)}`);

    // The page works: the kept program runs, and an accepted edit clears the refusal.
    const verdict = await run(page, 'x');
    assert(/WA/.test(verdict), `Run after the refusal says ${JSON.stringify(verdict)}`);
    const ours = await page.textContent('[data-testid="tried-program"] [data-testid="run-stdout"]');
    assert(ours.includes('kept'), `the program's stdout after the refusal is ${JSON.stringify(ours)}`);
    await page.click('[data-testid="editor"] .cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('// fine\n');
    await page.waitForSelector('[data-testid="editor-refused"]', { state: 'detached', timeout: 5_000 });
  });

  // Bad input: a program flooding its output ends OLE and the page survives.
  t.test('playground: an output flood ends OLE', async (page) => {
    await openEditor(page, 'base64');
    await page.selectOption('[data-testid="code-language"]', 'python');
    await page.waitForSelector('[data-testid="editor"][data-language="python"]');
    await typeInto(page, 'while True:\n    print("y" * 1000)\n');
    const flooded = Date.now();
    await clickAndWait(page, '[data-testid="code-run"]');
    const ole = await page.$eval('[data-testid="tried-verdict"]', (el) => [el.dataset.verdict, el.textContent]);
    assert(ole[0] === 'OLE', `the output flood's Run says ${JSON.stringify(ole)}`);
    const shown = await page.textContent('[data-testid="tried-program"] [data-testid="run-stdout"]');
    assert(shown.length > 0 && shown.length <= 2 << 20, `the page shows ${shown.length} characters of the flood`);
    t.timings.push(`playground Python output flood Run to OLE: ${Date.now() - flooded} ms`);
  });

  // C compiles in the page's worker with YoWASP's clang (clang 22 as wasm), the CLI with
  // the host's Debian clang: the modules differ, so their fuel and the report's compiler
  // differ too; the verdicts, case by case, must not.
  t.test('playground: C base64 compiled in the browser, run beside the reference, graded with the CLI\'s verdicts', async (page) => {
    const task = 'base64';
    const solution = path.join(t.ROOT, 'tasks', task, 'examples-c/correct-c/main.c');
    const source = fs.readFileSync(solution, 'utf8');
    await openEditor(page, task);
    await page.fill('#code-seed', '7');
    await page.selectOption('[data-testid="code-language"]', 'c');
    await page.waitForSelector('[data-testid="editor"][data-language="c"]');
    await typeInto(page, source);
    const started = Date.now();
    const same = await run(page, 'hello, world\n');
    assert(same === 'same as the reference', `Run of the C solution says ${JSON.stringify(same)}`);
    t.timings.push(`playground C first compile (compiler download included) and Run: ${Date.now() - started} ms`);
    const again = Date.now();
    assert(await run(page, 'hello, world\n') === 'same as the reference', 'the second Run differs');
    t.timings.push(`playground C later compile and Run: ${Date.now() - again} ms`);

    const before = await t.attempts(page);
    await page.click('[data-testid="code-grade"]');
    await page.waitForFunction(
      (n) => {
        const c = document.querySelector('a.tab[data-tab="History"] .count');
        return (c && Number(c.textContent) > n) || document.querySelector('[data-testid="code-notice"]');
      },
      before,
      { timeout: t.GRADE_MS },
    );
    const notice = await page.$('[data-testid="code-notice"]');
    if (notice) throw new Error(`grading gave a notice: ${await notice.textContent()}`);
    await page.waitForSelector('[data-testid="reward"]');
    const report = JSON.parse((await t.downloadReport(page)).toString('utf8'));
    const cli = t.cli(['grade', task, solution, '--seed', '7', '--json']);
    assert(cli.code === 0, `replica grade exited ${cli.code}: ${cli.stderr}`);
    const expected = JSON.parse(cli.stdout.toString('utf8'));
    const verdicts = (r) => r.cases.map((c) => `${c.name}: ${c.verdict}`);
    assert(JSON.stringify(verdicts(report)) === JSON.stringify(verdicts(expected)),
      `the browser's verdicts differ from the CLI's:\n${verdicts(report).join('\n')}\n---\n${verdicts(expected).join('\n')}`);
    assert(report.task.digest === expected.task.digest, 'the task digests differ');
    assert(report.submission.language === 'c' && report.submission.runtime?.name === 'clang',
      `the report names ${JSON.stringify(report.submission)}`);
    assert(report.reward === 1 && expected.reward === 1, `rewards ${report.reward} (browser), ${expected.reward} (CLI)`);
  });

  t.test('playground: C that does not compile is a CE with clang\'s message', async (page) => {
    await openEditor(page, 'base64');
    await page.selectOption('[data-testid="code-language"]', 'c');
    await page.waitForSelector('[data-testid="editor"][data-language="c"]');
    await typeInto(page, 'int main(void) { return x; }\n');
    await page.fill('#code-stdin', 'x');
    await clickAndWait(page, '[data-testid="code-run"]');
    await page.waitForSelector('[data-testid="tried-compile-error"], [data-testid="tried-error"]', { timeout: RUN_MS });
    const error = await page.$('[data-testid="tried-error"]');
    if (error) throw new Error(`Run failed: ${await error.textContent()}`);
    const message = await page.textContent('[data-testid="tried-compile-error"]');
    assert(/undeclared identifier 'x'/.test(message), `the compile error shows ${JSON.stringify(message.slice(0, 300))}`);
    assert(await page.textContent('[data-testid="tried-verdict"]') === 'did not compile', 'the verdict is not "did not compile"');
  });

  t.test('playground: a syntax error is a CE with the interpreter\'s message; an empty program is refused', async (page) => {
    await openEditor(page, 'base64');
    await page.selectOption('[data-testid="code-language"]', 'javascript');
    await page.waitForSelector('[data-testid="editor"][data-language="javascript"]');
    await typeInto(page, 'const = ;\n');
    await page.fill('#code-stdin', 'x');
    await clickAndWait(page, '[data-testid="code-run"]');
    await page.waitForSelector('[data-testid="tried-verdict"], [data-testid="tried-error"]', { timeout: RUN_MS });
    const verdict = await page.textContent('[data-testid="tried-verdict"]').catch(() => '');
    const stderr = await page.textContent('[data-testid="tried-program"]').catch(() => '');
    assert(/SyntaxError/i.test(stderr) || /SyntaxError/i.test(verdict), `Run of a syntax error shows ${JSON.stringify(verdict)} / ${JSON.stringify(stderr.slice(0, 300))}`);
    await typeInto(page, '   \n');
    await page.click('[data-testid="code-grade"]');
    await page.waitForSelector('[data-testid="code-notice"]', { timeout: 10_000 });
    const notice = await page.textContent('[data-testid="code-notice"]');
    assert(/empty/.test(notice), `an empty program gives ${JSON.stringify(notice)}`);
  });
};
