// Browser tests of study mode (`#/study/<id>?participant=<p>`): a scripted participant
// goes through the demo study, with a reload in the middle, and exports the record; the
// JSONL must hold every event in order, with the CLI's rewards for the same modules.
// The export is saved to $E2E_ARTIFACTS/study-demo-human.jsonl. A program written in the
// study's editor is recorded with its source and language, and grading the source from the
// export with the CLI gives the page's report byte for byte.

'use strict';

const fs = require('fs');
const path = require('path');

module.exports = function (t) {
  const { test, open, assert, cli, PACK, ARTIFACTS, GRADE_MS, ROOT, downloadReport } = t;
  const STUDIES = path.join(path.dirname(PACK), 'studies');

  function study(id) {
    const toml = fs.readFileSync(path.join(STUDIES, id, 'study.toml'), 'utf8');
    const number = (key) => Number((toml.match(new RegExp(`^${key}\\s*=\\s*(\\d+)`, 'm')) || [])[1]);
    const tasks = [...toml.matchAll(/^\[\[task\]\]\s*\nid\s*=\s*"([^"]+)"/gm)].map((m) => m[1]);
    return { id, seed: number('seed'), hidden: number('hidden'), tasks };
  }

  // Pretends the page was hidden or shown again (headless pages are always visible).
  async function setHidden(page, hidden) {
    await page.evaluate((h) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  }

  // Waits until every recorded event is committed to IndexedDB.
  async function saved(page) {
    await page.waitForSelector('[data-testid="save-status"][data-saved]', { timeout: 10_000 });
    return Number(await page.getAttribute('[data-testid="save-status"]', 'data-saved'));
  }

  async function submit(page, wasm, attempt) {
    await page.click('button.tab[data-tab="Submit"]');
    await page.waitForSelector('#study-submission', { state: 'attached' });
    await page.setInputFiles('#study-submission', wasm);
    await page.waitForFunction((n) => {
      const a = document.querySelector('[data-testid="attempts"]');
      return (a && Number(a.dataset.attempts) >= n) || document.querySelector('.submit .alert');
    }, attempt, { timeout: GRADE_MS });
    const notice = await page.$('.submit .alert');
    if (notice) throw new Error(`grading gave a notice: ${await notice.textContent()}`);
    await page.waitForSelector('[data-testid="reward"]');
    return Number(await page.getAttribute('[data-testid="reward"]', 'data-reward'));
  }

  function example(task, name) {
    return path.join(PACK, task, 'examples', `${name}.wasm`);
  }

  function cliReport(task, wasm, s) {
    const r = cli(['grade', task, wasm, '--seed', String(s.seed), '--hidden', String(s.hidden), '--json']);
    assert(r.code === 0 || r.code === 1, `CLI grade exited ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout.toString('utf8'));
  }

  test('study: bad links say what is wrong', async (page) => {
    for (const [hash, expect] of [
      ['#/study/demo', 'has no participant id'],
      ['#/study/demo?participant=a%20b', 'is not valid'],
      ['#/study/no-such-study?participant=p1', 'There is no study “no-such-study”'],
    ]) {
      await open(page, hash);
      const shown = await page.waitForFunction((e) => {
        const alert = document.querySelector('.alert');
        return alert && alert.textContent.includes(e);
      }, expect, { timeout: 10_000 }).then(() => true, () => false);
      const text = await page.textContent('.page');
      assert(shown, `${hash}: ${JSON.stringify(text)} lacks ${JSON.stringify(expect)}`);
    }
  });

  test('study: without IndexedDB the participant is told and nothing starts', async (page) => {
    // As in a browser with site data blocked: no IndexedDB at all.
    await page.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { configurable: true, get: () => undefined });
    });
    await open(page, '#/study/demo?participant=no-idb');
    await page.waitForSelector('.alert', { timeout: 10_000 });
    const text = await page.textContent('.alert');
    assert(text.includes('cannot be saved') && text.includes('IndexedDB is not available'), JSON.stringify(text));
    assert(!(await page.$('[data-testid="accept"]')), 'the study must not start without storage');
  });

  test('study: a failed write is shown, kept and retried', async (page) => {
    await open(page, '#/study/demo?participant=e2e-p02');
    await page.waitForSelector('[data-testid="accept"]');
    await page.click('[data-testid="accept"]');
    await page.waitForSelector('[data-testid="study-task"][data-task="wc"]');
    const before = await saved(page);
    // Storage starts refusing writes, as when the disk is full.
    await page.evaluate(() => {
      window.__put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function () {
        throw new DOMException('simulated full disk', 'QuotaExceededError');
      };
    });
    await page.click('[data-testid="give-up"]');
    await page.click('[data-testid="confirm"]');
    await page.waitForSelector('[data-testid="save-error"]', { timeout: 10_000 });
    const alert = await page.textContent('[data-testid="save-error"]');
    assert(alert.includes('NOT saved') && alert.includes('simulated full disk'), JSON.stringify(alert));
    // Storage works again: Retry writes what was kept in memory.
    await page.evaluate(() => { IDBObjectStore.prototype.put = window.__put; });
    await page.click('[data-testid="save-error"] button');
    const after = await saved(page);
    assert(after === before + 2, `${after} events saved after the retry, ${before} before (+ give_up, task_start)`);
    await page.reload();
    await page.waitForSelector('[data-testid="study-task"][data-task="base64"]');
    assert((await saved(page)) === after + 1, 'the events written by the retry are there after a reload');
    // The study page fits a phone too.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForLoadState('networkidle');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert(width <= 390, `the study page is ${width} px wide at 390 px`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'study-390.png'), fullPage: true });
  });

  test('study: a program written in the editor is exported with its source, which regrades to the same report', async (page) => {
    const s = study('demo');
    const source = fs.readFileSync(path.join(ROOT, 'tasks/wc/examples-js/correct-js/main.js'), 'utf8');
    await open(page, '#/study/demo?participant=e2e-p03');
    await page.waitForSelector('[data-testid="accept"]');
    await page.click('[data-testid="accept"]');
    await page.waitForSelector('[data-testid="study-task"][data-task="wc"]');
    await page.click('button.tab[data-tab="Write code"]');
    await page.waitForSelector('[data-testid="editor"][data-ready="true"]', { timeout: 60_000 });
    await page.selectOption('[data-testid="code-language"]', 'javascript');
    await page.waitForSelector('[data-testid="editor"][data-language="javascript"]');
    await page.click('[data-testid="editor"] .cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(source);
    await page.click('[data-testid="code-grade"]');
    await page.waitForFunction(() => {
      const a = document.querySelector('[data-testid="attempts"]');
      return (a && Number(a.dataset.attempts) >= 1) || document.querySelector('[data-testid="code-notice"]');
    }, null, { timeout: GRADE_MS });
    const notice = await page.$('[data-testid="code-notice"]');
    if (notice) throw new Error(`grading gave a notice: ${await notice.textContent()}`);
    await page.waitForSelector('[data-testid="reward"]');
    const shown = await downloadReport(page);
    await saved(page);

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.click('[data-testid="export"]'),
    ]);
    const records = fs.readFileSync(await download.path(), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    const subs = records.filter((r) => r.event === 'submission');
    assert(subs.length === 1, `${subs.length} submissions exported`);
    const [sub] = subs;
    assert(sub.source === source, 'the exported submission does not carry the program as written');
    assert(sub.submission.language === 'javascript' && sub.submission.runtime?.name === 'quickjs-ng',
      `the submission names ${JSON.stringify(sub.submission)}`);
    assert(!('wasm_base64' in sub), 'a source submission is exported with wasm_base64');

    // Replay: the source from the export, graded by the CLI the study's way.
    const file = path.join(ARTIFACTS, 'study-source', 'main.js');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, sub.source);
    const r = cli(['grade', 'wc', file, '--seed', String(s.seed), '--hidden', String(s.hidden), '--json']);
    assert(r.code === 0, `CLI grade of the exported source exited ${r.code}: ${r.stderr}`);
    assert(r.stdout.equals(shown), `the regrade from the export differs from the page's report:\n${r.stdout.toString().slice(0, 400)}\n---\n${shown.toString().slice(0, 400)}`);
    const report = JSON.parse(shown.toString('utf8'));
    assert(report.solved && sub.reward === 1 && sub.submission.digest === report.submission.digest,
      `reward ${sub.reward}, digest ${sub.submission.digest} vs ${report.submission.digest}`);
  });

  test('study: a participant probes, submits, reloads, finishes and exports every event', async (page) => {
    const s = study('demo');
    assert(s.tasks.join(',') === 'wc,base64', `demo study tasks ${s.tasks}`);
    const participant = 'e2e-p01';
    const hash = `#/study/demo?participant=${participant}`;
    const buggy = example('wc', 'bug-whitespace');
    const correct = example('wc', 'correct');

    await open(page, hash);
    await page.waitForSelector('[data-testid="accept"]');
    // The pack's study.json holds the checked study with its consent text inline.
    const consent = JSON.parse(fs.readFileSync(path.join(STUDIES, 'demo', 'study.json'), 'utf8')).consent.text;
    const heading = consent.match(/^# (.+)$/m)[1];
    assert((await page.textContent('.consent')).includes(heading), 'the consent text is not shown');
    await page.click('[data-testid="accept"]');
    await page.waitForSelector('[data-testid="study-task"][data-task="wc"]');
    assert((await page.textContent('[data-testid="study-progress"]')) === 'Task 1 of 2', 'progress');

    // Probe the reference.
    await page.click('button.tab[data-tab="Try the reference"]');
    await page.fill('#run-args', '-l');
    await page.fill('#run-stdin', 'one\ntwo\n');
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-testid="run-ending"]', { timeout: 60_000 });

    // The page is hidden for a while: the timer pauses and resumes.
    await setHidden(page, true);
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="active-time"]').textContent.includes('paused: page hidden'));
    const frozen = await page.getAttribute('[data-testid="active-time"]', 'data-ms');
    await page.waitForTimeout(1500); // two clock ticks while hidden
    assert((await page.getAttribute('[data-testid="active-time"]', 'data-ms')) === frozen, 'time counted while hidden');
    await setHidden(page, false);

    const firstReward = await submit(page, buggy, 1);
    assert(firstReward > 0 && firstReward < 1, `buggy reward ${firstReward}`);
    const before = await saved(page);
    const activeBefore = Number(await page.getAttribute('[data-testid="active-time"]', 'data-ms'));

    // A reload loses nothing: same task, same attempts, time continues.
    await page.reload();
    await page.waitForSelector('[data-testid="study-task"][data-task="wc"]');
    assert(await page.getAttribute('[data-testid="attempts"]', 'data-attempts') === '1', 'attempts after reload');
    const after = await saved(page);
    assert(after === before + 1, `${after} events saved after the reload, ${before} before (+1 task_start)`);
    const activeAfter = Number(await page.getAttribute('[data-testid="active-time"]', 'data-ms'));
    assert(activeAfter > 0 && activeAfter <= activeBefore + 10_000, `active ${activeAfter} ms after reload, ${activeBefore} before`);

    const secondReward = await submit(page, correct, 2);
    assert(secondReward === 1, `correct reward ${secondReward}`);
    await page.click('[data-testid="finish"]');
    await page.waitForSelector('[data-testid="study-task"][data-task="base64"]');
    assert((await page.textContent('[data-testid="study-progress"]')) === 'Task 2 of 2', 'progress on task 2');
    await page.click('[data-testid="give-up"]');
    await page.click('[data-testid="confirm"]');
    await page.waitForSelector('[data-testid="study-done"]');
    const total = await saved(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'study-done-1280.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.click('[data-testid="export"]'),
    ]);
    assert(download.suggestedFilename() === `replica-study-demo-${participant}.jsonl`, download.suggestedFilename());
    const text = fs.readFileSync(await download.path(), 'utf8');
    fs.writeFileSync(path.join(ARTIFACTS, 'study-demo-human.jsonl'), text);
    assert(text.endsWith('\n'), 'JSONL ends with a newline');
    const records = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert(records.length === total, `${records.length} exported, ${total} saved`);

    // Every line: the schema, who, where, when, in order.
    records.forEach((r, i) => {
      assert(r.schema === 'replica.record/1', `line ${i + 1} schema ${r.schema}`);
      assert(r.seq === i + 1, `line ${i + 1} has seq ${r.seq}`);
      assert(r.author === `human:${participant}` && r.study === 'demo', `line ${i + 1}: ${r.author} ${r.study}`);
      assert(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(r.at), `line ${i + 1} at ${r.at}`);
      if (i > 0) assert(r.at >= records[i - 1].at, `line ${i + 1} is earlier than the line before`);
      const aboutTask = !['join', 'consent', 'end'].includes(r.event);
      assert(aboutTask === (typeof r.task === 'string'), `line ${i + 1} (${r.event}) task ${r.task}`);
      assert(aboutTask === Number.isInteger(r.active_ms), `line ${i + 1} (${r.event}) active_ms ${r.active_ms}`);
    });

    // The events, pauses aside, in the expected order.
    const main = records.filter((r) => r.event !== 'pause' && r.event !== 'resume');
    const kinds = main.map((r) => `${r.event}${r.task ? ':' + r.task : ''}`);
    const expected = ['join', 'consent', 'task_start:wc', 'probe:wc', 'submission:wc', 'task_start:wc',
      'submission:wc', 'finish:wc', 'task_start:base64', 'give_up:base64', 'end'];
    assert(JSON.stringify(kinds) === JSON.stringify(expected), `events ${kinds.join(' ')}`);
    const [join, consentEvent, start, probe, sub1, resumed, sub2, finish, start2] = main;
    assert(join.user_agent && join.user_agent.includes('Chrome'), `join user_agent ${join.user_agent}`);
    assert(/^sha256:[0-9a-f]{64}$/.test(consentEvent.text_digest), consentEvent.text_digest);
    assert(start.index === 0 && start.resumed === false && start.active_ms === 0, JSON.stringify(start));
    assert(JSON.stringify(probe.args) === '["-l"]' && probe.stdin === 'one\ntwo\n' && probe.ending === 'exit 0',
      JSON.stringify(probe));
    assert(resumed.index === 0 && resumed.resumed === true, `after the reload: ${JSON.stringify(resumed)}`);
    const wcActive = records.filter((r) => r.task === 'wc' && r.seq < resumed.seq).map((r) => r.active_ms);
    assert(resumed.active_ms === Math.max(...wcActive), `resumed at ${resumed.active_ms} ms, recorded ${wcActive}`);
    assert(finish.solved === true && finish.reason === 'solved', JSON.stringify(finish));
    assert(start2.index === 1 && start2.resumed === false && start2.active_ms === 0, JSON.stringify(start2));
    // Active time never goes backwards within a task.
    for (const task of s.tasks) {
      const times = records.filter((r) => r.task === task).map((r) => r.active_ms);
      assert(times.every((ms, i) => i === 0 || ms >= times[i - 1]), `${task} active times ${times}`);
    }

    // The hidden stretch: a pause (hidden) and a resume, in that order, on wc.
    const pauses = records.filter((r) => r.event === 'pause' || r.event === 'resume');
    const hiddenAt = pauses.findIndex((r) => r.event === 'pause' && r.reason === 'hidden');
    assert(hiddenAt >= 0 && pauses[hiddenAt + 1] && pauses[hiddenAt + 1].event === 'resume',
      `pauses ${JSON.stringify(pauses)}`);
    assert(pauses[hiddenAt + 1].active_ms - pauses[hiddenAt].active_ms < 1000, 'hidden time was counted');

    // Rewards, digests and attempts as the CLI grades the same modules with the study's seed.
    for (const [sub, wasm, attempt] of [[sub1, buggy, 1], [sub2, correct, 2]]) {
      const report = cliReport('wc', wasm, s);
      assert(sub.attempt === attempt, `attempt ${sub.attempt}`);
      assert(sub.reward === report.reward, `${path.basename(wasm)}: reward ${sub.reward}, CLI ${report.reward}`);
      assert(sub.solved === report.solved && sub.accepted === report.accepted && sub.total === report.total,
        `${path.basename(wasm)}: ${sub.accepted}/${sub.total}, CLI ${report.accepted}/${report.total}`);
      assert(sub.seed === s.seed && sub.hidden === s.hidden, `graded with seed ${sub.seed}, hidden ${sub.hidden}`);
      assert(sub.submission.digest === report.submission.digest, 'submission digest');
      assert(sub.task_digest === report.task.digest, 'task digest');
      // The demo study exports modules by default: the grade can be re-run from the file.
      assert(Buffer.from(sub.wasm_base64 || '', 'base64').equals(fs.readFileSync(wasm)), 'wasm_base64 is not the module');
    }
    assert(firstReward === sub1.reward, `the page showed ${firstReward}, recorded ${sub1.reward}`);

    // The record is still there, complete, after another reload.
    await page.reload();
    await page.waitForSelector('[data-testid="study-done"]');
    assert((await saved(page)) === total, 'a finished study adds no events on reload');
  });
};
