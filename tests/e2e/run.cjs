// Browser end-to-end tests of the playground, run by `cargo xtask test` (see
// crates/xtask/src/web.rs, which builds the site, serves it under a sub-path and sets the
// E2E_* variables). playwright-core drives Debian's Chromium; nothing is downloaded.
//
// Every wait is bounded; a failing test saves a screenshot to $E2E_ARTIFACTS and the run
// ends with the line "N passed, N failed" and a non-zero exit code on failure.

'use strict';

const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const BASE = mustEnv('E2E_BASE_URL');
const ROOT = mustEnv('E2E_ROOT');
const CLI = mustEnv('E2E_CLI');
const ARTIFACTS = mustEnv('E2E_ARTIFACTS');
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const SEED = process.env.E2E_SEED || '7';
const PACK = path.join(ROOT, 'target/site/tasks');
// Grading a whole task in the browser; generous because CI machines are small.
const GRADE_MS = 300_000;

function mustEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`e2e: ${name} is not set; run the tests with \`cargo xtask test\``);
    process.exit(2);
  }
  return value;
}

// ---------------------------------------------------------------- the task pack

const index = JSON.parse(fs.readFileSync(path.join(PACK, 'index.json'), 'utf8'));
const tasks = index.tasks.map((t) => {
  const toml = fs.readFileSync(path.join(PACK, t.id, 'task.toml'), 'utf8');
  const spec = fs.readFileSync(path.join(PACK, t.id, 'spec.md'), 'utf8');
  return {
    id: t.id,
    title: tomlString(toml, 'title'),
    visible: (toml.match(/^\[\[case\]\]\s*$/gm) || []).length,
    spec,
    examples: [...new Set(t.examples)].map((name) => ({
      name,
      wasm: path.join(PACK, t.id, 'examples', `${name}.wasm`),
      solved: expectSolved(t.id, name),
    })),
  };
});

function tomlString(toml, key) {
  const m = toml.match(new RegExp(`^${key}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'm'));
  return m ? JSON.parse(`"${m[1]}"`) : undefined;
}

// `solved` from the example's expect.toml (Rust examples, then C examples).
function expectSolved(task, name) {
  for (const dir of ['examples', 'examples-c']) {
    const file = path.join(ROOT, 'tasks', task, dir, name, 'expect.toml');
    if (fs.existsSync(file)) {
      return /^solved\s*=\s*true\s*$/m.test(fs.readFileSync(file, 'utf8'));
    }
  }
  throw new Error(`no expect.toml for example ${task}/${name}`);
}

// Hand-assembled WASI command modules: `_start` loops forever, or grows memory until
// refused and then traps.
const MODULE_HEAD =
  '0061736d01000000 01040160000003020100 0503010001 0713 02 066d656d6f7279 0200 065f7374617274 0000';
const LOOP_WASM = hex(MODULE_HEAD + ' 0a09 01 07 00 0340 0c00 0b 0b');
const BOMB_WASM = hex(MODULE_HEAD + ' 0a11 01 0f 00 0340 4101 4000 417f 47 0d00 0b 00 0b');
// `_start` recurses 40,000 calls deep (8 stack units a frame), then loops forever at the
// bottom:
//   (func $down (param i32) (if (local.get 0)
//     (then (call $down (i32.sub (local.get 0) (i32.const 1)))) (else (loop (br 0)))))
// Deep enough that the browser's engine hands every run to wasmi (FALLBACK_UNITS in
// crates/sandbox/src/engine/browser.rs), so each case spends its whole fuel limit on the
// interpreter: a grade that takes seconds although every case has a limit.
const DEEP_LOOP_WASM = hex(
  '0061736d01000000 0108 02 60017f00 600000 0303 02 00 01 0503 01 00 01' +
    ' 0713 02 06 6d656d6f7279 0200 06 5f7374617274 0001' +
    ' 0a1f 02 14 00 2000 0440 2000 4101 6b 1000 05 0340 0c00 0b 0b 0b 08 00 41c0b802 1000 0b',
);

function hex(s) {
  return Buffer.from(s.replace(/\s+/g, ''), 'hex');
}

// ---------------------------------------------------------------- the CLI

function cli(args, input) {
  const started = Date.now();
  const r = spawnSync(CLI, args, { cwd: ROOT, input, maxBuffer: 256 << 20 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

// ---------------------------------------------------------------- page helpers

async function open(page, hash) {
  await page.goto(BASE + hash);
  await page.waitForSelector('.topbar');
}

async function attempts(page) {
  await page.waitForSelector('a.tab[data-tab="History"]');
  return page.$eval('a.tab[data-tab="History"]', (el) => {
    const c = el.querySelector('.count');
    return c ? Number(c.textContent) : 0;
  });
}

// Grades `file` (a path, or {name, mimeType, buffer}) on the submit tab of `task` and
// waits for the new report (the history count goes up) or a notice.
async function grade(page, task, file, seed = SEED) {
  await open(page, `#/task/${task}/submit`);
  await page.waitForSelector('#submission', { state: 'attached' });
  await page.fill('#seed', String(seed));
  const before = await attempts(page);
  const started = Date.now();
  await page.setInputFiles('#submission', file);
  await startedOrDone(page, before);
  await page.waitForFunction(
    (n) => {
      const c = document.querySelector('a.tab[data-tab="History"] .count');
      return (c && Number(c.textContent) > n) || document.querySelector('.submit .alert');
    },
    before,
    { timeout: GRADE_MS },
  );
  const notice = await page.$('.submit .alert');
  if (notice) throw new Error(`grading gave a notice: ${await notice.textContent()}`);
  await page.waitForSelector('[data-testid="reward"]');
  return Date.now() - started;
}

// Grading must visibly start (or already be done) soon after a submission is given.
async function startedOrDone(page, before) {
  await page.waitForFunction((n) => {
    const c = document.querySelector('a.tab[data-tab="History"] .count');
    return document.querySelector('[data-testid="progress"]') || (c && Number(c.textContent) > n) ||
      document.querySelector('.submit .alert');
  }, before, { timeout: 15_000 });
}

async function reward(page) {
  return Number(await page.getAttribute('[data-testid="reward"]', 'data-reward'));
}

// Which engine the worker's runs for the shown report went to: { browser, wasmi }.
async function ranOn(page) {
  const el = await page.waitForSelector('[data-testid="ran-on"]', { timeout: 5_000 });
  return {
    browser: Number(await el.getAttribute('data-browser')),
    wasmi: Number(await el.getAttribute('data-wasmi')),
  };
}

async function downloadReport(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.click('[data-testid="download"]'),
  ]);
  return fs.readFileSync(await download.path());
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function hashOf(page) {
  return new URL(page.url()).hash;
}

// ---------------------------------------------------------------- the tests

const tests = [];
let passed = 0;
let failed = 0;
function test(name, fn) {
  tests.push({ name, fn });
}

test('the catalogue lists every task with its facts', async (page) => {
  await open(page, '#/');
  await page.waitForFunction((n) => document.querySelectorAll('.task-card').length === n, tasks.length);
  for (const task of tasks) {
    const card = `.task-card[data-task="${task.id}"]`;
    const title = await page.textContent(`${card} h2`);
    assert(title === task.title, `card title ${JSON.stringify(title)} != ${JSON.stringify(task.title)}`);
    const visible = Number(await page.textContent(`${card} .visible-count`));
    assert(visible === task.visible, `${task.id}: ${visible} visible cases shown, task.toml has ${task.visible}`);
  }
  await page.screenshot({ path: path.join(ARTIFACTS, 'catalogue-1280.png'), fullPage: true });
});

test('a task opens by keyboard and its spec renders markdown', async (page) => {
  await open(page, '#/');
  await page.waitForSelector('.task-card a');
  // Tab to the first task link, as a keyboard user would.
  let onLink = false;
  for (let i = 0; i < 30 && !onLink; i++) {
    await page.keyboard.press('Tab');
    onLink = await page.evaluate(() => !!document.activeElement.closest('.task-card a'));
  }
  assert(onLink, 'Tab never reached a task link');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#/task/'), null, { timeout: 10_000 });
  for (const task of tasks) {
    await open(page, `#/task/${task.id}`);
    await page.waitForSelector('.spec');
    const heading = (task.spec.match(/^#{1,3} (.+)$/m) || [])[1];
    if (heading) {
      const text = await page.textContent('.spec');
      assert(text.includes(heading.replace(/`/g, '')), `${task.id}: spec lacks heading ${heading}`);
    }
    if (task.spec.includes('```')) await page.waitForSelector('.spec pre code', { timeout: 5_000 });
    if (/^\|.*\|\s*$/m.test(task.spec)) await page.waitForSelector('.spec table', { timeout: 5_000 });
    assert(!(await page.$('.spec script')), 'raw HTML must not reach the page');
  }
  await page.screenshot({ path: path.join(ARTIFACTS, 'spec-1280.png'), fullPage: false });
});

test('the reference runs on custom input like the CLI', async (page) => {
  for (const task of tasks) {
    await open(page, `#/task/${task.id}/run`);
    await page.waitForSelector('#run-stdin');
    const stdin = 'hello world\nsecond line \t\n';
    await page.fill('#run-stdin', stdin);
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-testid="run-ending"]', { timeout: 60_000 });
    const shown = await page.$$eval('[data-testid="run-stdout"] .line', (lines) =>
      lines.map((l) => l.textContent));
    const native = cli(['run', task.id], Buffer.from(stdin));
    const expected = native.stdout.toString('utf8').split(/(?<=\n)/).filter((l) => l !== '');
    // The page marks invisibles; compare the text with the markers the view adds.
    const marked = expected.map((l) =>
      l.endsWith('\n') ? visibleLine(l.slice(0, -1)) : visibleLine(l) + 'no newline at end');
    assert(JSON.stringify(shown) === JSON.stringify(marked),
      `${task.id}: page stdout ${JSON.stringify(shown)} != CLI ${JSON.stringify(marked)}`);
    const ending = await page.textContent('[data-testid="run-ending"]');
    assert(ending === `exit ${native.code}`, `${task.id}: ${ending} but the CLI exited ${native.code}`);
  }
  // Quoted arguments and an input file.
  const wc = tasks.find((t) => t.id === 'wc');
  if (wc) {
    await open(page, '#/task/wc/run');
    await page.fill('#run-args', `-l 'my file.txt'`);
    await page.setInputFiles('.file-btn >> text=Add files… >> input[type=file]', {
      name: 'my file.txt', mimeType: 'text/plain', buffer: Buffer.from('a\nb\n'),
    });
    await page.waitForSelector('.file-list li');
    await page.click('button[type="submit"]');
    await page.waitForFunction(() => {
      const out = document.querySelector('[data-testid="run-stdout"]');
      return out && out.textContent.includes('my file.txt');
    }, null, { timeout: 60_000 });
    const out = await page.textContent('[data-testid="run-stdout"]');
    assert(/^2 my file\.txt/.test(out.trim()), `wc -l gave ${JSON.stringify(out)}`);
  }
});

// Mirrors visible.rs for plain lines: trailing spaces as ·, tabs as →, \r as ␍.
function visibleLine(line) {
  const trailing = line.length - line.replace(/ +$/, '').length;
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ' ' && i >= line.length - trailing) out += '·';
    else if (c === '\t') out += '→\t';
    else if (c === '\r') out += '\\r';
    else out += c;
  }
  return out;
}

const timings = [];

test('every example grades as expected, byte-identical to the CLI', async (page) => {
  for (const task of tasks) {
    let browserMs = 0;
    let cliMs = 0;
    for (const example of task.examples) {
      const label = `${task.id}/${example.name}`;
      browserMs += await grade(page, task.id, example.wasm);
      const r = await reward(page);
      if (example.solved) {
        assert(r === 1, `${label}: reward ${r}, expected 1`);
        await page.waitForSelector('[data-testid="solved"]', { timeout: 5_000 });
      } else {
        assert(r > 0 && r < 1, `${label}: reward ${r}, expected strictly between 0 and 1`);
        // A failing case shows what differs.
        await page.click('.chip:not(.v-ac) >> nth=0');
        await page.waitForSelector('[data-testid="case"]');
        await page.waitForSelector(
          '[data-testid="case"] :is([data-testid="text-diff"], [data-testid="hex-diff"], [data-testid="exit-diff"], .file-diff)',
          { timeout: 5_000 });
        // The filter leaves only failing chips.
        const failing = await page.$$eval('.chip[data-verdict]', (cs) => cs.filter((c) => c.dataset.verdict !== 'AC').length);
        await page.check('.cases-head input[type="checkbox"]');
        const shown = await page.$$eval('.chip[data-verdict]', (cs) => cs.map((c) => c.dataset.verdict));
        assert(shown.length === failing && !shown.includes('AC'), `${label}: filter shows ${shown}`);
        await page.uncheck('.cases-head input[type="checkbox"]');
      }
      // The browser's own engine ran it (wasmi only takes runs that trap or recurse
      // deeply), so the byte-for-byte check below compares it with the CLI's wasmtime.
      const runs = await ranOn(page);
      assert(runs.browser > 0, `${label}: no run on the browser's engine (${JSON.stringify(runs)})`);
      const fromPage = await downloadReport(page);
      const native = cli(['grade', task.id, example.wasm, '--seed', SEED, '--json']);
      cliMs += native.ms;
      assert(native.code === 0 || native.code === 1, `${label}: CLI exited ${native.code}: ${native.stderr}`);
      if (!fromPage.equals(native.stdout)) {
        // Keep both reports beside the screenshots, so the difference can be read.
        const stem = path.join(ARTIFACTS, label.replace('/', '-'));
        fs.writeFileSync(`${stem}.page.json`, fromPage);
        fs.writeFileSync(`${stem}.cli.json`, native.stdout);
      }
      assert(fromPage.equals(native.stdout),
        `${label}: the page's report differs from the CLI's (${fromPage.length} vs ${native.stdout.length} bytes; both in ${ARTIFACTS})`);
    }
    timings.push(`${task.id}: ${task.examples.length} examples graded in ${(browserMs / 1000).toFixed(1)} s in the browser, ${(cliMs / 1000).toFixed(1)} s by the CLI`);
  }
});

test('an example button grades without a file', async (page) => {
  const task = tasks.find((t) => t.examples.some((e) => e.solved));
  const example = task.examples.find((e) => e.solved);
  await open(page, `#/task/${task.id}/submit`);
  const before = await attempts(page);
  await page.click(`[data-example="${example.name}"]`);
  await startedOrDone(page, before);
  await page.waitForFunction((n) => {
    const c = document.querySelector('a.tab[data-tab="History"] .count');
    return c && Number(c.textContent) > n;
  }, before, { timeout: GRADE_MS });
  assert((await reward(page)) === 1, 'the solved example did not get 1.0');
});

test('a file that is not wasm is a compile error with the reason', async (page) => {
  const task = tasks[0];
  await grade(page, task.id, { name: 'notes.wasm', mimeType: 'application/wasm', buffer: Buffer.from('hello, not wasm\n') });
  assert((await reward(page)) === 0, 'reward must be 0');
  const message = await page.textContent('[data-testid="compile-error"]');
  assert(message.length > 40, `compile error message too short: ${message}`);
  const verdicts = await page.$$eval('.chip[data-verdict]', (cs) => [...new Set(cs.map((c) => c.dataset.verdict))]);
  assert(JSON.stringify(verdicts) === '["CE"]', `verdicts ${verdicts}`);
});

test('a memory bomb is MLE', async (page) => {
  await grade(page, tasks[0].id, { name: 'bomb.wasm', mimeType: 'application/wasm', buffer: BOMB_WASM });
  const verdicts = await page.$$eval('.chip[data-verdict]', (cs) => [...new Set(cs.map((c) => c.dataset.verdict))]);
  assert(JSON.stringify(verdicts) === '["MLE"]', `verdicts ${verdicts}`);
});

test('cancel stops an endless loop at once and the page stays usable', async (page) => {
  const task = tasks.find((t) => t.examples.some((e) => e.solved));
  await open(page, `#/task/${task.id}/submit`);
  await page.waitForSelector('#submission', { state: 'attached' });
  // A new seed makes the worker prepare the task again, which must be cancellable too.
  // A plain endless loop is graded within seconds now that each case's fuel limit follows
  // from the reference's; this one runs its limits on wasmi, long enough to cancel.
  await page.setInputFiles('#submission', { name: 'loop.wasm', mimeType: 'application/wasm', buffer: DEEP_LOOP_WASM });
  await page.waitForFunction(() => {
    const l = document.querySelector('[data-testid="progress-label"]');
    return l && l.textContent.startsWith('Grading: case');
  }, null, { timeout: GRADE_MS });
  // The page answers while the worker loops: switch tabs and come back.
  const t0 = Date.now();
  await page.click('a.tab[data-tab="Spec"]');
  await page.waitForSelector('.spec', { timeout: 2_000 });
  await page.click('a.tab[data-tab="Submit"]');
  await page.waitForSelector('[data-testid="progress"]', { timeout: 2_000 });
  assert(Date.now() - t0 < 3_000, 'the page was slow to respond while grading');
  const t1 = Date.now();
  await page.click('[data-testid="progress"] button');
  await page.waitForSelector('[data-testid="progress"]', { state: 'detached', timeout: 2_000 });
  assert(Date.now() - t1 < 2_000, 'cancel took too long');
  const notice = await page.textContent('.submit .alert');
  assert(notice.includes('cancelled'), `notice: ${notice}`);
  // A fresh worker grades the next submission.
  const example = task.examples.find((e) => e.solved);
  await grade(page, task.id, example.wasm);
  assert((await reward(page)) === 1, 'grading after cancel failed');
});

test('a 1 MiB input never freezes the page', async (page) => {
  const task = tasks.find((t) => t.id === 'sha256sum') || tasks[0];
  await open(page, `#/task/${task.id}/run`);
  await page.waitForSelector('#run-stdin');
  const big = Buffer.alloc(1 << 20, 'replica ');
  await page.setInputFiles('.file-btn >> text=Read stdin from a file… >> input[type=file]', {
    name: 'big.txt', mimeType: 'text/plain', buffer: big,
  });
  await page.waitForSelector('.picked');
  // A timer on the page's thread: long gaps would mean the page froze.
  await page.evaluate(() => {
    window.__gaps = [];
    let last = performance.now();
    window.__probe = setInterval(() => {
      const now = performance.now();
      window.__gaps.push(now - last);
      last = now;
    }, 25);
  });
  await page.click('button[type="submit"]');
  await page.waitForSelector('[data-testid="run-ending"]', { timeout: 120_000 });
  const worst = await page.evaluate(() => {
    clearInterval(window.__probe);
    return Math.max(...window.__gaps);
  });
  assert(worst < 500, `the page froze for ${worst.toFixed(0)} ms`);
});

test('routes: a case link, back and forward, and reload keep the place', async (page) => {
  const task = tasks.find((t) => t.examples.some((e) => !e.solved));
  const example = task.examples.find((e) => !e.solved);
  await grade(page, task.id, example.wasm);
  await page.click('.chip >> nth=0');
  await page.waitForFunction((id) => location.hash === `#/task/${id}/case/0`, task.id);
  const first = await page.textContent('[data-testid="case"] h2');
  await page.click('.chip >> nth=1');
  await page.waitForFunction((id) => location.hash === `#/task/${id}/case/1`, task.id);
  await page.goBack();
  await page.waitForFunction((id) => location.hash === `#/task/${id}/case/0`, task.id);
  assert((await page.textContent('[data-testid="case"] h2')) === first, 'back did not show case 0');
  await page.goForward();
  await page.waitForFunction((id) => location.hash === `#/task/${id}/case/1`, task.id);
  await page.reload();
  await page.waitForSelector('[data-testid="case"]');
  assert(hashOf(page) === `#/task/${task.id}/case/1`, 'reload lost the route');
});

test('history keeps every attempt across a reload', async (page) => {
  const task = tasks[0];
  await open(page, `#/task/${task.id}/history`);
  await page.waitForSelector('[data-testid="history"]');
  const rows = await page.$$eval('[data-testid="attempt"]', (r) => r.length);
  assert(rows >= task.examples.length, `${rows} attempts shown, at least ${task.examples.length} graded`);
  const points = await page.getAttribute('.spark-line', 'points');
  assert(points && points.split(' ').length === rows, `sparkline has ${points}`);
  await page.reload();
  await page.waitForSelector('[data-testid="attempt"]');
  const after = await page.$$eval('[data-testid="attempt"]', (r) => r.length);
  assert(after === rows, `${after} attempts after reload, ${rows} before`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'history-1280.png'), fullPage: true });
});

test('pages fit a 390 px phone', async (page) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const task = tasks.find((t) => t.examples.some((e) => !e.solved));
  for (const hash of ['#/', `#/task/${task.id}`, `#/task/${task.id}/run`, `#/task/${task.id}/case/0`, `#/task/${task.id}/history`]) {
    await open(page, hash);
    await page.waitForSelector('.page h1, .page h2');
    await page.waitForLoadState('networkidle');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert(width <= 390, `${hash} is ${width} px wide at 390 px`);
    const name = hash.replace(/[#/]+/g, '-').replace(/^-|-$/g, '') || 'catalogue';
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-390.png`), fullPage: true });
  }
});

// ---------------------------------------------------------------- more test files

// Other features keep their browser tests in `tests/e2e/*.test.cjs`; each exports
// `function (t)` and registers its tests with `t.test`, using the helpers passed in `t`.
for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.cjs')).sort()) {
  require(path.join(__dirname, file))({
    test, open, grade, reward, downloadReport, ranOn, attempts, assert, hashOf, cli, hex,
    tasks, timings, BASE, ROOT, CLI, ARTIFACTS, SEED, PACK, GRADE_MS, LOOP_WASM, BOMB_WASM, DEEP_LOOP_WASM,
  });
}

// ---------------------------------------------------------------- the runner

async function main() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // E2E_JSFLAGS passes V8 flags, for finding out which part of V8 a failure depends on
  // (e.g. `--liftoff-only`); the tests themselves never set it.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...(process.env.E2E_JSFLAGS ? [`--js-flags=${process.env.E2E_JSFLAGS}`] : [])],
  });
  // One context for all tests: history in localStorage carries from test to test.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  // E2E_FILTER=text (or E2E_ONLY=text) runs only the tests whose name contains it (e.g.
  // against a bundle, or while writing a test).
  const only = process.env.E2E_FILTER || process.env.E2E_ONLY;
  // E2E_SKIP=text leaves out the tests whose name contains it.
  const skip = process.env.E2E_SKIP;
  const chosen = tests.filter((x) => (!only || x.name.includes(only)) && (!skip || !x.name.includes(skip)));
  for (const { name, fn } of chosen) {
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const started = Date.now();
    try {
      await fn(page);
      if (errors.length) throw new Error(`errors on the page: ${errors.join('; ')}`);
      passed++;
      console.log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (e) {
      failed++;
      const shot = path.join(ARTIFACTS, `failed-${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
      await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
      console.log(`FAIL ${name}\n     ${String(e && e.stack || e).split('\n').join('\n     ')}\n     screenshot: ${shot}`);
    }
    await page.close();
  }
  await browser.close();
  for (const line of timings) console.log(`timing ${line}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
