//! The command line, declared with clap's derive API (cli.md).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// cjm — customer journey maps as code.
///
/// Compiles `.journey` files into a validated model, a JSON document, an SVG
/// map and a PNG picture.
#[derive(Debug, Parser)]
#[command(name = "cjm", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub common: Common,
}

/// Options every command accepts, before or after the command name.
#[derive(Debug, Args)]
pub(crate) struct Common {
    /// Turn every warning into an error.
    #[arg(long, global = true)]
    pub deny_warnings: bool,
    /// Allow (silence) a lint; may be repeated.
    #[arg(short = 'A', long = "allow", value_name = "LINT", global = true,
          value_parser = parse_lint, action = clap::ArgAction::Append)]
    pub allow: Vec<String>,
    /// Report a lint as a warning; may be repeated.
    #[arg(short = 'W', long = "warn", value_name = "LINT", global = true,
          value_parser = parse_lint, action = clap::ArgAction::Append)]
    pub warn: Vec<String>,
    /// Report a lint as an error; may be repeated.
    #[arg(short = 'D', long = "deny", value_name = "LINT", global = true,
          value_parser = parse_lint, action = clap::ArgAction::Append)]
    pub deny: Vec<String>,
    /// How diagnostics are written to stderr.
    #[arg(long, value_enum, default_value_t = DiagnosticsFormat::Human, global = true)]
    pub diagnostics: DiagnosticsFormat,
    /// Print only diagnostics: no summary, progress or status lines.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// An extra font (TrueType/OpenType, or the first face of a
    /// collection) to measure, draw and embed with, after the bundled
    /// ones; may be repeated.
    #[arg(long, value_name = "FILE", global = true, action = clap::ArgAction::Append)]
    pub font: Vec<PathBuf>,
    /// Every font file (.ttf .otf .ttc .otc) under DIR, in path order,
    /// after the `--font` ones; may be repeated.
    #[arg(long, value_name = "DIR", global = true, action = clap::ArgAction::Append)]
    pub font_dir: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DiagnosticsFormat {
    /// miette's graphical report (colour only on a terminal, never with NO_COLOR)
    Human,
    /// one JSON object per line
    Json,
    /// GitHub Actions workflow commands
    Github,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Parse, resolve and lint; write nothing.
    Check {
        /// Files or folders (every `*.journey` under a folder).
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<PathBuf>,
    },
    /// Compile to SVG (default), JSON and/or PNG.
    Build(BuildArgs),
    /// Build, then rebuild what changed on every save.
    Watch(WatchArgs),
    /// Rewrite files in canonical form.
    Fmt {
        /// Files or folders, or `-` to format stdin to stdout.
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<PathBuf>,
        /// Change nothing; list the files that would change and fail if any.
        #[arg(long)]
        check: bool,
    },
    /// Write a commented starter journey.
    Init {
        /// Where to write it [default: map.journey]; a folder gets `map.journey` inside.
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Print the JSON Schema of the JSON output.
    Schema,
    /// Turn another format's journeys into `.journey` files.
    #[command(subcommand)]
    Import(ImportFrom),
    /// Explain an error code or lint, with an example and the fix.
    Explain {
        /// `cjm::empty-stage` or `empty-stage`.
        #[arg(value_name = "CODE")]
        code: String,
    },
    /// Run the language server on stdin and stdout (for editors).
    Lsp,
    /// What a change does to a journey: compare two versions by meaning.
    Diff(DiffArgs),
}

/// `cjm diff OLD NEW`, `cjm diff --rev REV [PATH…]`, `--git-driver`.
#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// OLD and NEW, each a path, `-` (stdin) or REV:PATH; with `--rev`,
    /// files or folders to look under [default: .].
    #[arg(value_name = "OLD NEW | PATH")]
    pub args: Vec<String>,
    /// Compare every `.journey` file that differs between REV and the work tree.
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Run as git's external diff driver (seven arguments, as git passes them).
    #[arg(long, conflicts_with = "rev")]
    pub git_driver: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DiffFormat {
    Text,
    Markdown,
    Json,
    Svg,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ImportFrom {
    /// Mermaid `journey` diagrams: a `.mmd` file, or Markdown whose fenced
    /// `mermaid` blocks hold journeys (one output each).
    Mermaid {
        /// The Mermaid or Markdown file, or `-` for stdin.
        #[arg(value_name = "FILE")]
        input: PathBuf,
        /// Write to FILE, or into DIR (required for several journeys);
        /// default: stdout.
        #[arg(short, long, value_name = "FILE|DIR")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// Files or folders, or `-` to read stdin and write one format to stdout.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub(crate) struct WatchArgs {
    /// Files or folders to watch.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Also serve a live preview page [default address: 127.0.0.1 on a free
    /// port]; ADDR is PORT, HOST:PORT or [V6]:PORT.
    #[arg(long, value_name = "ADDR", num_args = 0..=1)]
    pub serve: Option<Option<String>>,
}

/// What to write and where; shared by `build` and `watch`.
#[derive(Debug, Args)]
pub(crate) struct OutputArgs {
    /// Write outputs under DIR, mirroring the inputs' relative paths.
    #[arg(short, long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Output formats, comma-separated or repeated.
    #[arg(short, long, value_enum, value_delimiter = ',', default_value = "svg")]
    pub format: Vec<Format>,
    /// Colour theme of the map: `light`, `dark`, or a brand theme file
    /// (TOML: `base` and `#rrggbb` colours for named roles; docs/themes.md).
    #[arg(long, value_name = "light|dark|FILE.toml", default_value = "light")]
    pub theme: String,
    /// PDF paper size, landscape, the map scaled to fit [default: a page
    /// the size of the map].
    #[arg(long, value_enum, value_name = "SIZE")]
    pub page: Option<PageArg>,
    /// PNG size as a multiple of the SVG's size.
    #[arg(long, value_name = "N", default_value_t = 2.0, value_parser = parse_scale)]
    pub scale: f32,
    /// Do not embed font subsets in the SVG (smaller files; the map then
    /// depends on the viewer's fonts).
    #[arg(long)]
    pub no_embed_fonts: bool,
    /// Draw these lanes, top to bottom, instead of the file's `lanes`:
    /// built-in lane names or custom lane IDs. SVG, PNG, HTML and PDF only.
    #[arg(long, value_name = "NAME,…", value_delimiter = ',', num_args = 1..)]
    pub lanes: Option<Vec<String>>,
    /// Draw only these personas (cards, curves, legend, emotion labels).
    /// SVG, PNG, HTML and PDF only.
    #[arg(long = "persona", value_name = "ID,…", value_delimiter = ',', num_args = 1..)]
    pub personas: Option<Vec<String>>,
    /// Highlight the stages and touchpoints this team owns (own or
    /// inherited) and fade the rest. SVG, PNG, HTML and PDF only.
    #[arg(long, value_name = "ID")]
    pub team: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub(crate) enum Format {
    Svg,
    Json,
    Png,
    /// a Mermaid `journey` diagram (lossy; what it can't show is listed at its top)
    Mermaid,
    /// a self-contained page (the SVG inline, pan and zoom); with `-o DIR`
    /// also DIR/index.html listing every map
    Html,
    /// a one-page vector PDF, text as text with subset fonts (`--page`)
    Pdf,
}

/// Paper for `--format pdf`, landscape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PageArg {
    A4,
    A3,
    A2,
    A1,
    A0,
}

impl Format {
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Json => "json",
            Format::Png => "png",
            Format::Mermaid => "mmd",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }
}

/// A lint name as given to `-A/-W/-D`, checked against the known lints so
/// a typo is a usage error (exit 2) with a suggestion.
fn parse_lint(value: &str) -> Result<String, String> {
    let name = value.strip_prefix("cjm::").unwrap_or(value);
    if cjm::lint::LINTS.contains(&name) {
        return Ok(name.to_string());
    }
    let mut message = format!("unknown lint `{value}`");
    match super::suggest::closest(name, cjm::lint::LINTS.iter().copied()) {
        Some(close) => message.push_str(&format!("; did you mean `{close}`?")),
        None => message.push_str(&format!("; the lints are: {}", cjm::lint::LINTS.join(", "))),
    }
    Err(message)
}

fn parse_scale(value: &str) -> Result<f32, String> {
    match value.parse::<f32>() {
        Ok(n) if n.is_finite() && n > 0.0 && n <= 16.0 => Ok(n),
        _ => Err(format!("`{value}` is not a scale between 0 and 16")),
    }
}
