//! Spelling for PM501/PM502.
#[doc(hidden)]
pub mod generate;
