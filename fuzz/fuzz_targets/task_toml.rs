//! libFuzzer entry point for `replica_fuzz::targets::task_toml`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| replica_fuzz::targets::task_toml(data));
