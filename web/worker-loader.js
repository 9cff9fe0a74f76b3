// Starts the grading worker: loads wasm-bindgen's no-modules glue, then the module.
// (Trunk's own loader shim passes the module path in a form wasm-bindgen deprecates.)

// The browser engine (crates/sandbox/src/engine/browser.rs) gives each host function to a
// guest module as `replicaVariadic(f, i)`: a function of any number of arguments passing
// them as one array, since wasm-bindgen's closures take at most eight and WASI's
// path_open has nine. Without it the worker runs every guest on wasmi.
//
// Before each host call the wrapper checks that the worker's stack has room for the
// host's Rust frames: it calls the stack guard below GUARD_FRAMES deep. When the guest's
// frames left less room, the guard's call throws the browser's RangeError *before* any
// host frame runs, so the run ends as a trap and is rerun on wasmi (browser.rs), instead
// of the overflow unwinding Rust frames without their destructors. That is what lets
// browser.rs's FALLBACK_UNITS sit high enough for CPython's deep start-up (~63,000 units).
self.replicaVariadic = (f, i) => (...args) => {
  replicaStackGuard(GUARD_FRAMES);
  return f(i, args);
};
// The stack guard: a wasm function whose frames keep 64 loaded i64 values live across the
// recursive call (at least 512 bytes a frame in any tier: the call may store to memory, so
// nothing can be reloaded or folded), called GUARD_FRAMES deep before every host call.
// In Chromium's worker (about 1 MB of stack) 882 of its frames fit cold and 920 hot, so
// 128 frames ask for about 140 KB (at least 64 KB in any tier) and cost about 6 µs a
// host call.
const GUARD_FRAMES = 128;
const replicaStackGuard = (() => {
  const LIVE = 64;
  const body = [0x01, LIVE, 0x7e]; // 64 locals of i64
  // if n == 0: return 0
  body.push(0x20, 0x00, 0x45, 0x04, 0x40, 0x42, 0x00, 0x0f, 0x0b);
  // memory[(n & 63) << 3] = n: an unknown address, so the loads below are not the callee's
  body.push(0x20, 0x00, 0x41, 0x3f, 0x71, 0x41, 0x03, 0x74, 0x20, 0x00, 0xad, 0x37, 0x03, 0x00);
  for (let i = 0; i < LIVE; i++) {
    const off = i * 8; // i32.const 0; i64.load align=3 offset=off (LEB128); local.set 1+i
    body.push(0x41, 0x00, 0x29, 0x03, 0x80 | (off & 0x7f), off >> 7, 0x21, 1 + i);
  }
  body.push(0x20, 0x00, 0x41, 0x01, 0x6b, 0x10, 0x00); // g(n - 1)
  for (let i = 0; i < LIVE; i++) body.push(0x20, 1 + i, 0x7c); // + each value
  body.push(0x0b);
  const size = (n) => (n < 128 ? [n] : [0x80 | (n & 0x7f), n >> 7]);
  const code = [0x01, ...size(body.length), ...body];
  const bytes = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7e, // type (i32) -> i64
    0x03, 0x02, 0x01, 0x00,
    0x05, 0x03, 0x01, 0x00, 0x01, // memory 1 page
    0x07, 0x05, 0x01, 0x01, 0x67, 0x00, 0x00, // export "g"
    0x0a, ...size(code.length), ...code,
  ]);
  return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.g;
})();

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
