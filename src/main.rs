//! The `cjm` command line. All printing happens here.

mod allocator;
mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
