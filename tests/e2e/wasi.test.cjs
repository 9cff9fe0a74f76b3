// The official WASI preview1 test suite in the page's grading worker (issue 15): every
// program of tests/wasi-testsuite/suite runs through the worker's Run request, on the browser's
// own engine with wasmi behind it, with the arguments, environment and file tree its JSON
// gives, and must exit and print as expected. Programs listed in
// tests/wasi-testsuite/known-failures.toml must fail (each with its reason there) and every
// other must pass, as natively (crates/sandbox/tests/wasi_testsuite.rs).

'use strict';

const fs = require('fs');
const path = require('path');

// What share of the suite must pass.
const GOAL = 0.95;

// The suite's folder: the repository's copy (tests/wasi-testsuite/suite, with its licence),
// or $REPLICA_WASI_TESTSUITE.
function suiteDir(root) {
  const dir = process.env.REPLICA_WASI_TESTSUITE || path.join(root, 'tests', 'wasi-testsuite', 'suite');
  if (!fs.existsSync(path.join(dir, 'tests'))) {
    throw new Error(`the WASI test suite is not at ${dir}; restore tests/wasi-testsuite/suite from git or set REPLICA_WASI_TESTSUITE`);
  }
  return dir;
}

// Files under `dir` as [relative path, bytes], sorted.
function filesUnder(dir, prefix = '') {
  const out = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) out.push(...filesUnder(full, `${prefix}${name}/`));
    else out.push([`${prefix}${name}`, fs.readFileSync(full)]);
  }
  return out;
}

function programs(suite) {
  const out = [];
  for (const language of ['assemblyscript', 'c', 'rust']) {
    const dir = path.join(suite, 'tests', language, 'testsuite', 'wasm32-wasip1');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.wasm')).sort()) {
      const stem = file.slice(0, -'.wasm'.length);
      const json = path.join(dir, `${stem}.json`);
      const spec = fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, 'utf8')) : {};
      out.push({
        name: `${language}/${stem}`,
        program: file,
        wasm: fs.readFileSync(path.join(dir, file)).toString('base64'),
        args: spec.args || [],
        env: Object.entries(spec.env || {}),
        files: spec.root
          ? filesUnder(path.join(dir, spec.root)).map(([p, b]) => [p, b.toString('base64')])
          : [],
        exitCode: spec.exit_code || 0,
        stdout: spec.stdout,
        stderr: spec.stderr,
      });
    }
  }
  return out;
}

// Program names listed in known-failures.toml (its table headers).
function knownFailures(root) {
  const text = fs.readFileSync(path.join(root, 'tests', 'wasi-testsuite', 'known-failures.toml'), 'utf8');
  return new Set([...text.matchAll(/^\["([^"]+)"\]\s*$/gm)].map((m) => m[1]));
}

module.exports = (t) => {
  const { test, open, assert, ROOT } = t;

  test("the WASI test suite runs in the worker as natively", async (page) => {
    const all = programs(suiteDir(ROOT));
    assert(all.length >= 70, `expected the suite's 72 programs, found ${all.length}`);
    const known = knownFailures(ROOT);
    await open(page, '#/');
    // A worker of our own, started as the page starts its own, fed Run requests: the
    // program is the request's "reference", run once on the given input.
    const results = await page.evaluate(async (programs) => {
      const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const worker = new Worker('./worker-loader.js');
      const replies = [];
      let wake = null;
      worker.onmessage = (event) => {
        replies.push(event.data);
        if (wake) wake();
      };
      const next = async () => {
        while (!replies.length) await new Promise((resolve) => { wake = resolve; });
        wake = null;
        return replies.shift();
      };
      const first = await next();
      if (JSON.parse(first[0]) !== 'Ready') throw new Error(`worker said ${first[0]} first`);
      const text = (b) => new TextDecoder().decode(b);
      const out = [];
      for (const [job, p] of programs.entries()) {
        const taskToml = [
          'id = "wasi"', 'title = "wasi"', 'summary = "The WASI test suite."', 'minutes = 1',
          `program = ${JSON.stringify(p.program)}`, 'compare = ["stdout"]', 'hidden = 0',
          '[[case]]', 'name = "run"',
        ].join('\n');
        const header = {
          Run: {
            job, task: { id: 'wasi', task_toml: taskToml, spec: '' },
            args: p.args, files: p.files.map(([name]) => name), env: p.env,
          },
        };
        worker.postMessage([
          JSON.stringify(header), bytes(p.wasm), new Uint8Array(0), new Uint8Array(0),
          ...p.files.map(([, b]) => bytes(b)),
        ]);
        const reply = await next();
        const head = JSON.parse(reply[0]);
        if (head.Ran) {
          out.push({ exitCode: head.Ran.exit_code, ending: head.Ran.ending, stdout: text(reply[1]), stderr: text(reply[2]) });
        } else {
          out.push({ exitCode: null, ending: JSON.stringify(head), stdout: '', stderr: '' });
        }
      }
      worker.terminate();
      return out;
    }, all);
    const failed = [];
    all.forEach((p, i) => {
      const r = results[i];
      const problems = [];
      if (r.exitCode !== p.exitCode) problems.push(`ended ${r.ending}, expected exit ${p.exitCode}`);
      if (p.stdout !== undefined && r.stdout !== p.stdout) problems.push(`stdout ${JSON.stringify(r.stdout)}, expected ${JSON.stringify(p.stdout)}`);
      if (p.stderr !== undefined && r.stderr !== p.stderr) problems.push(`stderr ${JSON.stringify(r.stderr)}, expected ${JSON.stringify(p.stderr)}`);
      if (problems.length) {
        const head = r.stderr.split('\n').filter((l) => l.trim()).slice(0, 3).join(' / ');
        failed.push([p.name, `${problems.join('; ')}${head ? `; stderr: ${head}` : ''}`]);
      }
    });
    const passed = all.length - failed.length;
    console.log(`     wasi-testsuite in Chromium's worker: ${passed} passed, ${failed.length} failed (of ${all.length})`);
    const unexpected = failed.filter(([name]) => !known.has(name));
    const fixed = [...known].filter((name) => !failed.some(([f]) => f === name));
    assert(!unexpected.length, `programs failing in the worker:\n${unexpected.map(([n, why]) => `  ${n}: ${why}`).join('\n')}`);
    assert(!fixed.length, `programs passing in the worker although known-failures.toml lists them: ${fixed.join(', ')}`);
    assert(passed / all.length >= GOAL, `${passed} of ${all.length} pass, under ${GOAL * 100}%`);
  });
};
