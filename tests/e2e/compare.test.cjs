// Browser tests of the compare page (#/compare, issue 4): records of models (graded by
// `replica grade-batch`) and of humans (a study fixture) loaded by URL and by the file
// picker; the table must equal `replica compare --csv`, the charts must render, and the
// four exports must download with the right content.

'use strict';

const fs = require('fs');
const path = require('path');

module.exports = function (t) {
  const { assert } = t;

  // The page's table as CSV lines: the cells of every row, `—` read as empty.
  async function tableLines(page) {
    return page.$$eval('[data-testid="compare-table"] tbody tr', (rows) =>
      rows.map((tr) => [...tr.cells].map((td) => (td.textContent === '—' ? '' : td.textContent)).join(',')));
  }

  async function download(page, selector) {
    const [file] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.click(selector),
    ]);
    return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
  }

  t.test('compare: models and humans side by side, equal to the CLI, with exports', async (page) => {
    // The demo study's seed and hidden count, so humans and models meet the same cases.
    const batch = t.cli(['grade-batch', 'examples/model-run', '--seed', '7', '--hidden', '20']);
    assert(batch.code === 0, `grade-batch exited ${batch.code}: ${batch.stderr}`);
    const models = batch.stdout;
    const modelsFile = path.join(t.ARTIFACTS, 'compare-models.jsonl');
    fs.writeFileSync(modelsFile, models);
    const humansFile = path.join(t.ROOT, 'examples/compare/humans.jsonl');
    const cliTable = (flag) => {
      const r = t.cli(['compare', humansFile, modelsFile, flag]);
      assert(r.code === 0, `replica compare ${flag} exited ${r.code}: ${r.stderr}`);
      return r.stdout.toString('utf8');
    };
    const csv = cliTable('--csv');
    const latex = cliTable('--latex');

    // The models' records come by URL, served by an intercepted request so that the test
    // needs no file in the site; the humans' by the file picker.
    await page.route('**/records/models.jsonl', (route) =>
      route.fulfill({ status: 200, contentType: 'application/x-ndjson', body: models }));
    await t.open(page, '#/');
    await page.click('[data-testid="nav-compare"]');
    await page.waitForSelector('#records-url');
    await page.fill('#records-url', 'records/models.jsonl');
    await page.press('#records-url', 'Enter');
    await page.waitForSelector('[data-file="records/models.jsonl"]');
    assert(t.hashOf(page) === '#/compare?src=records/models.jsonl', `the link is ${t.hashOf(page)}`);
    await page.setInputFiles('#records', humansFile);
    await page.waitForSelector('[data-file="humans.jsonl"]');
    await page.waitForSelector('tr[data-kind="human"]');

    const expected = csv.trim().split('\n');
    const header = await page.$eval('[data-testid="compare-table"]', (table) =>
      [...table.querySelectorAll('thead th')].map((th) => th.dataset.column).join(','));
    assert(header === expected[0], `columns ${header} differ from the CLI's ${expected[0]}`);
    const lines = await tableLines(page);
    assert(JSON.stringify(lines) === JSON.stringify(expected.slice(1)),
      `the page's table differs from replica compare --csv:\n${lines.join('\n')}\nvs\n${expected.slice(1).join('\n')}`);
    assert(lines.some((l) => l.startsWith('wc,human,')) && lines.some((l) => l.startsWith('wc,model,')),
      `humans and models side by side: ${lines}`);

    // Four charts per task, each drawn, titled and labelled.
    const charts = await page.$$eval('.compare-task', (sections) => sections.map((s) => ({
      task: s.dataset.task,
      charts: [...s.querySelectorAll('.compare-figure svg')].map((svg) => ({
        title: svg.querySelector('title') && svg.querySelector('title').textContent,
        labelled: svg.getAttribute('role') === 'img' && !!svg.getAttribute('aria-labelledby'),
        width: svg.getBoundingClientRect().width,
        marks: svg.querySelectorAll('rect[fill]:not([fill="#fff"]), path, polyline, circle').length,
      })),
    })));
    assert(charts.map((c) => c.task).join(' ') === 'base64 wc', `tasks shown: ${JSON.stringify(charts)}`);
    for (const { task, charts: list } of charts) {
      assert(list.length === 4, `${task}: ${list.length} charts`);
      for (const c of list) {
        assert(c.title && c.title.startsWith(`${task}: `), `${task}: chart title ${c.title}`);
        assert(c.labelled, `${task}: ${c.title} is not labelled for screen readers`);
        assert(c.width > 200, `${task}: ${c.title} is ${c.width}px wide`);
        assert(c.marks > 0, `${task}: ${c.title} draws nothing`);
      }
    }

    // Exports: SVG parses, PNG is a PNG of twice the chart's size, CSV and LaTeX equal the CLI's.
    const figure = '[data-task="wc"] [data-chart="pass-at-k"]';
    const svg = await download(page, `${figure} [data-testid="export-svg"]`);
    assert(svg.name === 'replica-compare-wc-pass-at-k.svg', svg.name);
    const root = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return doc.querySelector('parsererror') ? 'parsererror' : doc.documentElement.nodeName;
    }, svg.bytes.toString('utf8'));
    assert(root === 'svg', `the exported SVG does not parse: ${root}`);
    const png = await download(page, `${figure} [data-testid="export-png"]`);
    assert(png.name === 'replica-compare-wc-pass-at-k.png', png.name);
    assert(png.bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
      'the PNG lacks the PNG signature');
    assert(png.bytes.readUInt32BE(16) === 1120 && png.bytes.readUInt32BE(20) === 600,
      `the PNG is ${png.bytes.readUInt32BE(16)}x${png.bytes.readUInt32BE(20)}`);
    const csvFile = await download(page, '[data-testid="export-csv"]');
    assert(csvFile.bytes.toString('utf8') === csv, `exported CSV differs from the CLI's:\n${csvFile.bytes}`);
    const texFile = await download(page, '[data-testid="export-latex"]');
    const tex = texFile.bytes.toString('utf8');
    assert(tex.includes('\\begin{tabular}') && tex === latex, `exported LaTeX differs from the CLI's:\n${tex}`);

    // A phone: the page may scroll its tables inside their boxes, never sideways as a whole.
    await page.setViewportSize({ width: 390, height: 800 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert(width <= 390, `the compare page is ${width}px wide on a 390 px phone`);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The link holds the URL sources: a reload shows the models again (picked files are gone).
    await page.reload();
    await page.waitForSelector('tr[data-kind="model"]');
    const kinds = await page.$$eval('[data-testid="compare-table"] tbody tr', (rows) => rows.map((r) => r.dataset.kind));
    assert(kinds.join(' ') === 'model model', `after a reload: ${kinds}`);
  });

  t.test('compare: a broken record file names the file and the line', async (page) => {
    await t.open(page, '#/compare');
    await page.setInputFiles('#records', {
      name: 'broken.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from('{"schema":"replica.record/1","seq":1,"author":"human:a","event":"end"}\n{"schema":"replica.record/1","seq":2,"author":"nobody","event":"end"}\n'),
    });
    await page.waitForSelector('[data-testid="compare-error"]');
    const text = await page.textContent('[data-testid="compare-error"]');
    assert(text.includes('broken.jsonl:2: author `nobody` has no kind'), text);
  });
};
