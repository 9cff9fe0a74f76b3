//! libFuzzer entry point for `replica_fuzz::targets::meter`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| replica_fuzz::targets::meter(data));
