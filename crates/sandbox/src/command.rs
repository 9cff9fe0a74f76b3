//! Checks that a module is a WASI command this host can link: every import a WASI
//! preview1 function with its signature, a `_start` of type `() -> ()`, an exported
//! memory. Read from the original bytes with wasmparser, the same for every engine.

use wasmparser::{CompositeInnerType, ExternalKind, FuncType, Parser, Payload, TypeRef, ValType};

use crate::LoadError;
use crate::wasi::{self, Signature, Ty};

/// Checks `wasm`, which the meter has already validated.
///
/// # Errors
/// [`LoadError::Link`] naming the first import or export that does not fit.
pub(crate) fn check(wasm: &[u8]) -> Result<(), LoadError> {
    let invalid = |error: wasmparser::BinaryReaderError| LoadError::Invalid(error.to_string());
    let signatures = wasi::signatures();
    let mut types: Vec<Option<FuncType>> = Vec::new();
    // The type index of every function, imported ones first.
    let mut functions: Vec<u32> = Vec::new();
    let mut start = None;
    let mut memory_export = false;
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(invalid)? {
            Payload::TypeSection(reader) => {
                for group in reader {
                    for sub in group.map_err(invalid)?.into_types() {
                        types.push(match sub.composite_type.inner {
                            CompositeInnerType::Func(ty) => Some(ty),
                            _ => None,
                        });
                    }
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader {
                    let import = import.map_err(invalid)?;
                    let (from, name) = (import.module, import.name);
                    if from != wasi::MODULE {
                        return Err(LoadError::Link(format!(
                            "import `{from}::{name}` is not provided: the sandbox only provides `{}` functions, so build for `wasm32-wasip1` without other host imports",
                            wasi::MODULE
                        )));
                    }
                    let Some(expected) = signatures.get(name) else {
                        return Err(LoadError::Link(format!(
                            "import `{from}::{name}` is not a WASI preview1 function"
                        )));
                    };
                    let TypeRef::Func(index) = import.ty else {
                        return Err(LoadError::Link(format!(
                            "import `{from}::{name}` must be a function"
                        )));
                    };
                    let found = func_type(&types, index)?;
                    if !matches(found, expected) {
                        return Err(LoadError::Link(format!(
                            "import `{from}::{name}` has type {} but WASI preview1 defines {}",
                            describe(found.params(), found.results()),
                            describe_signature(expected)
                        )));
                    }
                    functions.push(index);
                }
            }
            Payload::FunctionSection(reader) => {
                for index in reader {
                    functions.push(index.map_err(invalid)?);
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export.map_err(invalid)?;
                    match (export.name, export.kind) {
                        ("_start", kind) => start = Some((kind, export.index)),
                        ("memory", ExternalKind::Memory) => memory_export = true,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    match start {
        Some((ExternalKind::Func, index)) => {
            let ty = functions
                .get(index as usize)
                .map(|&ty| func_type(&types, ty))
                .transpose()?;
            if !ty.is_some_and(|ty| ty.params().is_empty() && ty.results().is_empty()) {
                return Err(LoadError::Link(
                    "export `_start` must be a function of type () -> ()".into(),
                ));
            }
        }
        Some(_) => {
            return Err(LoadError::Link(
                "export `_start` must be a function of type () -> ()".into(),
            ));
        }
        None => {
            return Err(LoadError::Link(
                "no `_start` export: build a WASI command (a program with `main`), not a library or reactor".into(),
            ));
        }
    }
    if !memory_export {
        return Err(LoadError::Link(
            "no memory exported as `memory`: WASI hosts read arguments and buffers through it"
                .into(),
        ));
    }
    Ok(())
}

fn func_type(types: &[Option<FuncType>], index: u32) -> Result<&FuncType, LoadError> {
    types
        .get(index as usize)
        .and_then(Option::as_ref)
        .ok_or_else(|| LoadError::Invalid(format!("type {index} is not a function type")))
}

fn ty(ty: Ty) -> ValType {
    match ty {
        Ty::I32 => ValType::I32,
        Ty::I64 => ValType::I64,
    }
}

fn matches(found: &FuncType, expected: &Signature) -> bool {
    found
        .params()
        .iter()
        .copied()
        .eq(expected.params.iter().map(|&t| ty(t)))
        && found
            .results()
            .iter()
            .copied()
            .eq(expected.results.iter().map(|&t| ty(t)))
}

fn describe_signature(signature: &Signature) -> String {
    let params: Vec<ValType> = signature.params.iter().map(|&t| ty(t)).collect();
    let results: Vec<ValType> = signature.results.iter().map(|&t| ty(t)).collect();
    describe(&params, &results)
}

/// A function type as `(i32, i64) -> (i32)`.
fn describe(params: &[ValType], results: &[ValType]) -> String {
    let list = |types: &[ValType]| {
        types
            .iter()
            .map(|ty| format!("{ty:?}").to_lowercase())
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("({}) -> ({})", list(params), list(results))
}
