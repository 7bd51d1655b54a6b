//! Command-line parsing and dispatch; one file per command. This is the
//! only part of cjm that prints.

mod args;
mod build;
mod check;
mod diagnostics;
mod diff;
mod explain;
mod fmt;
mod fonts;
mod git;
mod import;
mod init;
mod job;
mod lints;
mod output;
mod panics;
mod paths;
mod preview;
mod schema;
mod site;
mod source;
mod suggest;
mod theme;
mod watch;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use args::{Cli, Command, ImportFrom, OutputArgs};
use diagnostics::{Reporter, eprint_str};

/// The process exit code (cli.md "Exit codes"); when several files end
/// differently, the highest wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(crate) enum Exit {
    /// Success, warnings allowed.
    #[default]
    Ok = 0,
    /// A journey has errors (or denied warnings), or `fmt --check` found a
    /// file to change.
    Failed = 1,
    /// A usage error or an I/O failure.
    Usage = 2,
}

/// What every command needs to know besides its own arguments.
pub(crate) struct Context {
    pub compile: cjm::CompileOptions,
    pub render: cjm::RenderOptions,
    /// `--lanes`, `--persona`, `--team`: for the SVG and PNG only.
    pub view: cjm::View,
    pub scale: f32,
    /// `--page`: the PDF's paper.
    pub page: Option<cjm::render::PageSize>,
    pub reporter: Reporter,
    pub quiet: bool,
}

impl Context {
    /// Whether summary, progress and status lines may be printed.
    pub(crate) fn chatty(&self) -> bool {
        !self.quiet && self.reporter.allows_chatter()
    }

    /// Prints `error: message` and returns the usage exit code.
    pub(crate) fn usage_error(&self, message: &str) -> Exit {
        eprint_str(&format!("error: {message}"));
        Exit::Usage
    }
}

pub(crate) fn main() -> ExitCode {
    panics::install_hook();
    // clap prints usage errors and exits 2 itself; help and version exit 0.
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    if let Err(exit) = fonts::load(&cli.common.font, &cli.common.font_dir, cli.common.quiet) {
        return ExitCode::from(exit as u8);
    }
    let lints = lints::config(&matches, std::env::args_os(), cli.common.deny_warnings);
    let output = match &cli.command {
        Command::Build(args) => Some(&args.output),
        Command::Watch(args) => Some(&args.output),
        _ => None,
    };
    let ctx = match context(&cli.common, lints, output) {
        Ok(ctx) => ctx,
        Err(exit) => return ExitCode::from(exit as u8),
    };
    let exit = match &cli.command {
        Command::Check { paths } => check::run(paths, &ctx),
        Command::Build(args) => build::run(args, &ctx),
        Command::Watch(args) => watch::run(args, &ctx),
        Command::Fmt { paths, check } => fmt::run(paths, *check, &ctx),
        Command::Init { file } => init::run(file.as_deref(), &ctx),
        Command::Schema => schema::run(&ctx),
        Command::Import(ImportFrom::Mermaid { input, out }) => {
            import::mermaid(input, out.as_deref(), &ctx)
        }
        Command::Explain { code } => explain::run(code, &ctx),
        Command::Diff(args) => diff::run(args, &ctx),
        // The protocol's exit code: 0 after `shutdown` then `exit`.
        Command::Lsp => return ExitCode::from(cjm::lsp::run(ctx.compile) as u8),
    };
    ExitCode::from(exit as u8)
}

/// Everything a command needs; `Err` when the theme file cannot be read or
/// is wrong (reported already).
fn context(
    common: &args::Common,
    lints: cjm::LintConfig,
    output: Option<&OutputArgs>,
) -> Result<Context, Exit> {
    let reporter = Reporter::new(common.diagnostics);
    let mut render = cjm::RenderOptions::default();
    let mut scale = 2.0;
    let mut page = None;
    let mut view = cjm::View::default();
    if let Some(output) = output {
        view = cjm::View {
            lanes: output.lanes.clone(),
            personas: output.personas.clone(),
            team: output.team.clone(),
        };
        render.theme = theme::load(&output.theme, &reporter)?;
        render.embed_fonts = !output.no_embed_fonts;
        scale = output.scale;
        page = output.page.map(|p| match p {
            args::PageArg::A4 => cjm::render::PageSize::A4,
            args::PageArg::A3 => cjm::render::PageSize::A3,
            args::PageArg::A2 => cjm::render::PageSize::A2,
            args::PageArg::A1 => cjm::render::PageSize::A1,
            args::PageArg::A0 => cjm::render::PageSize::A0,
        });
    }
    Ok(Context {
        compile: cjm::CompileOptions {
            lints,
            ..Default::default()
        },
        render,
        view,
        scale,
        page,
        reporter,
        quiet: common.quiet,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn the_last_lint_flag_wins() {
        let args = [
            "cjm",
            "-D",
            "empty-stage",
            "check",
            "-A",
            "empty-stage",
            "-W",
            "no-owner",
            "x",
        ];
        let matches = Cli::command().try_get_matches_from(args).unwrap();
        let config = lints::config(&matches, args, false);
        assert_eq!(config.levels.get("empty-stage"), Some(&cjm::Level::Allow));
        assert_eq!(config.levels.get("no-owner"), Some(&cjm::Level::Warn));
        let args = [
            "cjm",
            "check",
            "--allow=cjm::empty-stage",
            "-Dempty-stage",
            "x",
        ];
        let matches = Cli::command().try_get_matches_from(args).unwrap();
        let config = lints::config(&matches, args, true);
        assert_eq!(config.levels.get("empty-stage"), Some(&cjm::Level::Deny));
        assert!(config.deny_warnings);
    }

    #[test]
    fn an_unknown_lint_is_a_usage_error_with_a_suggestion() {
        let error = Cli::command()
            .try_get_matches_from(["cjm", "check", "-D", "empty-stag", "x"])
            .unwrap_err();
        assert_eq!(error.exit_code(), 2);
        assert!(
            error.to_string().contains("did you mean `empty-stage`"),
            "{error}"
        );
    }

    #[test]
    fn the_starter_is_written_by_default_to_map_journey() {
        assert_eq!(init::DEFAULT_NAME, "map.journey");
        assert!(init::STARTER.contains("journey"));
    }
}
