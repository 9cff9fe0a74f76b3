//! Walks the input module once: validates each payload, refuses what the meter does not
//! support, renumbers indices and assembles the instrumented module.

use std::convert::Infallible;

use wasm_encoder::reencode::{Reencode, utils};
use wasm_encoder::{
    CodeSection, ConstExpr, DataSection, ElementSection, EntityType, ExportKind, ExportSection,
    FunctionSection, GlobalSection, GlobalType, ImportSection, MemorySection, MemoryType,
    NameSection, TableSection, TypeSection, ValType,
};
use wasmparser::{
    BinaryReaderError, CustomSectionReader, FuncValidatorAllocations, KnownCustom, Operator,
    Parser, Payload, TypeRef, ValidPayload, Validator, WasmFeatures,
};

use crate::body::{self, Body, Env, Indices, NAN_SCRATCH_LOCALS, SCRATCH_LOCALS};
use crate::{
    Config, Error, FALLBACK, FUEL, FUEL_EXPORT, IMPORT_MODULE, Metered, OUT_OF_FUEL,
    REFUSED_EXPORT, STACK_EXHAUSTED,
};

/// Functions the rewrite imports; every defined function's index moves up by this.
const ADDED_FUNCS: u32 = 3;

/// Most pages a 32-bit memory can have (4 GiB).
const MAX_PAGES: u64 = 65_536;

/// wasmparser's cap on a function's locals, parameters included; the rewrite's scratch
/// locals must fit under it too.
const MAX_LOCALS: u32 = 50_000;

/// The most scratch locals the rewrite may add to one function. Room for the NaN ones is
/// kept even when [`Config::canonicalize_nans`] is off, so that whether a module is
/// accepted never depends on that option (engines that differ only in it must accept
/// the same modules).
const RESERVED_LOCALS: u32 = SCRATCH_LOCALS + NAN_SCRATCH_LOCALS;

/// What the meter accepts: wasm 2.0 without SIMD, tail calls and extended constants,
/// plus multi-memory and memory64 only so that their use gets a precise refusal below
/// instead of a validator message. SIMD is left out because the sandbox's wasmi is built
/// without it (it would grow the browser's worker): a module must load or fail the same
/// on every engine, so what one engine cannot run, none accepts.
fn accepted_features() -> WasmFeatures {
    (WasmFeatures::WASM2 | WasmFeatures::TAIL_CALL | WasmFeatures::EXTENDED_CONST)
        .difference(WasmFeatures::SIMD | WasmFeatures::RELAXED_SIMD)
        | WasmFeatures::MULTI_MEMORY
        | WasmFeatures::MEMORY64
}

/// Why a walk stopped.
enum Stop {
    /// The accepted-feature validator rejected the module.
    Validation(BinaryReaderError),
    /// The meter refuses something the module uses.
    Unsupported(String),
    /// The re-encoder failed on input the validator accepted (a fault of the meter).
    Internal(String),
}

impl From<BinaryReaderError> for Stop {
    fn from(error: BinaryReaderError) -> Self {
        Stop::Validation(error)
    }
}

pub(crate) fn instrument(wasm: &[u8], config: &Config) -> Result<Metered, Error> {
    match Walk::new(config).run(wasm) {
        Ok(metered) => Ok(metered),
        // Validity decides first: a module that is invalid under every feature is
        // `Invalid`, whatever else it uses. Only on these error paths does the module get
        // validated a second time.
        Err(stop) => match Validator::new_with_features(WasmFeatures::all()).validate_all(wasm) {
            Err(error) => Err(Error::Invalid(error.to_string())),
            Ok(_) => Err(match stop {
                Stop::Unsupported(message) => Error::Unsupported(message),
                Stop::Validation(error) => Error::Unsupported(format!(
                    "{}; the meter accepts wasm 2.0 without simd, with tail calls and \
                     extended constants, so build the module without that feature",
                    error.message()
                )),
                Stop::Internal(message) => Error::Invalid(message),
            }),
        },
    }
}

/// Renumbers indices: three functions are imported after the module's own imports and the
/// fuel global becomes global 0 (accepted modules import no globals).
#[derive(Debug, Clone, Copy)]
struct Remap {
    imported_funcs: u32,
}

impl Reencode for Remap {
    type Error = Infallible;

    fn function_index(&mut self, func: u32) -> u32 {
        if func < self.imported_funcs {
            func
        } else {
            func + ADDED_FUNCS
        }
    }

    fn global_index(&mut self, global: u32) -> u32 {
        global + 1
    }
}

/// The output sections, filled in as the input's payloads arrive and assembled in the
/// canonical order at the end (so sections the input lacks can be added).
struct Walk<'c, 'a> {
    config: &'c Config,
    remap: Remap,
    over_budget: bool,
    types: TypeSection,
    num_types: u32,
    imports: ImportSection,
    functions: Option<FunctionSection>,
    num_defined_funcs: u32,
    tables: Option<TableSection>,
    table_max: Vec<u64>,
    memories: Option<MemorySection>,
    memory_max: u64,
    globals: GlobalSection,
    num_globals: u32,
    exports: ExportSection,
    start: Option<u32>,
    elements: Option<ElementSection>,
    data_count: Option<u32>,
    code: Option<CodeSection>,
    data: Option<DataSection>,
    names: Option<CustomSectionReader<'a>>,
    allocations: FuncValidatorAllocations,
}

impl<'c, 'a> Walk<'c, 'a> {
    fn new(config: &'c Config) -> Self {
        let mut globals = GlobalSection::new();
        if config.export_fuel {
            // Global 0 either way: imported, or the first defined global (accepted modules
            // import no globals), so the module's own globals move up by one in both.
            globals.global(fuel_type(), &ConstExpr::i64_const(0));
        }
        Walk {
            config,
            remap: Remap { imported_funcs: 0 },
            over_budget: false,
            types: TypeSection::new(),
            num_types: 0,
            imports: ImportSection::new(),
            functions: None,
            num_defined_funcs: 0,
            tables: None,
            table_max: Vec::new(),
            memories: None,
            memory_max: MAX_PAGES,
            globals,
            num_globals: 0,
            exports: ExportSection::new(),
            start: None,
            elements: None,
            data_count: None,
            code: None,
            data: None,
            names: None,
            allocations: FuncValidatorAllocations::default(),
        }
    }

    fn run(mut self, wasm: &'a [u8]) -> Result<Metered, Stop> {
        let mut validator = Validator::new_with_features(accepted_features());
        for payload in Parser::new(0).parse_all(wasm) {
            let payload = payload?;
            let valid = validator.payload(&payload)?;
            self.payload(payload, valid)?;
        }
        Ok(self.finish())
    }

    fn payload(&mut self, payload: Payload<'a>, valid: ValidPayload<'a>) -> Result<(), Stop> {
        match payload {
            Payload::TypeSection(section) => {
                self.num_types = section.count();
                utils::parse_type_section(&mut self.remap, &mut self.types, section)
                    .map_err(internal)?;
            }
            Payload::ImportSection(section) => {
                for import in section {
                    let import = import?;
                    if import.module == IMPORT_MODULE {
                        return Err(Stop::Unsupported(format!(
                            "the module already imports `{}.{}`; the `{IMPORT_MODULE}` \
                             namespace is reserved for the meter, so rename the import",
                            import.module, import.name
                        )));
                    }
                    let kind = match import.ty {
                        TypeRef::Func(_) => None,
                        TypeRef::Table(_) => Some("table"),
                        TypeRef::Memory(_) => Some("memory"),
                        TypeRef::Global(_) => Some("global"),
                        TypeRef::Tag(_) => Some("tag"),
                    };
                    if let Some(kind) = kind {
                        return Err(Stop::Unsupported(format!(
                            "import `{}.{}` is a {kind}; only function imports are supported \
                             (wasi commands import only functions), so define the {kind} in \
                             the module",
                            import.module, import.name
                        )));
                    }
                    self.remap.imported_funcs += 1;
                    utils::parse_import(&mut self.remap, &mut self.imports, import)
                        .map_err(internal)?;
                }
            }
            Payload::FunctionSection(section) => {
                let mut functions = FunctionSection::new();
                self.num_defined_funcs = section.count();
                utils::parse_function_section(&mut self.remap, &mut functions, section)
                    .map_err(internal)?;
                self.functions = Some(functions);
            }
            Payload::TableSection(section) => {
                let mut tables = TableSection::new();
                for table in section {
                    let mut table = table?;
                    if table.ty.table64 {
                        return Err(Stop::Unsupported(
                            "64-bit tables (memory64) are not supported; build for wasm32"
                                .to_owned(),
                        ));
                    }
                    let own_max = table.ty.maximum.unwrap_or(u64::from(u32::MAX));
                    let max = own_max.min(self.config.table_elements);
                    if table.ty.initial > self.config.table_elements {
                        self.over_budget = true;
                        table.ty.initial = max;
                    }
                    table.ty.maximum = Some(max);
                    self.table_max.push(own_max);
                    utils::parse_table(&mut self.remap, &mut tables, table).map_err(internal)?;
                }
                self.tables = Some(tables);
            }
            Payload::MemorySection(section) => {
                if section.count() > 1 {
                    return Err(Stop::Unsupported(format!(
                        "the module defines {} memories; the meter supports a single memory, \
                         so build without multi-memory",
                        section.count()
                    )));
                }
                let mut memories = MemorySection::new();
                for memory in section {
                    let memory = memory?;
                    if memory.memory64 {
                        return Err(Stop::Unsupported(
                            "64-bit memory (memory64) is not supported; build for wasm32"
                                .to_owned(),
                        ));
                    }
                    if memory.shared {
                        return Err(Stop::Unsupported(
                            "shared memory (threads) is not supported; build without threads"
                                .to_owned(),
                        ));
                    }
                    let own_max = memory.maximum.unwrap_or(MAX_PAGES);
                    let max = own_max.min(self.config.memory_pages);
                    let mut minimum = memory.initial;
                    if minimum > self.config.memory_pages {
                        self.over_budget = true;
                        minimum = max;
                    }
                    self.memory_max = own_max;
                    memories.memory(MemoryType {
                        minimum,
                        maximum: Some(max),
                        memory64: false,
                        shared: false,
                        page_size_log2: memory.page_size_log2,
                    });
                }
                self.memories = Some(memories);
            }
            Payload::GlobalSection(section) => {
                self.num_globals = section.count();
                utils::parse_global_section(&mut self.remap, &mut self.globals, section)
                    .map_err(internal)?;
            }
            Payload::ExportSection(section) => {
                for export in section {
                    let export = export?;
                    let reserved = export.name == REFUSED_EXPORT
                        || (self.config.export_fuel && export.name == FUEL_EXPORT);
                    if reserved {
                        return Err(Stop::Unsupported(format!(
                            "the module already exports `{}`, a name reserved for the meter, \
                             so rename the export",
                            export.name
                        )));
                    }
                    utils::parse_export(&mut self.remap, &mut self.exports, export);
                }
            }
            Payload::StartSection { func, .. } => {
                self.start = Some(self.remap.start_section(func));
            }
            Payload::ElementSection(section) => {
                let mut elements = ElementSection::new();
                utils::parse_element_section(&mut self.remap, &mut elements, section)
                    .map_err(internal)?;
                self.elements = Some(elements);
            }
            Payload::DataCountSection { count, .. } => self.data_count = Some(count),
            Payload::DataSection(section) => {
                let mut data = DataSection::new();
                utils::parse_data_section(&mut self.remap, &mut data, section).map_err(internal)?;
                self.data = Some(data);
            }
            Payload::CodeSectionStart { .. } => self.code = Some(CodeSection::new()),
            Payload::CodeSectionEntry(_) => {
                if let ValidPayload::Func(func, body) = valid {
                    self.function(func, body)?;
                }
            }
            Payload::CustomSection(section) => {
                // Only the name section survives: it is remapped like everything else.
                // Other custom sections (DWARF, producers) describe the original code's
                // offsets or are mere annotations, so they would be wrong or useless.
                if let KnownCustom::Name(_) = section.as_known() {
                    self.names = Some(section);
                }
            }
            // The validator has refused every other payload under the accepted features.
            _ => {}
        }
        Ok(())
    }

    /// Validates one body operator by operator, measuring it, then rewrites it.
    fn function(
        &mut self,
        func: wasmparser::FuncToValidate<wasmparser::ValidatorResources>,
        body: wasmparser::FunctionBody<'a>,
    ) -> Result<(), Stop> {
        let mut validator = func.into_validator(std::mem::take(&mut self.allocations));
        let index = validator.index();
        let params = validator.len_locals();
        let mut units: u64 = 4;
        for local in 0..params {
            units += value_units(validator.get_local_type(local));
        }
        let mut locals_reader = body.get_locals_reader()?;
        let mut locals = Vec::new();
        for _ in 0..locals_reader.get_count() {
            let offset = locals_reader.original_position();
            let (count, ty) = locals_reader.read()?;
            validator.define_locals(offset, count, ty)?;
            units += u64::from(count) * value_units(Some(ty));
            locals.push((count, ty));
        }
        let first_scratch = validator.len_locals();
        if first_scratch > MAX_LOCALS - RESERVED_LOCALS {
            return Err(Stop::Unsupported(format!(
                "function {index} has {first_scratch} locals, too many to add the meter's \
                 {RESERVED_LOCALS} (at most {MAX_LOCALS}), so split the function"
            )));
        }

        let mut reader = body.get_operators_reader()?;
        let mut ops = Vec::new();
        let mut max_height = 0u32;
        let mut const_ops = 0u64;
        while !reader.eof() {
            let (op, offset) = reader.read_with_offset()?;
            validator.op(offset, &op)?;
            max_height = max_height.max(validator.operand_stack_height());
            if matches!(
                op,
                Operator::I32Const { .. }
                    | Operator::I64Const { .. }
                    | Operator::F32Const { .. }
                    | Operator::F64Const { .. }
                    | Operator::V128Const { .. }
            ) {
                const_ops += 1;
            }
            ops.push(op);
        }
        validator.finish(reader.original_position())?;
        self.allocations = validator.into_allocations();

        let body = Body {
            first_scratch,
            locals,
            ops,
            frame_units: units + u64::from(max_height) + const_ops,
        };
        let mut remap = self.remap;
        let function = body::rewrite(&body, &self.env(), &mut remap)
            .map_err(|error| Stop::Internal(error.to_string()))?;
        if let Some(code) = &mut self.code {
            code.function(&function);
        }
        Ok(())
    }

    fn indices(&self) -> Indices {
        let imported = self.remap.imported_funcs;
        let defined_globals = self.num_globals + 1;
        Indices {
            fuel: 0,
            depth: defined_globals,
            units: defined_globals + 1,
            refused: defined_globals + 2,
            out_of_fuel: imported,
            stack_exhausted: imported + 1,
            fallback: imported + 2,
        }
    }

    fn env(&self) -> Env<'_> {
        let config = self.config;
        Env {
            indices: self.indices(),
            stack_depth: config.stack_depth,
            stack_units: config.stack_units,
            fallback_units: config.fallback_units.filter(|&n| n < config.stack_units),
            memory_max: self.memory_max,
            table_max: &self.table_max,
            canonicalize_nans: config.canonicalize_nans,
        }
    }

    fn finish(mut self) -> Metered {
        let indices = self.indices();
        let meter_type = self.num_types;
        self.types.ty().function([], []);

        if self.config.export_fuel {
            self.exports
                .export(FUEL_EXPORT, ExportKind::Global, indices.fuel);
        } else {
            self.imports
                .import(IMPORT_MODULE, FUEL, EntityType::Global(fuel_type()));
        }
        for name in [OUT_OF_FUEL, STACK_EXHAUSTED, FALLBACK] {
            self.imports
                .import(IMPORT_MODULE, name, EntityType::Function(meter_type));
        }

        let global = |val_type| GlobalType {
            val_type,
            mutable: true,
            shared: false,
        };
        self.globals
            .global(global(ValType::I32), &ConstExpr::i32_const(0))
            .global(global(ValType::I64), &ConstExpr::i64_const(0))
            .global(global(ValType::I32), &ConstExpr::i32_const(0));
        self.exports
            .export(REFUSED_EXPORT, ExportKind::Global, indices.refused);
        if let Some(start) = self.start {
            self.start = Some(self.start_wrapper(start, meter_type, &indices));
        }

        let mut module = wasm_encoder::Module::new();
        module.section(&self.types).section(&self.imports);
        if let Some(functions) = &self.functions {
            module.section(functions);
        }
        if let Some(tables) = &self.tables {
            module.section(tables);
        }
        if let Some(memories) = &self.memories {
            module.section(memories);
        }
        module.section(&self.globals).section(&self.exports);
        if let Some(function_index) = self.start {
            module.section(&wasm_encoder::StartSection { function_index });
        }
        if let Some(elements) = &self.elements {
            module.section(elements);
        }
        if let Some(count) = self.data_count {
            module.section(&wasm_encoder::DataCountSection { count });
        }
        if let Some(code) = &self.code {
            module.section(code);
        }
        if let Some(data) = &self.data {
            module.section(data);
        }
        if let Some(names) = self.names.take().and_then(|section| self.names(section)) {
            module.section(&names);
        }
        Metered {
            wasm: module.finish(),
            over_budget: self.over_budget,
        }
    }

    /// Appends a defined function that calls the start function `start` (already
    /// renumbered) and then zeroes `$depth` and `$units`, and returns its index. The start
    /// function returns to the engine, not to a caller that would restore the counters,
    /// so without this its frame would stay counted for every later call into the
    /// instance. The wrapper is the rewrite's own code: it costs no fuel and no frame.
    fn start_wrapper(&mut self, start: u32, meter_type: u32, indices: &Indices) -> u32 {
        let index = self.remap.imported_funcs + ADDED_FUNCS + self.num_defined_funcs;
        self.functions
            .get_or_insert_with(FunctionSection::new)
            .function(meter_type);
        let mut wrapper = wasm_encoder::Function::new([]);
        wrapper
            .instructions()
            .call(start)
            .i32_const(0)
            .global_set(indices.depth)
            .i64_const(0)
            .global_set(indices.units)
            .end();
        self.code
            .get_or_insert_with(CodeSection::new)
            .function(&wrapper);
        index
    }

    /// The remapped name section, or `None` when it does not parse (the validator does
    /// not check custom sections, and a broken name section is not worth refusing for).
    fn names(&mut self, section: CustomSectionReader<'a>) -> Option<NameSection> {
        match section.as_known() {
            KnownCustom::Name(reader) => utils::custom_name_section(&mut self.remap, reader).ok(),
            _ => None,
        }
    }
}

/// The fuel counter's type, imported or defined.
fn fuel_type() -> GlobalType {
    GlobalType {
        val_type: ValType::I64,
        mutable: true,
        shared: false,
    }
}

/// Stack units of one value: a v128 counts as two 64-bit slots.
fn value_units(ty: Option<wasmparser::ValType>) -> u64 {
    match ty {
        Some(wasmparser::ValType::V128) => 2,
        _ => 1,
    }
}

/// The re-encoder fails only on input the validator has already accepted, so a failure
/// is the meter's own fault; it is still reported, never a panic.
fn internal(error: wasm_encoder::reencode::Error<Infallible>) -> Stop {
    Stop::Internal(format!("re-encoding failed: {error}"))
}
