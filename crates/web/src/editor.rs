//! The code editor and the C compiler, both JavaScript loaded on first use: the site's
//! `editor/editor.js` (CodeMirror 6 and the driver of the C compiler's worker, built by
//! `cargo xtask` from `web/playground/`) defines `globalThis.ReplicaEditor`, which this
//! module binds. Nothing here has logic beyond moving values across; the main page's
//! wasm only grows by these bindings, not by the editor.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use replica_judge::RuntimeRef;

/// The editor's bundle, relative to the page.
const SCRIPT_URL: &str = "editor/editor.js";

#[wasm_bindgen]
extern "C" {
    /// One editor (`ReplicaEditor.create`'s result in `web/playground/editor.js`).
    #[derive(Debug, Clone)]
    pub type Editor;

    #[wasm_bindgen(catch, js_namespace = ReplicaEditor, js_name = create)]
    fn create_editor(parent: &web_sys::Element, options: &JsValue) -> Result<Editor, JsValue>;

    #[wasm_bindgen(method, js_name = getDoc)]
    pub fn doc(this: &Editor) -> String;

    #[wasm_bindgen(method, js_name = setDoc)]
    pub fn set_doc(this: &Editor, text: &str);

    #[wasm_bindgen(method, js_name = setLanguage)]
    pub fn set_language(this: &Editor, language: &str, doc: &str);

    /// Reports a pending (debounced) change now.
    #[wasm_bindgen(method)]
    pub fn flush(this: &Editor);

    #[wasm_bindgen(method)]
    pub fn focus(this: &Editor);

    #[wasm_bindgen(method)]
    pub fn destroy(this: &Editor);

    #[wasm_bindgen(catch, js_namespace = ReplicaEditor, js_name = compileC)]
    fn compile_c_js(source: &str, on_progress: &JsValue) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_namespace = ReplicaEditor, js_name = cancelCompile)]
    fn cancel_compile_js();
}

/// What the editor calls back: edits (debounced), Ctrl-Enter and Ctrl-Shift-Enter, and an
/// edit it refused because the program would be larger than
/// [`replica_judge::runtimes::MAX_SOURCE_BYTES`] (with that size in bytes).
pub struct Callbacks {
    pub on_change: Closure<dyn FnMut(String)>,
    pub on_too_large: Closure<dyn FnMut(f64)>,
    pub on_run: Closure<dyn FnMut()>,
    pub on_grade: Closure<dyn FnMut()>,
}

impl std::fmt::Debug for Callbacks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Callbacks")
    }
}

/// Loads `editor/editor.js` once per page; later calls return at once.
///
/// # Errors
/// When the script cannot be loaded (a site built without it, or offline).
pub async fn load() -> Result<(), String> {
    thread_local! {
        static LOADING: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
    }
    let window = gloo::utils::window();
    if js_sys::Reflect::has(&window, &"ReplicaEditor".into()).unwrap_or(false) {
        return Ok(());
    }
    let promise = LOADING.with(|loading| {
        loading
            .borrow_mut()
            .get_or_insert_with(|| {
                js_sys::Promise::new(&mut |resolve, reject| {
                    let document = gloo::utils::document();
                    let Ok(script) = document.create_element("script") else {
                        let _ = reject.call1(&JsValue::NULL, &"no document".into());
                        return;
                    };
                    let _ = script.set_attribute("src", SCRIPT_URL);
                    let on_load = Closure::once_into_js(move || {
                        let _ = resolve.call0(&JsValue::NULL);
                    });
                    let on_error = Closure::once_into_js(move || {
                        let _ = reject.call1(&JsValue::NULL, &"the script did not load".into());
                    });
                    let _ = js_sys::Reflect::set(&script, &"onload".into(), &on_load);
                    let _ = js_sys::Reflect::set(&script, &"onerror".into(), &on_error);
                    let _ = gloo::utils::head().append_child(&script);
                })
            })
            .clone()
    });
    JsFuture::from(promise).await.map(|_| ()).map_err(|e| {
        // The next attempt tries again (the network may be back).
        LOADING.with(|loading| loading.borrow_mut().take());
        format!(
            "the code editor ({SCRIPT_URL}) did not load: {}",
            describe(&e)
        )
    })
}

/// Creates an editor in `parent` holding `doc` in `language` (`python`, `javascript`, `c`),
/// refusing edits past [`replica_judge::runtimes::MAX_SOURCE_BYTES`].
///
/// # Errors
/// When the editor's script is not loaded or refuses the language.
pub fn create(
    parent: &web_sys::Element,
    doc: &str,
    language: &str,
    label: &str,
    callbacks: &Callbacks,
) -> Result<Editor, String> {
    let options = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(&options, &key.into(), value);
    };
    set("doc", &doc.into());
    set("language", &language.into());
    set("label", &label.into());
    set("onChange", callbacks.on_change.as_ref());
    set("onRun", callbacks.on_run.as_ref());
    set("onGrade", callbacks.on_grade.as_ref());
    set("onTooLarge", callbacks.on_too_large.as_ref());
    set(
        "maxBytes",
        &(replica_judge::runtimes::MAX_SOURCE_BYTES as f64).into(),
    );
    create_editor(parent, &options).map_err(|e| describe(&e))
}

/// C compiled in the page: a module, or the compiler's message; and the compiler as the
/// report names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledC {
    pub result: Result<Vec<u8>, String>,
    pub compiler: RuntimeRef,
}

/// Compiles `source` as `main.c` with the site's clang (a worker of its own), calling
/// `on_progress(done, total)` while the compiler downloads (`total` 0 once it compiles).
///
/// # Errors
/// When the compiler cannot be loaded or was cancelled; code that does not compile is an
/// `Ok` with the compiler's message.
pub async fn compile_c(
    source: &str,
    on_progress: impl Fn(u64, u64) + 'static,
) -> Result<CompiledC, String> {
    load().await?;
    let on_progress = Rc::new(on_progress);
    let callback = Closure::<dyn FnMut(f64, f64)>::new({
        let on_progress = on_progress.clone();
        move |done: f64, total: f64| on_progress(done as u64, total as u64)
    });
    let promise = compile_c_js(source, callback.as_ref()).map_err(|e| describe(&e))?;
    let value = JsFuture::from(promise).await.map_err(|e| describe(&e))?;
    drop(callback);
    let get = |key: &str| js_sys::Reflect::get(&value, &key.into()).unwrap_or(JsValue::UNDEFINED);
    let compiler = get("compiler");
    let field = |key: &str| {
        js_sys::Reflect::get(&compiler, &key.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    let compiler = RuntimeRef {
        name: field("name").unwrap_or_else(|| "clang".into()),
        version: field("version").unwrap_or_default(),
        digest: field("digest"),
    };
    let result = match get("wasm").dyn_into::<js_sys::Uint8Array>() {
        Ok(wasm) => Ok(wasm.to_vec()),
        Err(_) => Err(get("message")
            .as_string()
            .unwrap_or_else(|| "clang failed".into())),
    };
    Ok(CompiledC { result, compiler })
}

/// Stops a compile under way (Cancel), if the compiler was ever loaded.
pub fn cancel_compile() {
    let window = gloo::utils::window();
    if js_sys::Reflect::has(&window, &"ReplicaEditor".into()).unwrap_or(false) {
        cancel_compile_js();
    }
}

/// A JS error's message.
fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}
