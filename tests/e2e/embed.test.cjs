// Embedding (docs/embedding.md): the example page `examples/embed.html` with two
// <replica-task> frames and one <replica-report>, served from the site's sub-path, with
// every request that is not to the local server aborted and recorded. Also permalinks
// (inline and file links) and the errors of broken ones.

'use strict';

const zlib = require('zlib');

module.exports = function (t) {
  const { test, assert, cli, tasks, timings, BASE, SEED, PACK } = t;
  const path = require('path');
  const base = new URL(BASE);
  const PAGE = `${BASE}examples/embed.html`;
  const REPORT = { task: 'wc', example: 'bug-no-trailing-newline' };

  // A fresh context (empty cache and storage) whose only reachable host is the local
  // server. `blocked` collects whatever else was attempted; `responses` every answer with
  // its size and when it arrived.
  async function offlineContext(page) {
    const context = await page.context().browser().newContext({
      viewport: { width: 1100, height: 900 },
      acceptDownloads: true,
    });
    const blocked = [];
    const responses = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === base.origin && url.pathname.startsWith(base.pathname)) return route.continue();
      blocked.push(url.href);
      return route.abort('internetdisconnected');
    });
    context.on('response', (response) => {
      const at = Date.now();
      const frame = response.frame();
      responses.push({
        at, url: response.url(), frame: frame.url(), top: frame === frame.page().mainFrame(),
        body: response.body().catch(() => Buffer.alloc(0)),
      });
    });
    return { context, blocked, responses };
  }

  // Proves the route is in force: a fetch to another host from the page is refused and seen.
  async function checkBlocking(page, blocked) {
    const ok = await page.evaluate(() => fetch('http://example.com/probe').then(() => true, () => false));
    assert(!ok, 'a request to example.com was not blocked');
    const i = blocked.indexOf('http://example.com/probe');
    assert(i >= 0, `the blocked request was not recorded: ${blocked}`);
    blocked.splice(i, 1);
  }

  // Runs `fn(context, blocked, responses)` in an offline context; on failure saves a
  // screenshot of each of its pages, since the runner's own page is not the one tested.
  async function offline(page, name, fn) {
    const { context, blocked, responses } = await offlineContext(page);
    try {
      await fn(context, blocked, responses);
    } catch (e) {
      const pages = context.pages();
      for (let i = 0; i < pages.length; i++) {
        await pages[i].screenshot({ path: path.join(t.ARTIFACTS, `failed-${name}-${i}.png`), fullPage: true }).catch(() => {});
      }
      throw e;
    } finally {
      await context.close();
    }
  }

  function frameOf(page, selector) {
    return page.frameLocator(`${selector} >> iframe`);
  }

  async function frameHeight(page, selector) {
    return page.locator(`${selector} >> iframe`).evaluate((f) => f.clientHeight);
  }

  // The iframe's height equals its content's (the app's root), within a pixel.
  async function waitFitted(page, selector) {
    const frame = page.locator(`${selector} >> iframe`);
    const handle = await frame.elementHandle();
    await page.waitForFunction((f) => {
      const root = f.contentDocument && f.contentDocument.querySelector('.embed-root');
      // clientHeight: the frame's content box, without its border.
      return root && Math.abs(f.clientHeight - Math.ceil(root.getBoundingClientRect().height)) <= 1;
    }, handle, { timeout: 15_000 });
    return frameHeight(page, selector);
  }

  test('embed: the example page works offline from a sub-path', (page) => offline(page, 'example-page', async (context, blocked, responses) => {
    const started = Date.now();
    const p = await context.newPage();
    const errors = [];
    p.on('pageerror', (e) => errors.push(String(e)));
    await p.goto(PAGE);
    const wc = 'replica-task[task="wc"]';
    const sha = 'replica-task[task="sha256sum"]';
    const rep = 'replica-report';
    assert((await p.locator('replica-task').count()) === 2, 'the page should hold two tasks');
    // embed.js gives a frame this height until the app posts its own.
    const initial = 420;

    // Interactive: the spec is rendered and the tabs that run the reference and take a
    // submission are there.
    const ready = (sel) => frameOf(p, sel).locator('.spec').waitFor({ timeout: 60_000 })
      .then(() => frameOf(p, sel).locator('a.tab[data-tab="Try the reference"]').waitFor())
      .then(() => ({ at: Date.now(), sel }));
    const first = await Promise.any([ready(wc), ready(sha)]);
    const firstReady = first.at;
    // What the reader needed for it: the page's own files and that frame's. (The next
    // frame starts as this one finishes loading; its first answers can arrive while the
    // test notices the spec, but they were not needed.)
    const firstUrl = await p.locator(`${first.sel} >> iframe`).evaluate((f) => f.src);
    // The frame's own document arrives while the frame is still about:blank.
    const doc = responses.find((r) => r.url === firstUrl.split('#')[0]);
    const before = responses.filter((r) => r.at <= firstReady && (r.top || r.frame === firstUrl || r === doc));
    if (process.env.E2E_DEBUG) console.log(responses.filter((r) => r.at <= firstReady).map((r) => `${before.includes(r) ? '*' : ' '} ${r.url} (${r.frame})`).join('\n'));
    const bodies = await Promise.all(before.map((r) => r.body));
    const bytes = bodies.reduce((n, b) => n + b.length, 0);
    const gz = bodies.reduce((n, b) => n + zlib.gzipSync(b, { level: 9 }).length, 0);
    timings.push(`embed: ${bytes} bytes (${(bytes / 1024).toFixed(0)} KiB as served, ${(gz / 1024).toFixed(0)} KiB gzipped) in ${before.length} responses before the first embedded task was interactive (${((firstReady - started) / 1000).toFixed(1)} s)`);
    await ready(wc);
    await ready(sha);

    // Both tasks show their own spec.
    for (const [sel, id] of [[wc, 'wc'], [sha, 'sha256sum']]) {
      const task = tasks.find((x) => x.id === id);
      const title = await frameOf(p, sel).locator('.task-head h1').textContent();
      assert(title === task.title, `${id}: frame shows ${JSON.stringify(title)}`);
    }

    // The frames fit their content, and follow it when it changes.
    const fitted = await waitFitted(p, wc);
    assert(fitted !== initial, `the wc frame kept its initial height ${initial}`);
    await waitFitted(p, sha);
    await frameOf(p, wc).locator('a.tab[data-tab="Try the reference"]').click();
    await frameOf(p, wc).locator('#run-stdin').waitFor();
    await p.waitForFunction(([sel, h]) => {
      const f = document.querySelector(sel).shadowRoot.querySelector('iframe');
      return Math.abs(f.clientHeight - h) > 1;
    }, [wc, fitted], { timeout: 15_000 });
    const onRun = await waitFitted(p, wc);
    assert(onRun !== fitted, 'the frame did not resize for the run tab');

    // The reference runs inside the frame: the task is live.
    await frameOf(p, wc).locator('#run-stdin').fill('one two\nthree\n');
    await frameOf(p, wc).locator('button[type="submit"]').click();
    await frameOf(p, wc).locator('[data-testid="run-ending"]').waitFor({ timeout: 60_000 });
    const out = await frameOf(p, wc).locator('[data-testid="run-stdout"]').textContent();
    const native = cli(['run', 'wc'], Buffer.from('one two\nthree\n')).stdout.toString().trim();
    assert(out.includes(native), `wc in the frame printed ${JSON.stringify(out)}, the CLI ${JSON.stringify(native)}`);

    // The report: the reward of the shipped file, which is the CLI's report, and a diff.
    const wasm = path.join(PACK, REPORT.task, 'examples', `${REPORT.example}.wasm`);
    const native2 = cli(['grade', REPORT.task, wasm, '--seed', SEED, '--json']);
    const served = await (await p.request.get(`${BASE}reports/${REPORT.task}/${REPORT.example}.json`)).body();
    assert(served.equals(native2.stdout), 'the shipped report is not the CLI report');
    const expected = JSON.parse(native2.stdout);
    const report = frameOf(p, rep);
    await report.locator('[data-testid="reward"]').waitFor({ timeout: 30_000 });
    const shown = Number(await report.locator('[data-testid="reward"]').getAttribute('data-reward'));
    assert(shown === expected.reward, `the report shows ${shown}, the file says ${expected.reward}`);
    const failing = expected.cases.findIndex((c) => c.verdict !== 'AC');
    await report.locator(`.chip[data-case="${failing}"]`).click();
    await report.locator('[data-testid="case"] [data-testid="text-diff"]').waitFor();
    const caseName = await report.locator('[data-testid="case"] h2').textContent();
    assert(caseName.startsWith(expected.cases[failing].name), `case ${caseName}`);
    await waitFitted(p, rep);

    // Re-run live: the module graded again in the frame gives the same report.
    await report.locator('[data-testid="rerun"]').click();
    await report.locator('[data-testid="rerun-result"]').waitFor({ timeout: t.GRADE_MS });
    assert(await report.locator('[data-testid="rerun-identical"]').count() === 1,
      `the live re-run differs: ${await report.locator('[data-testid="rerun-result"]').textContent()}`);

    // The report's permalink links its file, with the selected case.
    await report.locator('[data-testid="copy-permalink"]').click();
    const link = await report.locator('[data-testid="permalink"]').inputValue();
    assert(link.startsWith(BASE) && link.includes('#/report?src=') && link.endsWith(`&case=${failing}`), `permalink ${link}`);
    const q = await context.newPage();
    await q.goto(link);
    await q.waitForSelector('[data-testid="case"] [data-testid="text-diff"]');
    assert(Number(await q.getAttribute('[data-testid="reward"]', 'data-reward')) === expected.reward, 'permalink reward');
    assert((await q.textContent('[data-testid="case"] h2')) === caseName, 'permalink case');

    await checkBlocking(p, blocked);
    assert(blocked.length === 0, `requests left the local server: ${blocked.join(', ')}`);
    assert(errors.length === 0, `errors in the page: ${errors.join('; ')}`);
  }));

  test('embed: a permalink of a graded attempt round-trips, offline', (page) => offline(page, 'permalink', async (context, blocked) => {
    const p = await context.newPage();
    const task = tasks.find((x) => x.id === 'wc');
    const example = task.examples.find((e) => !e.solved);
    await t.grade(p, task.id, example.wasm);
    const failing = await p.$eval('.chip:not(.v-ac)', (c) => Number(c.dataset.case));
    await p.click(`.chip[data-case="${failing}"]`);
    await p.waitForSelector('[data-testid="case"] [data-testid="text-diff"]');
    const seen = {
      reward: await p.getAttribute('[data-testid="reward"]', 'data-reward'),
      name: await p.textContent('[data-testid="case"] h2'),
      diff: await p.textContent('[data-testid="case"] [data-testid="text-diff"]'),
      chips: await p.$$eval('.chip[data-verdict]', (cs) => cs.map((c) => c.dataset.verdict).join()),
    };
    await p.click('[data-testid="copy-permalink"]');
    const link = await p.inputValue('[data-testid="permalink"]');
    assert(link.startsWith(BASE) && /#\/report\?r=[A-Za-z0-9_-]+&case=\d+$/.test(link), `permalink ${link.slice(0, 200)}`);

    let q = await context.newPage();
    await q.goto(link);
    await q.waitForSelector('[data-testid="case"] [data-testid="text-diff"]');
    const again = {
      reward: await q.getAttribute('[data-testid="reward"]', 'data-reward'),
      name: await q.textContent('[data-testid="case"] h2'),
      diff: await q.textContent('[data-testid="case"] [data-testid="text-diff"]'),
      chips: await q.$$eval('.chip[data-verdict]', (cs) => cs.map((c) => c.dataset.verdict).join()),
    };
    assert(JSON.stringify(again) === JSON.stringify(seen), `the permalink shows ${JSON.stringify(again).slice(0, 300)}`);
    // The report inside the link is the graded one, byte for byte.
    const native = cli(['grade', task.id, example.wasm, '--seed', SEED, '--json']);
    const downloaded = await t.downloadReport(q);
    assert(downloaded.equals(native.stdout), 'the permalink report differs from the CLI report');
    // The same link embedded answers too (a new page: embed mode is chosen at load).
    const embedded = link.replace('#/report?', '#/embed/report?');
    q = await context.newPage();
    await q.goto(embedded);
    await q.waitForSelector('.embed-root [data-testid="case"] [data-testid="text-diff"]');
    assert((await q.$('.topbar')) === null, 'the embedded report shows the full chrome');
    assert(blocked.length === 0, `requests left the local server: ${blocked.join(', ')}`);
  }));

  test('embed: an inline report and broken links say what is wrong', (page) => offline(page, 'inline', async (context, blocked) => {
    const p = await context.newPage();
    // A page of the author's own with a report written inline, served beside the example.
    const report = cli(['grade', REPORT.task, path.join(PACK, REPORT.task, 'examples', `${REPORT.example}.wasm`), '--seed', SEED, '--json']).stdout.toString();
    const html = `<!doctype html><meta charset="utf-8"><title>inline</title>
      <replica-report name="mine.wasm"><script type="application/json">${report.replace(/</g, '\\u003c')}</script></replica-report>
      <replica-report src="missing.json"></replica-report>
      <replica-report></replica-report>
      <script src="../embed.js"></script>`;
    await context.route(`${BASE}examples/inline.html`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await p.goto(`${BASE}examples/inline.html`);
    const inline = p.frameLocator('replica-report >> nth=0 >> iframe');
    await inline.locator('[data-testid="reward"]').waitFor({ timeout: 30_000 });
    const reward = Number(await inline.locator('[data-testid="reward"]').getAttribute('data-reward'));
    assert(reward === JSON.parse(report).reward, `inline report shows ${reward}`);
    assert((await inline.locator('.facts').textContent()).includes('mine.wasm'), 'the inline report lost its name');
    const missing = p.frameLocator('replica-report >> nth=1 >> iframe');
    const why = await missing.locator('[role="alert"]').textContent({ timeout: 15_000 });
    assert(why.includes('missing.json') && why.includes('404'), `missing report: ${why}`);
    const empty = await p.locator('replica-report >> nth=2 >> .error').textContent();
    assert(empty.includes('needs a src attribute'), `empty element: ${empty}`);

    for (const [hash, expect] of [
      ['#/report?r=AAAA', 'does not decompress'],
      ['#/report?r=not*base64', 'not base64url'],
      ['#/report?case=2', 'names no report'],
      ['#/embed/report?src=index.html', 'does not parse'],
    ]) {
      await p.goto(BASE + hash);
      // Only the hash changes from one link to the next: wait for this link's message.
      const shown = await p.waitForFunction((e) => {
        const alert = document.querySelector('[role="alert"]');
        return alert && alert.textContent.includes(e);
      }, expect, { timeout: 15_000 }).then(() => true, () => false);
      assert(shown, `${hash}: ${await p.textContent('body')}`);
    }
    assert(blocked.length === 0, `requests left the local server: ${blocked.join(', ')}`);
  }));
};
