//! Command-line parsing and dispatch; one file per command.

use std::process::ExitCode;

pub(crate) fn main() -> ExitCode {
    ExitCode::SUCCESS
}
