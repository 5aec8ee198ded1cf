#![allow(dead_code)]
pub mod exercise;
pub mod git;
