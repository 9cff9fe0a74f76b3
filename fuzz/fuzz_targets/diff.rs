//! libFuzzer entry point for `replica_fuzz::targets::diff`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| replica_fuzz::targets::diff(data));
