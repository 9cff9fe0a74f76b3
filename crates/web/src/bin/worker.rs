//! The grading worker's entry point: listens for requests and answers through the
//! [`replica_web::engine::Engine`]. Started by the page from `worker-loader.js`.
//!
//! A request for a program in a language whose runtime the engine lacks first loads it:
//! `runtimes/runtimes.json` says which module and digest, and `worker-loader.js` fetches
//! the module through the browser's Cache Storage, posting its progress.

use std::cell::RefCell;
use std::rc::Rc;

use replica_web::engine::Engine;
use replica_web::protocol::{Envelope, Reply, Request};
use replica_web::runtimes::Language;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = replicaFetchCached)]
    async fn fetch_cached(
        url: &str,
        on_progress: &JsValue,
        reload: bool,
    ) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_name = replicaFetchText)]
    async fn fetch_text(url: &str) -> Result<JsValue, JsValue>;
}

type Post = Rc<dyn Fn(Envelope<Reply>)>;

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let engine = Rc::new(RefCell::new(Engine::new()));
    let post: Post = {
        let scope = scope.clone();
        Rc::new(move |reply: Envelope<Reply>| {
            if let Err(e) = scope.post_message(&reply.to_js()) {
                gloo::console::error!("posting a reply failed", e);
            }
        })
    };
    let on_message = {
        let post = post.clone();
        Closure::<dyn FnMut(_)>::new(move |event: MessageEvent| {
            let request = match Envelope::<Request>::from_js(&event.data()) {
                Ok(request) => request,
                Err(e) => {
                    gloo::console::error!("bad request:", e);
                    return;
                }
            };
            let needed = engine.borrow().runtime_needed(&request.header);
            match needed {
                None => engine.borrow_mut().handle(request, &mut |r| post(r)),
                Some(language) => {
                    let (engine, post) = (engine.clone(), post.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let job = request.header.job();
                        match load_runtime(&engine, language, job, &post).await {
                            Ok(()) => engine.borrow_mut().handle(request, &mut |r| post(r)),
                            Err(error) => post(Envelope {
                                header: Reply::Failed { job, error },
                                blobs: Vec::new(),
                            }),
                        }
                    });
                }
            }
        })
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its page; the handler must too.
    on_message.forget();
    post(Envelope {
        header: Reply::Ready,
        blobs: Vec::new(),
    });
}

/// Loads the runtime of `language` into the engine, posting its download's progress for
/// job `job`.
async fn load_runtime(
    engine: &RefCell<Engine>,
    language: Language,
    job: u32,
    post: &Post,
) -> Result<(), String> {
    let manifest_url = format!("runtimes/{}", replica_web::runtimes::MANIFEST_FILE);
    let text = fetch_text(&manifest_url)
        .await
        .map_err(|e| {
            format!(
                "the language runtimes are not on this site ({manifest_url}: {}); build it with `cargo xtask dist`, which builds them",
                describe(&e)
            )
        })?
        .as_string()
        .unwrap_or_default();
    let manifest = replica_web::runtimes::Manifest::parse(&text)?;
    let built = manifest.get(language).ok_or_else(|| {
        format!(
            "{manifest_url} lists no {} runtime; rebuild the site with `cargo xtask dist`",
            language.title()
        )
    })?;
    let what = format!(
        "the {} runtime ({} {})",
        language.title(),
        built.name,
        built.version
    );
    let url = format!("runtimes/{}", built.file);
    let on_progress = {
        let (post, what) = (post.clone(), what.clone());
        Closure::<dyn FnMut(f64, f64, bool)>::new(move |done: f64, total: f64, cached: bool| {
            post(Envelope {
                header: Reply::Loading {
                    job,
                    what: what.clone(),
                    done: done as u64,
                    total: total as u64,
                    cached,
                },
                blobs: Vec::new(),
            })
        })
    };
    // A cached copy that is not the manifest's module (the site was rebuilt) is fetched
    // again, once.
    let mut last = String::new();
    for reload in [false, true] {
        let bytes = fetch_cached(&url, on_progress.as_ref(), reload)
            .await
            .map_err(|e| format!("loading {what} from {url}: {}", describe(&e)))?;
        let bytes = js_sys::Uint8Array::new(&bytes).to_vec();
        match engine.borrow_mut().add_runtime(language, built, bytes) {
            Ok(()) => return Ok(()),
            Err(e) => last = e,
        }
    }
    Err(last)
}

fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}
