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

'use strict';

const { chromium } = require('playwright-core');
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

// Grades every example of `task` on one page; returns the summed milliseconds.
async function gradeTask(page, task) {
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
  }
  return total;
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

async function main() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const out = { grade_ms: {}, cold_shown_ms: [], cold_interactive_ms: [] };
  for (const task of tasks) out.grade_ms[task.id] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    for (const task of tasks) {
      const ms = await gradeTask(page, task);
      out.grade_ms[task.id].push(ms);
      console.error(`bench: run ${run + 1}: ${task.id}: ${task.examples.length} examples in ${ms} ms`);
    }
    await context.close();
  }
  for (let run = 0; run < RUNS; run++) {
    const { shown, interactive } = await coldStart(browser, tasks[0].id);
    out.cold_shown_ms.push(shown);
    out.cold_interactive_ms.push(interactive);
  }
  await browser.close();
  console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
