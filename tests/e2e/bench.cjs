// Browser figures for `cargo xtask bench` (see crates/xtask/src/bench.rs, which builds the
// site, serves it on a free local port and sets the E2E_* and BENCH_* variables). Not a
// test: it measures and prints one JSON object on its last line; it fails only when the
// page does not do what is asked (a grade never finishes, a report is missing).
//
// - grade: for every task, every example submission graded on the submit page, one after
//   another (the worker prepares the task once, as `replica grade TASK EXAMPLES...` does);
//   the time from handing the page a file to its report, summed per task. Each run uses a
//   fresh browser context, so every run prepares the task anew.
// - cold: a fresh context (empty cache), from navigation to a task page until its spec is
//   shown and a click on the Submit tab has shown the submission form.
// - hash: the sha256sum reference run on the Run page with HASH_BYTES of stdin from a
//   file, from the click on Run until the ending is shown (the worker's engine, the
//   browser's own WebAssembly engine, against figure 1's native runs). 4 MiB, because the task's fuel budget does not
//   cover 16 MiB.
// - playground (figure 8's browser rows): in a fresh context on base64's code page, the
//   task's Python example typed into the editor and Run beside the reference: the first
//   Run (CPython fetched from the site and compiled in the worker) and a later one; the C
//   example: the first compile and Run (clang fetched from the site into its worker) and a
//   later compile of changed source and Run. From the click on Run until the verdict.

'use strict';

const { chromium } = require('playwright-core');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const BASE = mustEnv('E2E_BASE_URL');
const ROOT = mustEnv('E2E_ROOT');
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const SEED = mustEnv('BENCH_SEED');
const RUNS = Number(mustEnv('BENCH_RUNS'));
const PACK = path.join(ROOT, 'target/site/tasks');
// Grading a whole task in the browser; generous because machines are small and shared.
const GRADE_MS = 600_000;

function mustEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`bench: ${name} is not set; run this with \`cargo xtask bench\``);
    process.exit(2);
  }
  return value;
}

const index = JSON.parse(fs.readFileSync(path.join(PACK, 'index.json'), 'utf8'));
const tasks = index.tasks.map((t) => ({
  id: t.id,
  examples: [...new Set(t.examples)].map((name) => path.join(PACK, t.id, 'examples', `${name}.wasm`)),
}));

async function historyCount(page) {
  return page.evaluate(() => {
    const c = document.querySelector('a.tab[data-tab="History"] .count');
    return c ? Number(c.textContent) : 0;
  });
}

// Grades every example of `task` on one page; returns the summed milliseconds and how many
// runs went to the browser's engine and to wasmi (the report view's "Ran on").
async function gradeTask(page, task) {
  const runs = { browser: 0, wasmi: 0 };
  await page.goto(`${BASE}#/task/${task.id}/submit`);
  await page.waitForSelector('#submission', { state: 'attached' });
  await page.fill('#seed', SEED);
  let total = 0;
  for (const wasm of task.examples) {
    const before = await historyCount(page);
    const started = Date.now();
    await page.setInputFiles('#submission', wasm);
    await page.waitForFunction((n) => {
      const c = document.querySelector('a.tab[data-tab="History"] .count');
      return (c && Number(c.textContent) > n) || document.querySelector('.submit .alert');
    }, before, { timeout: GRADE_MS });
    total += Date.now() - started;
    const notice = await page.$('.submit .alert');
    if (notice) throw new Error(`${task.id}: grading ${wasm} gave a notice: ${await notice.textContent()}`);
    await page.waitForSelector('[data-testid="reward"]');
    const ran = await page.$('[data-testid="ran-on"]');
    if (ran) {
      runs.browser += Number(await ran.getAttribute('data-browser'));
      runs.wasmi += Number(await ran.getAttribute('data-wasmi'));
    }
  }
  return { total, runs };
}

async function coldStart(browser, task) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(`${BASE}#/task/${task}`);
  await page.waitForSelector('.spec', { timeout: 60_000 });
  const shown = Date.now() - started;
  await page.click('a.tab[data-tab="Submit"]');
  await page.waitForSelector('#submission', { state: 'attached', timeout: 60_000 });
  const interactive = Date.now() - started;
  await context.close();
  return { shown, interactive };
}

const HASH_BYTES = 4 << 20;

// Deterministic bytes to hash (xorshift), so every run hashes the same input.
function hashInput() {
  const out = Buffer.alloc(HASH_BYTES);
  let x = 0x9e3779b9;
  for (let i = 0; i < HASH_BYTES; i += 4) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out.writeUInt32LE(x, i);
  }
  return out;
}

async function hashRun(page, input, expected) {
  await page.goto(`${BASE}#/task/sha256sum/run`);
  await page.waitForSelector('#run-stdin');
  await page.setInputFiles('.file-btn >> text=Read stdin from a file… >> input[type=file]', {
    name: 'input.bin', mimeType: 'application/octet-stream', buffer: input,
  });
  await page.waitForSelector('.picked');
  const started = Date.now();
  await page.click('button[type="submit"]');
  await page.waitForSelector('[data-testid="run-ending"]', { timeout: GRADE_MS });
  const ms = Date.now() - started;
  const ending = await page.textContent('[data-testid="run-ending"]');
  const stdout = await page.textContent('[data-testid="run-stdout"]');
  if (ending !== 'exit 0' || !stdout.includes(expected)) {
    throw new Error(`hashing ended with ${ending} and printed ${stdout.slice(0, 100)}, not ${expected}`);
  }
  return ms;
}

// Runs the editor's program on `stdin` and returns the milliseconds until its verdict,
// which must be "same as the reference".
async function playgroundRun(page, stdin) {
  await page.fill('#code-stdin', stdin);
  const started = Date.now();
  await page.click('[data-testid="code-run"]');
  await page.waitForSelector('[data-testid="code-run"]:disabled', { timeout: 5_000 }).catch(() => {});
  await page.waitForSelector('[data-testid="code-run"]:not(:disabled)', { timeout: GRADE_MS });
  const ms = Date.now() - started;
  const verdict = await page.textContent('[data-testid="tried-verdict"]').catch(() => 'no verdict');
  if (verdict !== 'same as the reference') throw new Error(`playground Run says ${verdict}`);
  return ms;
}

// The first and a later Run of base64's `language` example in a fresh context; the later
// one's source differs by a comment, so C is compiled again.
async function playground(browser, language, file, comment) {
  const source = fs.readFileSync(path.join(ROOT, 'tasks/base64', file), 'utf8');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(`${BASE}code.html#/task/base64/code`);
  await page.waitForSelector('[data-testid="editor"][data-ready="true"]');
  await page.selectOption('[data-testid="code-language"]', language);
  await page.waitForSelector(`[data-testid="editor"][data-language="${language}"]`);
  await page.click('[data-testid="editor"] .cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(source);
  const first = await playgroundRun(page, 'hello, world\n');
  await page.click('[data-testid="editor"] .cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(`${source}\n${comment} again\n`);
  const later = await playgroundRun(page, 'hello, world\n');
  await context.close();
  return { first, later };
}

async function main() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const out = { grade_ms: {}, grade_runs: {}, cold_shown_ms: [], cold_interactive_ms: [], hash_ms: [], hash_bytes: HASH_BYTES,
    python_first_ms: [], python_later_ms: [], c_first_ms: [], c_later_ms: [] };
  for (const task of tasks) out.grade_ms[task.id] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    for (const task of tasks) {
      const { total: ms, runs } = await gradeTask(page, task);
      out.grade_ms[task.id].push(ms);
      out.grade_runs[task.id] = runs;
      console.error(`bench: run ${run + 1}: ${task.id}: ${task.examples.length} examples in ${ms} ms`);
    }
    await context.close();
  }
  if (tasks.some((t) => t.id === 'sha256sum')) {
    const input = hashInput();
    const expected = crypto.createHash('sha256').update(input).digest('hex');
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      out.hash_ms.push(await hashRun(page, input, expected));
      await context.close();
    }
  }
  for (let run = 0; run < RUNS; run++) {
    const { shown, interactive } = await coldStart(browser, tasks[0].id);
    out.cold_shown_ms.push(shown);
    out.cold_interactive_ms.push(interactive);
  }
  if (tasks.some((t) => t.id === 'base64')) {
    for (let run = 0; run < RUNS; run++) {
      const python = await playground(browser, 'python', 'examples-py/correct-py/main.py', '#');
      out.python_first_ms.push(python.first);
      out.python_later_ms.push(python.later);
      const c = await playground(browser, 'c', 'examples-c/correct-c/main.c', '//');
      out.c_first_ms.push(c.first);
      out.c_later_ms.push(c.later);
      console.error(`bench: run ${run + 1}: playground ${JSON.stringify({ python, c })}`);
    }
  }
  await browser.close();
  console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
