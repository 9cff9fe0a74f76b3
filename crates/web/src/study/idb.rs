//! IndexedDB glue: the study records and submitted modules of each participant, so that
//! a reload, a crash or a closed tab loses nothing. No logic lives here.
//!
//! Database `replica-study`, version 1, two object stores with out-of-line array keys:
//! `events` keyed `[study, participant, seq]` holding each record's JSON line, and
//! `modules` keyed `[study, participant, digest]` holding `[digest, Uint8Array]`. Array
//! keys sort element by element, so one key range reads a participant's events in `seq`
//! order. Each write is one read-write transaction; it counts as saved only once the
//! transaction completes.

use std::rc::Rc;

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbKeyRange, IdbRequest, IdbTransaction, IdbTransactionMode};

const DATABASE: &str = "replica-study";
const VERSION: u32 = 1;
const EVENTS: &str = "events";
const MODULES: &str = "modules";

/// What a browser error says, for people.
fn describe(error: &JsValue) -> String {
    if let Some(e) = error.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", e.name(), e.message());
    }
    error.as_string().unwrap_or_else(|| format!("{error:?}"))
}

/// Resolves with the request's result once it succeeds.
async fn request(req: &IdbRequest) -> Result<JsValue, String> {
    let promise = Promise::new(&mut |resolve, reject| {
        let ok = req.clone();
        let on_success = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &ok.result().unwrap_or(JsValue::UNDEFINED));
        });
        let failed = req.clone();
        let on_error = Closure::once_into_js(move |_: web_sys::Event| {
            let why = match failed.error() {
                Ok(Some(e)) => e.into(),
                _ => JsValue::from_str("unknown error"),
            };
            let _ = reject.call1(&JsValue::NULL, &why);
        });
        req.set_onsuccess(Some(on_success.unchecked_ref()));
        req.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(|e| describe(&e))
}

/// Resolves once the transaction has committed.
async fn committed(tx: &IdbTransaction) -> Result<(), String> {
    let promise = Promise::new(&mut |resolve, reject| {
        let on_complete = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed = tx.clone();
        let reject2 = reject.clone();
        let on_error = Closure::once_into_js(move |_: web_sys::Event| {
            let why = failed
                .error()
                .map_or(JsValue::from_str("the write was aborted"), Into::into);
            let _ = reject.call1(&JsValue::NULL, &why);
        });
        let on_abort = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject2.call1(
                &JsValue::NULL,
                &JsValue::from_str("the browser aborted the write (storage full?)"),
            );
        });
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        tx.set_onerror(Some(on_error.unchecked_ref()));
        tx.set_onabort(Some(on_abort.unchecked_ref()));
    });
    JsFuture::from(promise)
        .await
        .map(drop)
        .map_err(|e| describe(&e))
}

/// The open database.
#[derive(Debug, Clone)]
pub struct Db(IdbDatabase);

impl PartialEq for Db {
    fn eq(&self, other: &Db) -> bool {
        self.0 == other.0
    }
}

/// Opens (creating on first use) the study database.
///
/// # Errors
/// A message for the participant when IndexedDB is unavailable, blocked or failing.
pub async fn open() -> Result<Db, String> {
    let unavailable = |why: String| {
        format!(
            "Your work cannot be saved in this browser ({why}). Use a normal (not private) window \
             with site data allowed, or another browser, and open the link again."
        )
    };
    let factory = web_sys::window()
        .ok_or("no window")
        .map_err(|e| unavailable(e.into()))?
        .indexed_db()
        .map_err(|e| unavailable(describe(&e)))?
        .ok_or_else(|| unavailable("IndexedDB is not available".into()))?;
    let open = factory
        .open_with_u32(DATABASE, VERSION)
        .map_err(|e| unavailable(describe(&e)))?;
    let upgrade = {
        let open = open.clone();
        Closure::once_into_js(move |_: web_sys::Event| {
            if let Ok(db) = open.result() {
                let db: IdbDatabase = db.unchecked_into();
                for store in [EVENTS, MODULES] {
                    if let Err(e) = db.create_object_store(store) {
                        gloo::console::error!("creating the object store failed:", e);
                    }
                }
            }
        })
    };
    open.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    // Like `request`, but an upgrade blocked by another tab's open connection fails too,
    // rather than waiting for ever.
    let opened = Promise::new(&mut |resolve, reject| {
        let ok = open.clone();
        let on_success = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &ok.result().unwrap_or(JsValue::UNDEFINED));
        });
        let failed = open.clone();
        let reject_blocked = reject.clone();
        let on_error = Closure::once_into_js(move |_: web_sys::Event| {
            let why = match failed.error() {
                Ok(Some(e)) => e.into(),
                _ => JsValue::from_str("unknown error"),
            };
            let _ = reject.call1(&JsValue::NULL, &why);
        });
        let on_blocked = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject_blocked.call1(
                &JsValue::NULL,
                &JsValue::from_str("an older version of the page holds the database open"),
            );
        });
        open.set_onsuccess(Some(on_success.unchecked_ref()));
        open.set_onerror(Some(on_error.unchecked_ref()));
        open.set_onblocked(Some(on_blocked.unchecked_ref()));
    });
    let db = JsFuture::from(opened).await.map_err(|e| {
        unavailable(format!(
            "{}; if Replica is open in another tab, close it and reload",
            describe(&e)
        ))
    })?;
    Ok(Db(db.unchecked_into()))
}

fn key(study: &str, participant: &str, last: &JsValue) -> JsValue {
    Array::of3(&study.into(), &participant.into(), last).into()
}

/// All keys of one participant: `[study, participant]` sorts before any longer key with
/// that prefix, and an empty array sorts after every number and string.
fn range(study: &str, participant: &str) -> Result<IdbKeyRange, String> {
    let lower: JsValue = Array::of2(&study.into(), &participant.into()).into();
    let upper = key(study, participant, &Array::new().into());
    IdbKeyRange::bound(&lower, &upper).map_err(|e| describe(&e))
}

impl Db {
    fn transaction(&self, mode: IdbTransactionMode) -> Result<IdbTransaction, String> {
        let stores = Array::of2(&EVENTS.into(), &MODULES.into());
        self.0
            .transaction_with_str_sequence_and_mode(&stores, mode)
            .map_err(|e| describe(&e))
    }

    /// Writes `lines` (`(seq, JSON line)`) and `modules` (`(digest, bytes)`) of one
    /// participant in one transaction, and waits until it has committed. Writing the same
    /// key again stores the same value, so a retry after a failure is safe.
    ///
    /// The transaction is created before this function first awaits, so writes commit in
    /// the order they were called.
    ///
    /// # Errors
    /// The browser's reason, when the write did not commit.
    pub fn write(
        &self,
        study: &str,
        participant: &str,
        lines: Vec<(u64, String)>,
        modules: Vec<(String, Rc<Vec<u8>>)>,
    ) -> impl std::future::Future<Output = Result<(), String>> + use<> {
        let prepared = (|| -> Result<IdbTransaction, String> {
            let tx = self.transaction(IdbTransactionMode::Readwrite)?;
            let events = tx.object_store(EVENTS).map_err(|e| describe(&e))?;
            for (seq, line) in &lines {
                events
                    .put_with_key(
                        &line.into(),
                        &key(study, participant, &(*seq as f64).into()),
                    )
                    .map_err(|e| describe(&e))?;
            }
            let store = tx.object_store(MODULES).map_err(|e| describe(&e))?;
            for (digest, bytes) in &modules {
                let value = Array::of2(&digest.into(), &Uint8Array::from(&bytes[..]));
                store
                    .put_with_key(&value, &key(study, participant, &digest.into()))
                    .map_err(|e| describe(&e))?;
            }
            Ok(tx)
        })();
        async move { committed(&prepared?).await }
    }

    /// Reads one participant's saved JSON lines (in `seq` order) and modules.
    ///
    /// # Errors
    /// The browser's reason, when reading fails.
    pub async fn read(
        &self,
        study: &str,
        participant: &str,
    ) -> Result<(Vec<String>, Vec<(String, Vec<u8>)>), String> {
        let tx = self.transaction(IdbTransactionMode::Readonly)?;
        let range = range(study, participant)?;
        let events = tx.object_store(EVENTS).map_err(|e| describe(&e))?;
        let lines = request(&events.get_all_with_key(&range).map_err(|e| describe(&e))?).await?;
        let lines: Vec<String> = Array::from(&lines)
            .iter()
            .map(|v| v.as_string().unwrap_or_default())
            .collect();
        let store = tx.object_store(MODULES).map_err(|e| describe(&e))?;
        let stored = request(&store.get_all_with_key(&range).map_err(|e| describe(&e))?).await?;
        let modules = Array::from(&stored)
            .iter()
            .filter_map(|pair| {
                let pair = Array::from(&pair);
                let digest = pair.get(0).as_string()?;
                let bytes = pair.get(1).dyn_into::<Uint8Array>().ok()?.to_vec();
                Some((digest, bytes))
            })
            .collect();
        Ok((lines, modules))
    }
}
