//! The time tokenizer (times, dates, zones, durations, windows) on arbitrary text.
#![no_main]

#[allow(dead_code)]
#[path = "../../tests/common/exercise.rs"]
mod exercise;

libfuzzer_sys::fuzz_target!(|data: &[u8]| exercise::time(data));
