//! Rewrites one function body: fuel charges per segment, per-byte charges of bulk
//! operations, the depth/units bookkeeping and the detection of refused `grow`s.
//!
//! The body arrives already validated (see `module.rs`), as the list of its original
//! operators; every rule here is one of those stated in the crate documentation.

use std::convert::Infallible;

use wasm_encoder::reencode::Reencode;
use wasm_encoder::{BlockType, Function, InstructionSink, ValType};
use wasmparser::Operator;

use crate::Error;

/// Where the rewrite's own globals and imported functions ended up in the output module.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Indices {
    pub fuel: u32,
    pub depth: u32,
    pub units: u32,
    pub refused: u32,
    pub out_of_fuel: u32,
    pub stack_exhausted: u32,
    pub fallback: u32,
}

/// Module-wide facts one body's rewrite needs.
#[derive(Debug)]
pub(crate) struct Env<'m> {
    pub indices: Indices,
    pub stack_depth: u32,
    pub stack_units: u64,
    /// Already filtered: `Some` only when it is below `stack_units`.
    pub fallback_units: Option<u64>,
    /// The memory's own maximum in pages before the cap (65,536 when it declared none).
    pub memory_max: u64,
    /// Each table's own maximum before the cap (`u32::MAX` when it declared none).
    pub table_max: &'m [u64],
    /// Replace every NaN an arithmetic float operator produces with the canonical NaN.
    pub canonicalize_nans: bool,
}

/// One validated function body with what the validator measured.
#[derive(Debug)]
pub(crate) struct Body<'a> {
    /// Parameters plus declared locals: the first scratch local's index.
    pub first_scratch: u32,
    /// The declared locals, as in the input.
    pub locals: Vec<(u32, wasmparser::ValType)>,
    /// The original operators, the final `end` included.
    pub ops: Vec<Operator<'a>>,
    pub frame_units: u64,
}

/// How many scratch locals the rewrite appends: `$d`, `$s0`, `$s1` (i32) and `$u` (i64).
pub(crate) const SCRATCH_LOCALS: u32 = 4;

/// How many more it may append for NaN canonicalisation: `$f32` and `$f64`.
pub(crate) const NAN_SCRATCH_LOCALS: u32 = 2;

/// The canonical NaNs: positive, quiet, zero payload.
const CANONICAL_F32: u32 = 0x7fc0_0000;
const CANONICAL_F64: u64 = 0x7ff8_0000_0000_0000;

/// The result type of a scalar float operator whose result may be an arithmetic NaN:
/// exactly those Cranelift's NaN canonicalisation rewrites (arithmetic, rounding,
/// `min`/`max`, demotion and promotion). Sign-bit operations (`neg`, `abs`,
/// `copysign`), reinterpretations, loads, constants, `select` and conversions from
/// integers never produce a NaN that was not already there bit for bit, so they are not
/// listed.
fn nan_result(op: &Operator<'_>) -> Option<ValType> {
    match op {
        Operator::F32Add
        | Operator::F32Sub
        | Operator::F32Mul
        | Operator::F32Div
        | Operator::F32Min
        | Operator::F32Max
        | Operator::F32Sqrt
        | Operator::F32Ceil
        | Operator::F32Floor
        | Operator::F32Trunc
        | Operator::F32Nearest
        | Operator::F32DemoteF64 => Some(ValType::F32),
        Operator::F64Add
        | Operator::F64Sub
        | Operator::F64Mul
        | Operator::F64Div
        | Operator::F64Min
        | Operator::F64Max
        | Operator::F64Sqrt
        | Operator::F64Ceil
        | Operator::F64Floor
        | Operator::F64Trunc
        | Operator::F64Nearest
        | Operator::F64PromoteF32 => Some(ValType::F64),
        _ => None,
    }
}

/// Whether the operator closes a fuel segment, i.e. whether a metering point follows it.
/// These are exactly the operators after which control may arrive from elsewhere (block
/// entries, branch targets, joins) or after which the rest of the segment may be skipped.
fn ends_segment(op: &Operator<'_>) -> bool {
    matches!(
        op,
        Operator::Block { .. }
            | Operator::Loop { .. }
            | Operator::If { .. }
            | Operator::Else
            | Operator::End
            | Operator::Br { .. }
            | Operator::BrIf { .. }
            | Operator::BrTable { .. }
            | Operator::Return
            | Operator::Unreachable
            | Operator::ReturnCall { .. }
            | Operator::ReturnCallIndirect { .. }
            | Operator::ReturnCallRef { .. }
    )
}

/// The cost of every segment, in order: one fuel per original operator.
fn segment_costs(ops: &[Operator<'_>]) -> Vec<u64> {
    let mut costs = vec![0u64];
    let last = ops.len().saturating_sub(1);
    for (i, op) in ops.iter().enumerate() {
        if let Some(cost) = costs.last_mut() {
            *cost += 1;
        }
        if i != last && ends_segment(op) {
            costs.push(0);
        }
    }
    costs
}

/// Rewrites `body`; `remap` renumbers the indices its operators carry.
pub(crate) fn rewrite<R>(body: &Body<'_>, env: &Env<'_>, remap: &mut R) -> Result<Function, Error>
where
    R: Reencode<Error = Infallible>,
{
    let mut locals = Vec::with_capacity(body.locals.len() + 2);
    for &(count, ty) in &body.locals {
        locals.push((count, remap.val_type(ty).map_err(reencode_error)?));
    }
    locals.push((3, ValType::I32));
    locals.push((1, ValType::I64));
    // The float scratch locals only for a function that has something to canonicalise.
    let mut next_local = body.first_scratch + SCRATCH_LOCALS;
    let mut nan_local = |ty: ValType| {
        let needed = env.canonicalize_nans && body.ops.iter().any(|op| nan_result(op) == Some(ty));
        needed.then(|| {
            locals.push((1, ty));
            next_local += 1;
            next_local - 1
        })
    };
    let f32_local = nan_local(ValType::F32);
    let f64_local = nan_local(ValType::F64);
    let mut function = Function::new(locals);

    let scratch = Scratch {
        d: body.first_scratch,
        s0: body.first_scratch + 1,
        s1: body.first_scratch + 2,
        u: body.first_scratch + 3,
        f32: f32_local,
        f64: f64_local,
    };
    let costs = segment_costs(&body.ops);
    let mut next_segment = 1;
    let last = body.ops.len().saturating_sub(1);

    prologue(
        &mut function.instructions(),
        env,
        &scratch,
        body.frame_units,
    );
    charge(&mut function.instructions(), &env.indices, costs[0]);

    for (i, op) in body.ops.iter().enumerate() {
        match op {
            Operator::Call { .. } | Operator::CallIndirect { .. } | Operator::CallRef { .. } => {
                emit(&mut function, remap, op)?;
                // The callee may be an import, may have trapped inside a host call that
                // returned, or may have left its own increments: restoring the caller's
                // values is right in every case.
                function
                    .instructions()
                    .local_get(scratch.d)
                    .global_set(env.indices.depth)
                    .local_get(scratch.u)
                    .global_set(env.indices.units);
            }
            Operator::ReturnCall { .. }
            | Operator::ReturnCallIndirect { .. }
            | Operator::ReturnCallRef { .. } => {
                // The callee replaces this frame, so this frame leaves the counters first.
                function
                    .instructions()
                    .local_get(scratch.d)
                    .i32_const(1)
                    .i32_sub()
                    .global_set(env.indices.depth)
                    .local_get(scratch.u)
                    .i64_const(body.frame_units as i64)
                    .i64_sub()
                    .global_set(env.indices.units);
                emit(&mut function, remap, op)?;
            }
            Operator::MemoryGrow { mem } => {
                let mem = remap.memory_index(*mem);
                let mut sink = function.instructions();
                sink.local_tee(scratch.s0).memory_grow(mem);
                refused_if_fitted(&mut sink, env, &scratch, env.memory_max, |sink| {
                    sink.memory_size(mem);
                });
            }
            Operator::TableGrow { table } => {
                let original = *table;
                let table = remap.table_index(original);
                let mut sink = function.instructions();
                sink.local_tee(scratch.s0).table_grow(table);
                let max = env
                    .table_max
                    .get(original as usize)
                    .copied()
                    .unwrap_or(u64::from(u32::MAX));
                refused_if_fitted(&mut sink, env, &scratch, max, |sink| {
                    sink.table_size(table);
                });
            }
            Operator::MemoryCopy { .. }
            | Operator::MemoryFill { .. }
            | Operator::MemoryInit { .. } => {
                charge_length(&mut function.instructions(), &env.indices, scratch.s0, 6);
                emit(&mut function, remap, op)?;
            }
            Operator::TableCopy { .. }
            | Operator::TableFill { .. }
            | Operator::TableInit { .. } => {
                charge_length(&mut function.instructions(), &env.indices, scratch.s0, 3);
                emit(&mut function, remap, op)?;
            }
            _ => {
                emit(&mut function, remap, op)?;
                if env.canonicalize_nans {
                    canonicalize(&mut function.instructions(), &scratch, nan_result(op));
                }
            }
        }
        if i != last && ends_segment(op) {
            charge(
                &mut function.instructions(),
                &env.indices,
                costs[next_segment],
            );
            next_segment += 1;
        }
    }
    Ok(function)
}

/// The scratch locals' indices.
struct Scratch {
    /// This frame's depth, as set on entry.
    d: u32,
    /// A length or a grow request, between its `local.tee` and its use.
    s0: u32,
    /// A grow result, kept while the refusal is checked.
    s1: u32,
    /// This frame's units, as set on entry.
    u: u32,
    /// A float result being checked for NaN; present only when the function has a
    /// result of that type to canonicalise.
    f32: Option<u32>,
    f64: Option<u32>,
}

/// With a float result of type `ty` on the stack, replaces it with the canonical NaN of
/// its type if it is a NaN: `select(x, canonical, x == x)`, since only a NaN differs from
/// itself. Nothing for `None` (an operator that needs no canonicalisation).
fn canonicalize(sink: &mut InstructionSink<'_>, scratch: &Scratch, ty: Option<ValType>) {
    match (ty, scratch.f32, scratch.f64) {
        (Some(ValType::F32), Some(local), _) => {
            sink.local_tee(local)
                .f32_const(f32::from_bits(CANONICAL_F32))
                .local_get(local)
                .local_get(local)
                .f32_eq()
                .select();
        }
        (Some(ValType::F64), _, Some(local)) => {
            sink.local_tee(local)
                .f64_const(f64::from_bits(CANONICAL_F64))
                .local_get(local)
                .local_get(local)
                .f64_eq()
                .select();
        }
        _ => {}
    }
}

fn emit<R>(function: &mut Function, remap: &mut R, op: &Operator<'_>) -> Result<(), Error>
where
    R: Reencode<Error = Infallible>,
{
    let instruction = remap.instruction(op.clone()).map_err(reencode_error)?;
    function.instruction(&instruction);
    Ok(())
}

fn reencode_error(error: wasm_encoder::reencode::Error<Infallible>) -> Error {
    Error::Invalid(error.to_string())
}

/// Enters the frame: `$depth` and `$units` grow by this frame, the fallback and the
/// limits are checked.
fn prologue(sink: &mut InstructionSink<'_>, env: &Env<'_>, scratch: &Scratch, frame_units: u64) {
    let ix = &env.indices;
    sink.global_get(ix.depth)
        .i32_const(1)
        .i32_add()
        .local_tee(scratch.d)
        .global_set(ix.depth)
        .global_get(ix.units)
        .i64_const(frame_units as i64)
        .i64_add()
        .local_tee(scratch.u)
        .global_set(ix.units);
    if let Some(fallback) = env.fallback_units {
        sink.local_get(scratch.u)
            .i64_const(fallback as i64)
            .i64_gt_u()
            .if_(BlockType::Empty)
            .call(ix.fallback)
            .end();
    }
    // Both limits are compared unsigned, so `u32::MAX` and `u64::MAX` mean "no limit".
    sink.local_get(scratch.d)
        .i32_const(env.stack_depth as i32)
        .i32_gt_u()
        .local_get(scratch.u)
        .i64_const(env.stack_units as i64)
        .i64_gt_u()
        .i32_or()
        .if_(BlockType::Empty)
        .call(ix.stack_exhausted)
        .end();
}

/// Charges a segment of `cost` fuel before it runs. No re-check after `out_of_fuel`: the
/// host either refilled the counter or ended the run.
fn charge(sink: &mut InstructionSink<'_>, ix: &Indices, cost: u64) {
    if cost == 0 {
        return;
    }
    sink.global_get(ix.fuel).i64_const(cost as i64);
    subtract_and_check(sink, ix);
}

/// With the counter and a cost on the stack: stores counter - cost and calls
/// `out_of_fuel` when that is negative.
fn subtract_and_check(sink: &mut InstructionSink<'_>, ix: &Indices) {
    sink.i64_sub()
        .global_set(ix.fuel)
        .global_get(ix.fuel)
        .i64_const(0)
        .i64_lt_s()
        .if_(BlockType::Empty)
        .call(ix.out_of_fuel)
        .end();
}

/// Charges `len >> shift` for the i32 length on top of the stack, leaving it there.
fn charge_length(sink: &mut InstructionSink<'_>, ix: &Indices, scratch: u32, shift: i32) {
    sink.local_tee(scratch)
        .global_get(ix.fuel)
        .local_get(scratch)
        .i32_const(shift)
        .i32_shr_u()
        .i64_extend_i32_u();
    subtract_and_check(sink, ix);
}

/// After a `memory.grow` or `table.grow` whose request is in `$s0`: sets `$refused` when
/// it returned -1 although `size + request` fitted `max`, the module's own maximum, and
/// leaves the result on the stack. `size` pushes the current size (an i32).
fn refused_if_fitted(
    sink: &mut InstructionSink<'_>,
    env: &Env<'_>,
    scratch: &Scratch,
    max: u64,
    size: impl FnOnce(&mut InstructionSink<'_>),
) {
    sink.local_tee(scratch.s1)
        .i32_const(-1)
        .i32_eq()
        .if_(BlockType::Empty);
    // A failed grow leaves the size unchanged, so this is the size the request saw. The
    // sum is taken in i64 so that it cannot wrap.
    size(sink);
    sink.i64_extend_i32_u()
        .local_get(scratch.s0)
        .i64_extend_i32_u()
        .i64_add()
        .i64_const(max as i64)
        .i64_le_u()
        .if_(BlockType::Empty)
        .i32_const(1)
        .global_set(env.indices.refused)
        .end()
        .end()
        .local_get(scratch.s1);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_split_after_control_operators() {
        // (block (br 0) nop) nop end  →  [block] [br] [nop end] [nop end]
        let ops = [
            Operator::Block {
                blockty: wasmparser::BlockType::Empty,
            },
            Operator::Br { relative_depth: 0 },
            Operator::Nop,
            Operator::End,
            Operator::Nop,
            Operator::End,
        ];
        assert_eq!(segment_costs(&ops), [1, 1, 2, 2]);
    }
}
