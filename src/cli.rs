//! Command-line arguments (clap derive). No logic lives here.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::config::FailOn;
use crate::report::Format;

#[derive(Debug, Parser)]
#[command(
    name = "pmlint",
    version,
    about = "A fast, precise linter for incident postmortems written in Markdown",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub lint: LintArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every rule: code, slug, default severity, fixable, summary
    Rules,
    /// Print a rule's documentation (RULE is a code such as PM101 or a slug)
    Explain { rule: String },
    /// Run the language server (LSP over stdin and stdout) for editors
    Server,
    /// Incident metrics across postmortems: one row per incident (start, detected,
    /// mitigated, resolved, duration, TTD, TTM, TTR) and their median and p90
    Stats(crate::stats::StatsArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) to stdout
    Completions { shell: clap_complete::Shell },
    /// Write a commented pmlint.toml for a preset, or for a team's own template, in the
    /// current folder
    Init {
        #[arg(long, default_value = "default", conflicts_with = "from")]
        preset: String,
        /// Read the sections from this template (its headings, in order) instead of a preset
        #[arg(long, value_name = "TEMPLATE.md")]
        from: Option<std::path::PathBuf>,
        /// Overwrite an existing pmlint.toml
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Files and folders to lint (folders are walked for *.md and *.markdown); `-` reads stdin
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Use this config file for every file, instead of the pmlint.toml / .pmlint.toml nearest
    /// each one
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Read no config file: the built-in defaults and these flags only
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,

    /// Section preset: default, alx, google-sre, pagerduty, atlassian
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,

    /// Only these rules (codes, slugs, code prefixes such as PM2, or ALL), comma-separated
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    pub select: Option<Vec<String>>,

    /// Skip these rules (codes or slugs), comma-separated
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    pub ignore: Option<Vec<String>>,

    /// Apply safe fixes and write the files (stdin: print the fixed text)
    #[arg(long)]
    pub fix: bool,

    /// With --fix or --diff, apply unsafe fixes too (they may change what the text means)
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print the changes --fix would make as a unified diff and write nothing (exit 1 if any)
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,

    /// Output format
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Lowest severity that makes pmlint exit with 1
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// When to use colour
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print the number of findings of each rule instead of the findings (`--format json`:
    /// as JSON)
    #[arg(long)]
    pub statistics: bool,

    /// Write the report to this file instead of stdout (diffs and fixed stdin text still go
    /// to stdout)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// Exit with 0 even when there are findings (2 still means pmlint could not do its job)
    #[arg(long)]
    pub exit_zero: bool,

    /// Print the settings each file would be linted with (its config files, template, rules
    /// and options) and lint nothing
    #[arg(long)]
    pub show_settings: bool,

    /// Also report suppression comments that suppressed nothing (PM001; a safe fix removes
    /// them)
    #[arg(long)]
    pub report_unused_suppressions: bool,

    /// Print findings only, no summary line
    #[arg(long, short)]
    pub quiet: bool,

    /// Apply `include` and `exclude` from the config to files named on the command line too
    /// (pre-commit and the GitHub Action pass files)
    #[arg(long)]
    pub force_exclude: bool,

    /// File name to report for text read from stdin
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
