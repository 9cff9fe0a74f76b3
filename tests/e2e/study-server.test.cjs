// Browser test of a study run by `replica study-server` (issue 20): a participant invited
// with a token does the demo study while the server is killed and restarted and the page
// is reloaded; every event goes to IndexedDB first and reaches the server by itself. The
// server's export must equal the participant's own export event for event; the
// organiser's dashboard shows the participant, exports the same JSONL, and the compare
// page loads it straight from the server.

'use strict';

const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

module.exports = function (t) {
  const { test, assert, cli, ROOT, CLI, PACK, ARTIFACTS, GRADE_MS } = t;
  const ADMIN = 'e2e-admin-token-0123456789abcdef';
  const SITE = path.join(ROOT, 'target/e2e-site');

  function freePort() {
    return new Promise((resolve, reject) => {
      const s = net.createServer();
      s.on('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address();
        s.close(() => resolve(port));
      });
    });
  }

  async function startServer(port, database) {
    const child = spawn(CLI, ['study-server', '--study', 'studies/demo', '--site', SITE, '--database', database,
      '--listen', `127.0.0.1:${port}`, '--admin-token', ADMIN], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (d) => { log += d; });
    const started = Date.now();
    while (Date.now() - started < 60_000) {
      if (child.exitCode !== null) throw new Error(`the study server exited: ${log}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/study`).then((r) => r.ok, () => false);
      if (ok) return child;
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    throw new Error(`the study server did not start: ${log}`);
  }

  async function kill(child) {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async function admin(port, what) {
    const r = await fetch(`http://127.0.0.1:${port}/api/admin/${what}`, { headers: { Authorization: `Bearer ${ADMIN}` } });
    assert(r.ok, `${what}: HTTP ${r.status}`);
    return r;
  }

  async function saved(page) {
    await page.waitForSelector('[data-testid="save-status"][data-saved]', { timeout: 10_000 });
    return Number(await page.getAttribute('[data-testid="save-status"]', 'data-saved'));
  }

  // Waits until the page says every saved event is on the server.
  async function allSent(page, timeout = 60_000) {
    await page.waitForFunction(() => {
      const s = document.querySelector('[data-testid="save-status"][data-saved]');
      const u = document.querySelector('[data-testid="upload-status"]');
      return s && u && u.dataset.state === 'sent' && u.dataset.uploaded === s.dataset.saved;
    }, null, { timeout });
    return saved(page);
  }

  async function setHidden(page, hidden) {
    await page.evaluate((h) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
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
  }

  async function download(page, selector) {
    const [file] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.click(selector),
    ]);
    return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
  }

  test('study server: stops, restarts and reloads lose nothing; the export equals the local one', async (page) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replica-e2e-study-'));
    const database = `sqlite://${path.join(dir, 'study.db')}`;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}/`;
    const invited = cli(['study-server', 'invite', '--study', 'studies/demo', '--database', database, '--count', '2', '--url', base]);
    assert(invited.code === 0, `invite exited ${invited.code}: ${invited.stderr}`);
    const [[id, link], [other, otherLink]] = invited.stdout.toString().trim().split('\n').map((l) => l.split('\t'));
    assert(id === 'p001' && other === 'p002' && link.includes('&token='), invited.stdout.toString());
    let server = await startServer(port, database);
    try {
      // The participant opens their link and starts.
      await page.goto(link);
      await page.waitForSelector('[data-testid="accept"]');
      await page.click('[data-testid="accept"]');
      await page.waitForSelector('[data-testid="study-task"][data-task="wc"]');
      await page.click('button.tab[data-tab="Try the reference"]');
      await page.fill('#run-args', '-w');
      await page.fill('#run-stdin', 'a b c\n');
      await page.click('button[type="submit"]');
      await page.waitForSelector('[data-testid="run-ending"]', { timeout: 60_000 });
      await submit(page, path.join(PACK, 'wc', 'examples', 'bug-whitespace.wasm'), 1);
      const first = await allSent(page);

      // The server dies; the participant keeps working, everything is saved locally.
      await kill(server);
      await setHidden(page, true);
      await setHidden(page, false);
      await submit(page, path.join(PACK, 'wc', 'examples', 'correct.wasm'), 2);
      await page.waitForSelector('[data-testid="upload-status"][data-state="retrying"]', { timeout: 30_000 });
      const offline = await saved(page);
      assert(offline > first, `${offline} events saved while the server was down, ${first} before`);
      assert(Number(await page.getAttribute('[data-testid="upload-status"]', 'data-uploaded')) === first,
        'events were acknowledged while the server was down');
      await page.screenshot({ path: path.join(ARTIFACTS, 'study-server-offline.png'), fullPage: true });

      // It comes back: the page catches up by itself.
      server = await startServer(port, database);
      await allSent(page);

      // A reload resumes the task and uploads the resumption.
      await page.reload();
      await page.waitForSelector('[data-testid="study-task"][data-task="wc"]');
      await allSent(page);

      // The other participant's token cannot touch this record.
      const [, otherToken] = otherLink.split('&token=');
      const theirs = await fetch(`${base}api/events`, { headers: { Authorization: `Bearer ${otherToken}` } }).then((r) => r.text());
      assert(theirs === '', `p002 sees ${JSON.stringify(theirs.slice(0, 200))}`);

      await page.click('[data-testid="finish"]');
      await page.waitForSelector('[data-testid="study-task"][data-task="base64"]');
      // A JavaScript program written in the study's editor: uploaded with its source, which
      // the server regrades on the site's QuickJS-NG.
      const source = fs.readFileSync(path.join(ROOT, 'tasks/base64/examples-js/correct-js/main.js'), 'utf8');
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
      if (notice) throw new Error(`grading the JavaScript program gave a notice: ${await notice.textContent()}`);
      await page.click('[data-testid="give-up"]');
      await page.click('[data-testid="confirm"]');
      await page.waitForSelector('[data-testid="study-done"]');
      const total = await allSent(page);

      // The participant's own export and the server's, with modules: the same events.
      const local = await download(page, '[data-testid="export"]');
      const localLines = local.text.trimEnd().split('\n');
      assert(localLines.length === total, `${localLines.length} exported, ${total} saved`);
      // Regrading finishes (the page was honest: nothing is flagged).
      const started = Date.now();
      let summary;
      for (;;) {
        summary = await (await admin(port, 'summary')).json();
        if (summary.regrades.pending === 0) break;
        assert(Date.now() - started < GRADE_MS, `regrades still pending: ${JSON.stringify(summary.regrades)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      assert(summary.regrades.agreed === 3 && summary.regrades.flagged === 0, JSON.stringify(summary.regrades));
      const served = await (await admin(port, 'export?wasm=1')).text();
      const servedLines = served.trimEnd().split('\n');
      assert(servedLines.length === localLines.length, `server ${servedLines.length} events, local ${localLines.length}`);
      servedLines.forEach((line, i) => assert(line === localLines[i], `event ${i + 1} differs:\n server ${line.slice(0, 300)}\n local  ${localLines[i].slice(0, 300)}`));
      fs.writeFileSync(path.join(ARTIFACTS, 'study-server-export.jsonl'), served);
      const written = servedLines.map((l) => JSON.parse(l)).filter((r) => r.event === 'submission' && r.task === 'base64');
      assert(written.length === 1 && written[0].source === source && written[0].submission.language === 'javascript'
        && !('wasm_base64' in written[0]), `the editor's submission is exported as ${JSON.stringify(written).slice(0, 300)}`);
      const kinds = servedLines.map((l) => JSON.parse(l).event);
      assert(kinds.filter((k) => k === 'task_start').length === 3, `task starts: ${kinds}`);

      // The organiser's dashboard: the link's token signs in and leaves the address bar.
      await page.goto(`${base}study.html#/study/demo/dashboard?admin=${ADMIN}`);
      await page.waitForSelector('tr[data-participant="p001"][data-stage="done"]', { timeout: 15_000 });
      assert(!page.url().includes(ADMIN), `the admin token stays in the address: ${page.url()}`);
      const wc = 'tr[data-participant="p001"] td[data-task="wc"]';
      assert(await page.getAttribute(wc, 'data-attempts') === '2', 'wc attempts on the dashboard');
      assert(await page.getAttribute(wc, 'data-best') === '1', 'wc best reward on the dashboard');
      await page.waitForSelector('tr[data-participant="p002"][data-stage="invited"]');
      await page.waitForSelector('[data-testid="regrades"][data-pending="0"][data-agreed="3"]');
      await page.screenshot({ path: path.join(ARTIFACTS, 'study-dashboard-1280.png'), fullPage: true });
      const exported = await download(page, '[data-testid="export-all"]');
      assert(exported.name === 'replica-study-demo-all.jsonl', exported.name);
      assert(exported.text === served, 'the dashboard export differs from the API export');

      // `replica compare` reads the export unchanged, and the compare page loads it
      // from the server.
      const file = path.join(dir, 'export.jsonl');
      fs.writeFileSync(file, served);
      const compared = cli(['compare', file, '--csv']);
      assert(compared.code === 0, `replica compare exited ${compared.code}: ${compared.stderr}`);
      await page.click('[data-testid="open-compare"]');
      await page.waitForSelector('[data-file="api/admin/export.jsonl"]', { timeout: 15_000 });
      await page.waitForSelector('tr[data-kind="human"]');

      // A wrong admin token gets the sign-in form back, with the server's reason.
      await page.evaluate(() => sessionStorage.setItem('replica-admin-token', 'wrong-token-0123456789'));
      await page.goto(`${base}study.html#/study/demo/dashboard`);
      await page.waitForSelector('[data-testid="dashboard-error"]');
      assert((await page.textContent('[data-testid="dashboard-error"]')).includes('wrong admin token'), 'no reason given');
      await page.waitForSelector('[data-testid="sign-in"]');
    } finally {
      await kill(server);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
};
