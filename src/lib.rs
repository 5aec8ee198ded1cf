//! pmlint: a linter for incident postmortems written in Markdown.
//!
//! The pipeline runs one way: [`config`] → [`discover`] → [`document`] (one comrak parse,
//! one walk, an owned model) → [`rules`] → [`suppress`] → [`report`].

pub mod app;
mod bytes;
pub mod cli;
pub mod config;
pub mod discover;
pub mod document;
pub mod finding;
pub mod fix;
pub mod input;
mod pattern;
pub mod registry;
pub mod report;
pub mod rules;
pub mod server;
pub mod source;
pub mod spell;
pub mod stats;
pub mod suppress;
mod tail;
pub mod time;
pub mod title;
