// Starts the grading worker: loads wasm-bindgen's no-modules glue, then the module.
// (Trunk's own loader shim passes the module path in a form wasm-bindgen deprecates.)

// The browser engine (crates/sandbox/src/engine/browser.rs) gives each host function to a
// guest module as `replicaVariadic(f, i)`: a function of any number of arguments passing
// them as one array, since wasm-bindgen's closures take at most eight and WASI's
// path_open has nine. Without it the worker runs every guest on wasmi.
self.replicaVariadic = (f, i) => (...args) => f(i, args);

importScripts("./replica-worker.js");
wasm_bindgen({ module_or_path: "./replica-worker_bg.wasm" });
