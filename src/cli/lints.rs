//! `-A/-W/-D LINT` and `--deny-warnings` → the library's `LintConfig`.

use std::ffi::OsString;

use cjm::{Level, LintConfig};
use clap::ArgMatches;

/// Lint levels from the command line. When a lint is named by several
/// flags, the last one on the command line wins (as in rustc).
///
/// clap has checked every name; the order comes from the raw arguments,
/// because clap numbers positions per subcommand and the flags may stand
/// before or after the command name.
pub(crate) fn config<I, T>(matches: &ArgMatches, raw: I, deny_warnings: bool) -> LintConfig
where
    I: IntoIterator<Item = T>,
    T: Into<OsString>,
{
    let mut config = LintConfig {
        deny_warnings,
        ..LintConfig::default()
    };
    // Global options are propagated to the deepest subcommand's matches.
    let mut m = matches;
    while let Some((_, sub)) = m.subcommand() {
        m = sub;
    }
    // First what clap parsed, in a fixed order, so nothing is lost if the
    // scan below can't read an unusual spelling …
    for (id, level) in [
        ("allow", Level::Allow),
        ("warn", Level::Warn),
        ("deny", Level::Deny),
    ] {
        for name in m.get_many::<String>(id).into_iter().flatten() {
            config.levels.insert(name.clone(), level);
        }
    }
    // … then the flags in command-line order, the last one winning.
    for (level, name) in scan(raw) {
        if cjm::lint::LINTS.contains(&name.as_str()) {
            config.levels.insert(name, level);
        }
    }
    config
}

/// `-A x`, `-Ax`, `--allow x`, `--allow=x` (and W, D) in order, up to `--`.
fn scan<I, T>(raw: I) -> Vec<(Level, String)>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString>,
{
    let args: Vec<String> = raw
        .into_iter()
        .map(|a| a.into().to_string_lossy().into_owned())
        .collect();
    let flags = [
        ("-A", "--allow", Level::Allow),
        ("-W", "--warn", Level::Warn),
        ("-D", "--deny", Level::Deny),
    ];
    let mut found = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        if arg == "--" {
            break;
        }
        for (short, long, level) in flags {
            let value = if arg == short || arg == long {
                i += 1;
                args.get(i).cloned()
            } else if let Some(rest) = arg.strip_prefix(&format!("{long}=")) {
                Some(rest.to_string())
            } else if arg.starts_with(short) && !arg.starts_with("--") {
                Some(arg[short.len()..].trim_start_matches('=').to_string())
            } else {
                None
            };
            if let Some(value) = value {
                let name = value.strip_prefix("cjm::").unwrap_or(&value).to_string();
                found.push((level, name));
                break;
            }
        }
        i += 1;
    }
    found
}
