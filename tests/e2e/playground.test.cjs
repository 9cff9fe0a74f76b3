// Browser tests of the playground's code editor (issue 14): a base64 solution typed into
// the editor on the task's "Write code" tab, run beside the reference on typed input
// (with the diff view when they differ), graded in the worker (reward 1.0, the report
// byte-identical to `replica grade base64 main.* --seed 7 --json`), and its draft kept
// across a reload. The solutions are the task's own examples (examples-py/, examples-js/).

'use strict';

const fs = require('fs');
const path = require('path');

module.exports = function (t) {
  const { assert } = t;
  // The first Python run loads CPython (13 MB) into the worker; grading pays its start-up
  // on every case.
  const RUN_MS = 120_000;

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
      const differs = await run(page, 'hello');
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
        { timeout: t.GRADE_MS },
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

      // A reload keeps the language and the draft.
      await page.reload();
      await page.waitForSelector(`[data-testid="editor"][data-ready="true"][data-language="${language}"]`, { timeout: 60_000 });
      assert(await draft(page, task, language) === source, 'the draft changed across the reload');
      const shown = await page.$eval('[data-testid="editor"] .cm-content', (el) => el.textContent);
      assert(shown.includes(source.split('\n').find((l) => l.trim().length > 20).trim()),
        'the editor does not show the draft after a reload');
    });
  }

  playground('javascript', 'main.js', 'examples-js/correct-js', 'readFileSync(0)');
  playground('python', 'main.py', 'examples-py/correct-py', 'sys.stdin.buffer.read()');

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
