//! The embedded page's side of the conversation with the page around it (`web/embed.js`):
//! posting its height, and receiving a report written inline in `<replica-report>`.
//! Browser glue without logic, like [`crate::browser`].
//!
//! Messages are plain objects with a `type`: `replica:height` (`height` in CSS pixels),
//! `replica:loaded` (the page has what it shows, so the loader may start the next frame)
//! and `replica:ready` (send the inline report) go up to the parent; `replica:report`
//! (`json`, optional `name`) comes down. Heights are posted to any origin: they say nothing private. Reports are accepted
//! from the parent window only, and are data: the views render them as text.

use gloo::events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

use crate::route::Route;
use crate::state::{AppState, Load};

/// The element whose size is posted; the app wraps the embedded page in it.
pub const ROOT_CLASS: &str = "embed-root";

/// Posts `message` to the parent window, if the page is in a frame.
fn post_to_parent(message: &js_sys::Object) {
    if let Some(window) = web_sys::window()
        && let Ok(Some(parent)) = window.parent()
        && parent != window
    {
        let _ = parent.post_message(message, "*");
    }
}

fn message(kind: &str, fields: &[(&str, JsValue)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&object, &"type".into(), &kind.into());
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), value);
    }
    object
}

/// Posts the embedded page's height whenever it changes, while alive.
#[derive(Debug)]
pub struct HeightReporter {
    observer: web_sys::ResizeObserver,
    _on_resize: Closure<dyn FnMut()>,
}

impl HeightReporter {
    /// Marks `<body>` as embedded (the stylesheet drops the full-page layout, whose
    /// `min-height: 100vh` would feed the frame's own height back) and starts observing
    /// the root. `None` outside a browser or when the root is missing.
    pub fn start() -> Option<HeightReporter> {
        let document = web_sys::window()?.document()?;
        document.body()?.class_list().add_1("embed").ok()?;
        let root = document.get_elements_by_class_name(ROOT_CLASS).item(0)?;
        let measured = root.clone();
        let last = std::cell::Cell::new(0.0);
        let on_resize = Closure::<dyn FnMut()>::new(move || {
            let height = measured.get_bounding_client_rect().height().ceil();
            if height != last.get() {
                last.set(height);
                post_to_parent(&message("replica:height", &[("height", height.into())]));
            }
        });
        let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
        observer.observe(&root);
        Some(HeightReporter {
            observer,
            _on_resize: on_resize,
        })
    }
}

impl Drop for HeightReporter {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Tells the parent the page has loaded what it shows (or failed to).
pub fn post_loaded() {
    post_to_parent(&message("replica:loaded", &[]));
}

/// Whether the app's page has what it shows, or has failed to get it. A shared report
/// says so itself (its loading is its own), so it is never settled here.
pub fn settled(state: &AppState) -> bool {
    match &state.route {
        Route::Task { id, .. } | Route::Case { id, .. } => match &state.catalogue {
            Load::Loading => false,
            Load::Failed(_) => true,
            Load::Ready(_) => {
                state.meta(id).is_none()
                    || state
                        .task(id)
                        .is_some_and(|t| !matches!(t.files, Load::Loading))
            }
        },
        Route::Catalogue => !matches!(state.catalogue, Load::Loading),
        Route::Report(_) => false,
        // The compare and study pages load what they show themselves; they are not embed
        // targets.
        Route::Compare { .. }
        | Route::Study { .. }
        | Route::Dashboard { .. }
        | Route::Invalid { .. }
        | Route::NotFound(_) => true,
    }
}

/// Whether the page runs inside a frame.
pub fn in_frame() -> bool {
    web_sys::window().is_some_and(|w| matches!(w.parent(), Ok(Some(p)) if p != w))
}

/// Asks the parent for its inline report and passes `(name, json)` to `on_report` when it
/// arrives. The listener lives as long as the returned value.
pub fn receive_report(on_report: Callback<(String, String)>) -> Option<EventListener> {
    let window = web_sys::window()?;
    let parent = window.parent().ok()??;
    let listener = EventListener::new(&window, "message", move |event| {
        let event: &web_sys::MessageEvent = event.unchecked_ref();
        // Identity, not `instanceof Window`: the parent's window belongs to another realm.
        let from_parent = event
            .source()
            .is_some_and(|s| js_sys::Object::is(s.as_ref(), parent.as_ref()));
        let data = event.data();
        let field = |key: &str| {
            js_sys::Reflect::get(&data, &key.into())
                .ok()
                .and_then(|v| v.as_string())
        };
        if from_parent
            && field("type").as_deref() == Some("replica:report")
            && let Some(json) = field("json")
        {
            on_report.emit((field("name").unwrap_or_default(), json));
        }
    });
    post_to_parent(&message("replica:ready", &[]));
    Some(listener)
}

/// The app's URL without its fragment: permalinks append a route to it.
pub fn app_url() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    match href.split_once('#') {
        Some((base, _)) => base.to_string(),
        None => href,
    }
}

/// Puts `text` on the clipboard where the browser allows it; the link is shown on the
/// page either way, so a refusal (no permission, an insecure origin) costs nothing.
pub fn copy(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Action;

    #[test]
    fn a_task_is_settled_once_its_files_are_there() {
        let mut state = AppState::new(Route::parse("#/embed/task/echo"), 1);
        assert!(!settled(&state));
        let task: replica_judge::task::Task =
            replica_judge::task::Task::parse(include_str!("../tests/data/echo.toml"), "echo.toml")
                .unwrap();
        state.apply(Action::CatalogueLoaded(Ok(vec![
            crate::state::TaskMeta::new(&task, vec![]),
        ])));
        state.apply(Action::TaskOpened {
            id: "echo".into(),
            history: vec![],
            graded: None,
        });
        assert!(!settled(&state));
        state.apply(Action::TaskLoaded {
            id: "echo".into(),
            files: Err("HTTP 404".into()),
        });
        assert!(settled(&state));
        // A task that is not in the catalogue is settled: the page says so.
        state.apply(Action::Navigate(Route::parse("#/embed/task/nope")));
        assert!(settled(&state));
        state.apply(Action::Navigate(Route::parse("#/embed/report?r=x")));
        assert!(!settled(&state));
    }
}
