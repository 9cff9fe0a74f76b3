// Starts the grading worker: loads wasm-bindgen's no-modules glue, then the module.
// (Trunk's own loader shim passes the module path in a form wasm-bindgen deprecates.)
importScripts("./replica-worker.js");
wasm_bindgen({ module_or_path: "./replica-worker_bg.wasm" });
