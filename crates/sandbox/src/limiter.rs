//! The wasmi resource limiter that enforces `Budget::memory_bytes` and
//! `Budget::table_elements`, and remembers whether it ever refused.

use wasmi::errors::{MemoryError, TableError};
use wasmi_core::LimiterError;

/// Caps linear memory (summed over all memories) and elements per table.
#[derive(Debug)]
pub(crate) struct Limiter {
    memory_limit: u64,
    table_limit: u64,
    /// Bytes of linear memory granted so far, over all memories.
    memory_total: u64,
    /// The last grant, taken back if the allocation then failed.
    pending: u64,
    /// A grow or an initial allocation was refused because of the budget.
    pub(crate) refused: bool,
}

impl Limiter {
    pub(crate) fn new(memory_limit: u64, table_limit: u32) -> Limiter {
        Limiter {
            memory_limit,
            table_limit: u64::from(table_limit),
            memory_total: 0,
            pending: 0,
            refused: false,
        }
    }
}

impl wasmi::ResourceLimiter for Limiter {
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> Result<bool, LimiterError> {
        self.pending = 0;
        if maximum.is_some_and(|maximum| desired > maximum) {
            // The module's own declared maximum, not the budget: plain wasm failure.
            return Ok(false);
        }
        let delta = (desired as u64).saturating_sub(current as u64);
        if self.memory_total.saturating_add(delta) > self.memory_limit {
            self.refused = true;
            return Ok(false);
        }
        self.memory_total += delta;
        self.pending = delta;
        Ok(true)
    }

    fn memory_grow_failed(&mut self, _error: &MemoryError) -> Result<(), LimiterError> {
        self.memory_total -= std::mem::take(&mut self.pending);
        Ok(())
    }

    fn table_growing(
        &mut self,
        _current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> Result<bool, LimiterError> {
        if maximum.is_some_and(|maximum| desired > maximum) {
            return Ok(false);
        }
        if desired as u64 > self.table_limit {
            self.refused = true;
            return Ok(false);
        }
        Ok(true)
    }

    fn table_grow_failed(&mut self, _error: &TableError) -> Result<(), LimiterError> {
        Ok(())
    }

    fn instances(&self) -> usize {
        // A WASI command is exactly one instance.
        1
    }

    fn tables(&self) -> usize {
        // wasmparser already caps a module at 100 tables and 100 memories.
        100
    }

    fn memories(&self) -> usize {
        100
    }
}
