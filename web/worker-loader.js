// Starts the grading worker: loads wasm-bindgen's no-modules glue, then the module.
// (Trunk's own loader shim passes the module path in a form wasm-bindgen deprecates.)

// The browser engine (crates/sandbox/src/engine/browser.rs) gives each host function to a
// guest module as `replicaVariadic(f, i)`: a function of any number of arguments passing
// them as one array, since wasm-bindgen's closures take at most eight and WASI's
// path_open has nine. Without it the worker runs every guest on wasmi.
self.replicaVariadic = (f, i) => (...args) => f(i, args);

// Language runtimes (crates/web/src/bin/worker.rs): fetched from the site once and kept
// in Cache Storage, so later loads, in any tab, read them from the browser's cache.
// `onProgress(done, total, cached)` hears of the bytes as they arrive (at most every
// 100 ms); `reload` drops a cached copy first (one the worker found stale).
const RUNTIME_CACHE = 'replica-runtimes';
self.replicaFetchCached = async (url, onProgress, reload) => {
  const cache = self.caches ? await self.caches.open(RUNTIME_CACHE) : null;
  if (cache && reload) await cache.delete(url);
  let response = cache ? await cache.match(url) : undefined;
  const cached = response !== undefined;
  if (!cached) {
    response = await fetch(url, { cache: reload ? 'reload' : 'default' });
    if (!response.ok) throw new Error(`fetching ${url}: HTTP ${response.status}`);
  }
  const total = Number(response.headers.get('content-length')) || 0;
  const reader = response.body.getReader();
  const chunks = [];
  let done = 0;
  let reported = 0;
  onProgress(0, total, cached);
  for (;;) {
    const { done: end, value } = await reader.read();
    if (end) break;
    chunks.push(value);
    done += value.length;
    if (Date.now() - reported >= 100) {
      reported = Date.now();
      onProgress(done, total, cached);
    }
  }
  const bytes = new Uint8Array(done);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  onProgress(done, Math.max(total, done), cached);
  if (cache && !cached) {
    const headers = { 'content-type': 'application/wasm', 'content-length': String(done) };
    await cache.put(url, new Response(bytes, { headers })).catch(() => {});
  }
  return bytes;
};
self.replicaFetchText = async (url) => {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`fetching ${url}: HTTP ${response.status}`);
  return response.text();
};

importScripts("./replica-worker.js");
wasm_bindgen({ module_or_path: "./replica-worker_bg.wasm" });
