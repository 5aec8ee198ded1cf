//! The whole pipeline on arbitrary bytes: parse, model, every rule, fixes, every output format.
#![no_main]

#[allow(dead_code)]
#[path = "../../tests/common/exercise.rs"]
mod exercise;

libfuzzer_sys::fuzz_target!(|data: &[u8]| exercise::pipeline(data));
