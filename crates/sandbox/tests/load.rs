//! Loading modules: what `Module::new` accepts, and the error it gives for everything else.

mod common;

use common::{ALL_FUNCTIONS, signature, small_budget, wat_types};
use replica_sandbox::{Budget, Input, LoadError, Module};

/// Loads `wasm` and describes the result: `ok` or the error's message.
fn check_bytes(wasm: &[u8], budget: &Budget, expect: &str) {
    let got = match Module::new(wasm, budget) {
        Ok(_) => "ok".to_owned(),
        Err(error) => error.to_string(),
    };
    assert_eq!(got, expect);
}

fn check(wat: &str, expect: &str) {
    let wasm = wat::parse_str(wat).expect("test WAT parses");
    check_bytes(&wasm, &small_budget(), expect);
}

const MINIMAL: &str = r#"(module (memory (export "memory") 1) (func (export "_start")))"#;

#[test]
fn minimal_command_loads() {
    check(MINIMAL, "ok");
}
#[test]
fn empty_bytes() {
    check_bytes(b"", &small_budget(), "invalid module: the file is empty");
}
#[test]
fn not_wasm() {
    check_bytes(
        b"#!/bin/sh\necho hi\n",
        &small_budget(),
        "invalid module: not a WebAssembly binary: it starts with bytes 23 21 2f 62, not 00 61 73 6d (\\0asm); build for wasm32-wasip1, or convert a .wat text file with wat2wasm",
    );
}
#[test]
fn truncated() {
    let wasm = wat::parse_str(MINIMAL).unwrap();
    check_bytes(
        &wasm[..wasm.len() - 3],
        &small_budget(),
        "invalid module: unexpected end-of-file (at offset 0x2f)",
    );
}
#[test]
fn fails_validation() {
    check(
        r#"(module (memory (export "memory") 1) (func (export "_start") (i32.const 1)))"#,
        "invalid module: type mismatch: values remaining on stack at end of block (at offset 0x33)",
    );
}
#[test]
fn too_large() {
    let wasm = wat::parse_str(MINIMAL).unwrap();
    let budget = Budget {
        module_bytes: 10,
        ..small_budget()
    };
    check_bytes(
        &wasm,
        &budget,
        "module is 50 bytes, over the limit of 10 bytes",
    );
}
#[test]
fn import_from_another_module() {
    check(
        r#"(module (import "env" "foo" (func)) (memory (export "memory") 1) (func (export "_start")))"#,
        "link error: import `env::foo` is not provided: the sandbox only provides `wasi_snapshot_preview1` functions, so build for `wasm32-wasip1` without other host imports",
    );
}
#[test]
fn unknown_wasi_function() {
    check(
        r#"(module (import "wasi_snapshot_preview1" "fd_frobnicate" (func)) (memory (export "memory") 1) (func (export "_start")))"#,
        "link error: import `wasi_snapshot_preview1::fd_frobnicate` is not a WASI preview1 function",
    );
}
#[test]
fn wrong_signature() {
    check(
        r#"(module (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32))) (memory (export "memory") 1) (func (export "_start")))"#,
        "link error: import `wasi_snapshot_preview1::fd_write` has type (i32) -> (i32) but WASI preview1 defines (i32, i32, i32, i32) -> (i32)",
    );
}
#[test]
fn imported_memory() {
    check(
        r#"(module (import "wasi_snapshot_preview1" "memory" (memory 1)) (memory (export "memory") 1) (func (export "_start")))"#,
        "link error: import `wasi_snapshot_preview1::memory` is not a WASI preview1 function",
    );
}
#[test]
fn no_start() {
    check(
        r#"(module (memory (export "memory") 1) (func (export "main")))"#,
        "link error: no `_start` export: build a WASI command (a program with `main`), not a library or reactor",
    );
}
#[test]
fn start_with_wrong_type() {
    check(
        r#"(module (memory (export "memory") 1) (func (export "_start") (param i32)))"#,
        "link error: export `_start` must be a function of type () -> ()",
    );
}
#[test]
fn no_memory() {
    check(
        r#"(module (func (export "_start")))"#,
        "link error: no memory exported as `memory`: WASI hosts read arguments and buffers through it",
    );
}
#[test]
fn memory_exported_under_another_name() {
    check(
        r#"(module (memory (export "mem") 1) (func (export "_start")))"#,
        "link error: no memory exported as `memory`: WASI hosts read arguments and buffers through it",
    );
}

/// A module importing every preview1 function links and runs, so the host defines them
/// all with the signatures the spec gives.
#[test]
fn every_preview1_function_links() {
    let mut wat = String::from("(module\n");
    for name in ALL_FUNCTIONS {
        let (params, results) = signature(name);
        let results = if results.is_empty() {
            ""
        } else {
            " (result i32)"
        };
        wat.push_str(&format!(
            "(import \"wasi_snapshot_preview1\" \"{name}\" (func (param{}){results}))\n",
            wat_types(params)
        ));
    }
    wat.push_str(r#"(memory (export "memory") 1) (func (export "_start")))"#);
    let wasm = wat::parse_str(&wat).unwrap();
    let budget = small_budget();
    let module = Module::new(&wasm, &budget).expect("every WASI function links");
    let outcome = module.run(&Input::default(), &budget);
    assert_eq!(outcome.exit_code(), Some(0));
    assert_eq!(ALL_FUNCTIONS.len(), 46);
}

/// Graders share one compiled module across threads.
#[test]
fn module_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Module>();
    assert_send_sync::<LoadError>();
}
