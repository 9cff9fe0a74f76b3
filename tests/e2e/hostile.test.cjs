// Hostile modules graded in the page's worker (issue 6): each gives a report byte-identical
// to the CLI's, and the page keeps painting frames while the worker grades it. The modules
// are tests/hostile's, assembled by xtask into $E2E_HOSTILE: all of them but three that
// take minutes per task even natively, since they spend the whole fuel budget on every
// case (endless-loop, spin-on-clock) or make 150,000 host calls per case (output-trickle).
// `cargo test` grades the whole corpus natively, and at many fuel slice sizes in
// crates/cli/tests/slicing.rs; "cancel stops an endless loop" runs one here.

'use strict';

const fs = require('fs');
const path = require('path');

// Each with whether some of its runs must have gone to wasmi: traps and deep recursion do,
// the browser's own engine reports exits, the output cap and fuel; null where either may
// happen (a module that fails a WASI call and then traps or exits depending on the case).
const MODULES = [
  ['unbounded-recursion', true], // RE: call stack exhausted
  ['unbounded-recursion-wide-frames', true], // RE: the stack units run out first
  ['divide-by-zero', true], // RE
  ['integer-overflow', true], // RE
  ['bad-float-conversion', true], // RE
  ['indirect-call-null', true], // RE
  ['indirect-call-mismatch', true], // RE
  ['out-of-bounds-load', true], // RE
  ['unreachable', true], // RE after printing
  ['memory-grow-until-refused', true], // MLE: a trap after the refusal
  ['memory-grow-refused-coped', false], // exits 0 after refused grows
  ['memory-declared-4gib', false], // MLE before it starts: no run at all
  ['table-declared-huge', false], // MLE before it starts
  ['table-grow-huge', false], // refused table grows, exits 0
  ['output-flood-stdout', false], // OLE: exactly 1 MiB kept
  ['output-flood-stderr', false], // OLE
  ['proc-exit-0', false],
  ['proc-exit-255', false], // exits 255 at once
  ['proc-exit-256', false],
  ['proc-exit-minus-1', false],
  ['proc-exit-i32-min', false],
  ['stdin-past-eof', null],
  ['file-bomb', null],
  ['hard-link-bomb', null],
  ['efault-args-env', null], // every WASI call with a pointer out of bounds: EFAULT
  ['efault-clock-random', null],
  ['efault-fd', null],
  ['efault-path', null],
  ['efault-poll', null],
  ['path-escape-dotdot', false], // prints ok once every escape got ENOTCAPABLE
  ['path-escape-absolute', false],
  ['path-escape-symlink', false],
  ['random-get', false], // prints seeded random bytes: the same in both
  ['clocks-and-sleeps', false], // prints the virtual clocks
  ['nan-bits', false], // prints "canonical" only if every arithmetic NaN is canonical
  ['no-memory-export', null],
  ['wasi-import-unknown', false], // CE
  ['wasi-import-wrong-signature', false], // CE
  ['foreign-import', false], // CE
  ['foreign-import-memory', false], // CE
  ['no-start', false], // CE
  ['start-wrong-type', false], // CE
  ['truncated', false], // CE, a broken file
  ['empty', false], // CE
  ['bad-version', false], // CE
  ['random-bytes', false], // CE
];

// A frame must come at least this often while grading: loose, so a busy CI machine does
// not flake, yet a page blocked by grading (seconds) fails.
const WORST_FRAME_MS = 1_500;

module.exports = (t) => {
  const { test, open, attempts, downloadReport, ranOn, assert, cli, tasks, SEED, GRADE_MS } = t;
  const dir = process.env.E2E_HOSTILE;

  test('hostile modules grade in the worker as in the CLI, and the page keeps painting', async (page) => {
    assert(dir, 'E2E_HOSTILE is not set; run the tests with `cargo xtask test`');
    const task = tasks.find((x) => x.id === 'wc') || tasks[0];
    for (const [name, onWasmi] of MODULES) {
      const file = path.join(dir, `${name}.wasm`);
      assert(fs.existsSync(file), `${file} is missing`);
      await open(page, `#/task/${task.id}/submit`);
      await page.waitForSelector('#submission', { state: 'attached' });
      await page.fill('#seed', String(SEED));
      const before = await attempts(page);
      // Record the longest gap between animation frames while the worker grades.
      await page.evaluate(() => {
        window.__worstFrame = 0;
        window.__frames = 0;
        window.__sampling = true;
        let last = performance.now();
        const tick = (now) => {
          window.__worstFrame = Math.max(window.__worstFrame, now - last);
          window.__frames++;
          last = now;
          if (window.__sampling) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      await page.setInputFiles('#submission', file);
      // While it grades, a round trip through the page's event loop stays quick.
      const t0 = Date.now();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      const roundTrip = Date.now() - t0;
      await page.waitForFunction((n) => {
        const c = document.querySelector('a.tab[data-tab="History"] .count');
        return (c && Number(c.textContent) > n) || document.querySelector('.submit .alert');
      }, before, { timeout: GRADE_MS });
      const notice = await page.$('.submit .alert');
      if (notice) throw new Error(`${name}: grading gave a notice: ${await notice.textContent()}`);
      const { worst, frames } = await page.evaluate(() => {
        window.__sampling = false;
        return { worst: window.__worstFrame, frames: window.__frames };
      });
      assert(roundTrip < WORST_FRAME_MS, `${name}: a frame took ${roundTrip} ms while grading`);
      assert(frames > 0, `${name}: no animation frame while grading`);
      assert(worst < WORST_FRAME_MS,
        `${name}: the page went ${worst.toFixed(0)} ms without a frame while grading`);
      await page.waitForSelector('[data-testid="reward"]');
      const runs = await ranOn(page);
      assert(onWasmi === null || (onWasmi ? runs.wasmi > 0 : runs.wasmi === 0),
        `${name}: runs went ${JSON.stringify(runs)}; expected ${onWasmi ? 'some' : 'none'} on wasmi`);
      const fromPage = await downloadReport(page);
      const native = cli(['grade', task.id, file, '--seed', String(SEED), '--json']);
      assert(native.code === 1, `${name}: the CLI exited ${native.code}: ${native.stderr}`);
      assert(fromPage.equals(native.stdout),
        `${name}: the page's report differs from the CLI's (${fromPage.length} vs ${native.stdout.length} bytes)`);
    }
  });
};
