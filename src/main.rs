//! The `cjm` command line. All printing happens here.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
