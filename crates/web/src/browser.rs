//! The few browser services the app uses: fetching the task pack, local storage, picked
//! files, downloads, and the grading worker. Everything here is glue without logic.
//!
//! URLs are relative (`tasks/index.json`), so the site works under any sub-path.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::net::http::Request as Http;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

use crate::protocol::{Envelope, Reply, Request};

/// The worker's entry script (`web/worker-loader.js`), copied next to `index.html`.
const WORKER_URL: &str = "./worker-loader.js";

/// Session storage's key for the admin token of `replica study-server` (set by the
/// dashboard, sent with the compare page's fetches of the server's export).
pub const ADMIN_TOKEN_KEY: &str = "replica-admin-token";

async fn fetch(url: &str) -> Result<gloo::net::http::Response, String> {
    let mut request = Http::get(url);
    // The study server's organiser API (`api/admin/...`, e.g. the export the compare page
    // loads) needs the admin token the dashboard was given in this tab.
    if url.starts_with("api/admin/")
        && let Some(token) = session_load(ADMIN_TOKEN_KEY)
    {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    let response = request
        .send()
        .await
        .map_err(|e| format!("fetching {url}: {e}"))?;
    if !response.ok() {
        return Err(format!("fetching {url}: HTTP {}", response.status()));
    }
    Ok(response)
}

/// One request to the study server's API: `method` on `url` (relative to the page) with
/// an optional bearer token and body. Answers the status and the body's text; `Err` only
/// when no answer arrived (the server is down or the network is gone).
pub async fn call(
    method: gloo::net::http::Method,
    url: &str,
    bearer: Option<&str>,
    body: Option<JsValue>,
) -> Result<(u16, String), String> {
    let mut builder = gloo::net::http::RequestBuilder::new(url).method(method);
    if let Some(token) = bearer {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    let request = match body {
        Some(body) => builder.body(body),
        None => builder.build(),
    }
    .map_err(|e| e.to_string())?;
    let response = request.send().await.map_err(|e| e.to_string())?;
    let text = response.text().await.unwrap_or_default();
    Ok((response.status(), text))
}

/// Fetches `url` as bytes.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    fetch(url)
        .await?
        .binary()
        .await
        .map_err(|e| format!("reading {url}: {e}"))
}

/// Fetches `url` as text.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    fetch(url)
        .await?
        .text()
        .await
        .map_err(|e| format!("reading {url}: {e}"))
}

/// The item `key` of local storage, if storage works and has it.
pub fn load(key: &str) -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok()??;
    storage.get_item(key).ok()?
}

/// Stores `value` under `key`; quietly does nothing where storage is disabled (private
/// windows), since history is a convenience.
pub fn store(key: &str, value: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = storage.set_item(key, value);
    }
}

/// Stores `value` under `key`, or says why it could not (storage disabled, or full: a
/// draft larger than the few megabytes browsers give a site).
///
/// # Errors
/// A message for people.
pub fn try_store(key: &str, value: &str) -> Result<(), String> {
    let storage = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or("this browser keeps no local storage")?;
    storage
        .set_item(key, value)
        .map_err(|_| "the browser's storage is full".to_string())
}

/// The item `key` of session storage (kept across reloads of this tab only).
pub fn session_load(key: &str) -> Option<String> {
    let storage = web_sys::window()?.session_storage().ok()??;
    storage.get_item(key).ok()?
}

/// Removes `key` from session storage.
pub fn session_remove(key: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.session_storage()) {
        let _ = storage.remove_item(key);
    }
}

/// Stores `value` under `key` in session storage; a full or disabled storage only means
/// a reload forgets the result.
pub fn session_store(key: &str, value: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.session_storage()) {
        let _ = storage.set_item(key, value);
    }
}

/// Milliseconds since the Unix epoch.
pub fn now() -> f64 {
    js_sys::Date::now()
}

/// A random seed below 2^32, so it is short to read and type.
pub fn random_seed() -> u64 {
    (js_sys::Math::random() * 4_294_967_296.0) as u64
}

/// The current `location.hash`.
pub fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Reads the files of a file list (from a picker or a drop) as `(name, bytes)`.
pub async fn read_files(list: Option<web_sys::FileList>) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut out = Vec::new();
    let Some(list) = list else {
        return Ok(out);
    };
    for i in 0..list.length() {
        if let Some(file) = list.get(i) {
            let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
                .await
                .map_err(|e| format!("reading {}: {e:?}", file.name()))?;
            out.push((file.name(), js_sys::Uint8Array::new(&buffer).to_vec()));
        }
    }
    Ok(out)
}

/// Offers `contents` as a download named `name`.
pub fn download(name: &str, contents: &str, mime: &str) {
    let result = (|| -> Result<(), JsValue> {
        let parts = js_sys::Array::of1(&JsValue::from_str(contents));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or("no document")?;
        let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        a.click();
        web_sys::Url::revoke_object_url(&url)?;
        Ok(())
    })();
    if let Err(e) = result {
        gloo::console::error!("download failed", e);
    }
}

/// The page's side of the grading worker. Posts wait in a queue until the worker says
/// it is ready, since messages sent before its Rust code listens would be lost.
#[derive(Debug)]
pub struct WorkerBridge {
    worker: web_sys::Worker,
    ready: Rc<Cell<bool>>,
    queue: Rc<RefCell<Vec<JsValue>>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

impl WorkerBridge {
    /// Starts a worker; its replies go to `on_reply`, its death to `on_crash`.
    ///
    /// # Errors
    /// When the browser refuses to start the worker.
    pub fn spawn(
        on_reply: Callback<Envelope<Reply>>,
        on_crash: Callback<String>,
    ) -> Result<WorkerBridge, String> {
        let worker = web_sys::Worker::new(WORKER_URL).map_err(|e| format!("{e:?}"))?;
        let ready = Rc::new(Cell::new(false));
        let queue: Rc<RefCell<Vec<JsValue>>> = Rc::default();
        let on_message = {
            let (worker, ready, queue) = (worker.clone(), ready.clone(), queue.clone());
            Closure::<dyn FnMut(_)>::new(move |event: web_sys::MessageEvent| {
                match Envelope::<Reply>::from_js(&event.data()) {
                    Ok(Envelope {
                        header: Reply::Ready,
                        ..
                    }) => {
                        ready.set(true);
                        for message in queue.borrow_mut().drain(..) {
                            let _ = worker.post_message(&message);
                        }
                    }
                    Ok(reply) => on_reply.emit(reply),
                    Err(e) => gloo::console::error!("bad message from the worker:", e),
                }
            })
        };
        let on_error = Closure::<dyn FnMut(_)>::new(move |event: web_sys::ErrorEvent| {
            event.prevent_default();
            on_crash.emit(event.message());
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(WorkerBridge {
            worker,
            ready,
            queue,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    pub fn post(&self, message: &Envelope<Request>) {
        let message = message.to_js();
        if self.ready.get() {
            let _ = self.worker.post_message(&message);
        } else {
            self.queue.borrow_mut().push(message);
        }
    }
}

impl Drop for WorkerBridge {
    /// Stops the worker at once, even in the middle of a run: this is how Cancel works.
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}
