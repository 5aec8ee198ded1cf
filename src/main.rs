use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    pmlint::app::run(pmlint::cli::Cli::parse())
}
