//! The grading worker's entry point: listens for requests and answers through the
//! [`replica_web::engine::Engine`]. Started by the page from `replica-worker_loader.js`.

use std::cell::RefCell;

use replica_web::engine::Engine;
use replica_web::protocol::{Envelope, Reply, Request};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let engine = RefCell::new(Engine::new());
    let post = {
        let scope = scope.clone();
        move |reply: Envelope<Reply>| {
            if let Err(e) = scope.post_message(&reply.to_js()) {
                gloo::console::error!("posting a reply failed", e);
            }
        }
    };
    let on_message = {
        let post = post.clone();
        Closure::<dyn FnMut(_)>::new(
            move |event: MessageEvent| match Envelope::<Request>::from_js(&event.data()) {
                Ok(request) => engine.borrow_mut().handle(request, &mut post.clone()),
                Err(e) => gloo::console::error!("bad request:", e),
            },
        )
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its page; the handler must too.
    on_message.forget();
    post(Envelope {
        header: Reply::Ready,
        blobs: Vec::new(),
    });
}
