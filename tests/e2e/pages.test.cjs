// The site's pages (crates/web/src/pages.rs): index.html loads only its own app, and the
// study and compare pages are their own files, reached by every old `#/...` link, from
// the address bar or from a hash change in any page, with back going where it should.

'use strict';

module.exports = function (t) {
  const { assert, BASE } = t;
  const pathOf = (page) => new URL(page.url()).pathname.split('/').pop();

  t.test('pages: the main page loads only its app; study and compare links open their pages', async (page) => {
    const wasm = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname.split('/').pop());
    });
    await t.open(page, '#/');
    await page.waitForSelector('.task-card');
    assert(wasm.length === 1 && wasm[0].startsWith('replica-app-'), `the main page loaded ${wasm.join(', ')}`);

    // A hash change to another page's route loads that page with the same hash.
    await page.evaluate(() => { location.hash = '#/compare'; });
    await page.waitForURL(/compare\.html#\/compare$/);
    await page.waitForSelector('#records-url');
    assert(wasm.some((w) => w.startsWith('replica-compare-app-')), `compare loaded ${wasm.join(', ')}`);
    // The main page only passed the route on: back returns to where the user was.
    await page.goBack();
    await page.waitForSelector('.task-card');
    assert(pathOf(page) === '' && t.hashOf(page) === '#/', `back went to ${page.url()}`);

    // And the other way: a task's route on the compare page opens the main page.
    await page.goto(`${BASE}compare.html#/task/wc`);
    await page.waitForURL((url) => url.pathname.endsWith('/') && url.hash === '#/task/wc');
    await page.waitForSelector('a.tab[data-tab="Spec"][aria-current="page"]');

    // An old study link, given to index.html, opens study.html before anything renders.
    const hash = '#/study/demo?participant=e2e-pages';
    await t.open(page, hash);
    assert(pathOf(page) === 'study.html' && t.hashOf(page) === hash, `the study link went to ${page.url()}`);
    await page.waitForSelector('[data-testid="accept"]');
  });
};
