// Compiles C in the browser: a module worker (the site's `clang/worker.js`) around YoWASP's
// clang and wasm-ld (npm @yowasp/clang, copied beside it with its sysroot by `cargo
// xtask`). `editor.js` starts it when someone first compiles C and terminates it on
// Cancel. The compiler's files come from the served site only, through the browser's
// Cache Storage, so only the first compile downloads them.
//
// Request: {id, source}. Replies: {id, type: 'progress', done, total} while the compiler
// downloads (total 0 once it compiles), then {id, type: 'done', wasm | message, compiler}
// or {id, type: 'error', message} when the compiler itself failed.

const CACHE = 'replica-clang';
const info = fetch(new URL('./compiler.json', import.meta.url)).then((r) => {
  if (!r.ok) throw new Error(`clang/compiler.json: HTTP ${r.status}`);
  return r.json();
});

// YoWASP's runtime fetches its files with the global fetch when the bundle loads; this
// one keeps them in Cache Storage under the compiler's digest.
const networkFetch = globalThis.fetch.bind(globalThis);
globalThis.fetch = async (url, options) => {
  const { digest } = await info;
  const cache = await caches.open(`${CACHE}-${digest}`);
  const hit = await cache.match(url);
  if (hit) return hit;
  const response = await networkFetch(url, options);
  if (response.ok) await cache.put(url, response.clone());
  return response;
};
// Older versions of the compiler are deleted, so a site upgrade does not leave 100 MB
// behind.
info.then(async ({ digest }) => {
  for (const name of await caches.keys()) {
    if (name.startsWith(`${CACHE}-`) && name !== `${CACHE}-${digest}`) await caches.delete(name);
  }
}).catch(() => {});

const clang = import('./bundle.js');

self.onmessage = async ({ data: { id, source } }) => {
  let compiler;
  try {
    compiler = await info;
    const { runClang } = await clang;
    const decoder = new TextDecoder();
    let stderr = '';
    const progress = ({ totalLength, doneLength }) =>
      self.postMessage({ id, type: 'progress', done: doneLength, total: totalLength });
    let out;
    try {
      out = await runClang(['clang', ...compiler.args, 'main.c', '-o', 'main.wasm'], { 'main.c': source }, {
        stdout: (bytes) => { if (bytes) stderr += decoder.decode(bytes, { stream: true }); },
        stderr: (bytes) => { if (bytes) stderr += decoder.decode(bytes, { stream: true }); },
        fetchProgress: (event) => {
          progress(event);
          if (event.doneLength === event.totalLength) progress({ totalLength: 0, doneLength: 0 });
        },
      });
    } catch (e) {
      if (typeof e?.code === 'number') {
        // As `replica grade main.c` words it: clang's exit status and its messages.
        const message = `clang failed (exit status: ${e.code}):\n${stderr.trimEnd()}`;
        self.postMessage({ id, type: 'done', message, compiler });
        return;
      }
      throw e;
    }
    const wasm = out['main.wasm'];
    self.postMessage({ id, type: 'done', wasm, compiler }, [wasm.buffer]);
  } catch (e) {
    self.postMessage({ id, type: 'error', message: `the C compiler failed: ${e?.message || e}` });
  }
};
