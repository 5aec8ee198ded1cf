#![allow(dead_code)]
pub mod exercise;
