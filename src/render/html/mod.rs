//! `--format html`: one self-contained page per map (the SVG inline, its
//! fonts embedded, the style and the pan-and-zoom script written into the
//! page), and the index of a folder of maps. Nothing on either page is
//! fetched: they work from `file://` and on any static host.

use std::fmt::Write as _;

use super::svg::markup::escape_attr;
use super::{RenderOptions, View};
use crate::diagnostic::{Diagnostic, LineIndex, Severity};
use crate::layout::scene::Paint;
use crate::model::{Direction, Journey};

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// A diagnostic as the page's summary shows it: where, which code, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageNote {
    pub severity: Severity,
    pub code: String,
    pub message: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
}

/// The notes of `diagnostics`, placed in `source` (the file's text).
pub fn page_notes(diagnostics: &[Diagnostic], source: &str) -> Vec<PageNote> {
    let lines = LineIndex::new(source);
    diagnostics
        .iter()
        .map(|d| {
            let (line, column) = lines.line_col(d.span.start);
            PageNote {
                severity: d.severity,
                code: d.code.clone(),
                message: d.message.clone(),
                line,
                column,
            }
        })
        .collect()
}

/// Text escaped for HTML content or a quoted attribute.
fn esc(out: &mut String, s: &str) {
    let mut bytes = Vec::with_capacity(s.len());
    escape_attr(&mut bytes, s);
    // Only ASCII bytes were replaced, by ASCII entities.
    out.push_str(&String::from_utf8_lossy(&bytes));
}

/// `<html>`'s opening, the head with `title`, the style and the page's
/// colours (the theme's page, text and muted colours).
fn head(out: &mut String, lang: &str, rtl: bool, title: &str, options: &RenderOptions) {
    let color = |p| super::svg::theme::color(&options.theme, p).to_string();
    out.push_str("<!doctype html>\n<html lang=\"");
    esc(out, lang);
    out.push_str(if rtl {
        "\" dir=\"rtl\">\n"
    } else {
        "\" dir=\"ltr\">\n"
    });
    out.push_str(
        "<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"cjm\">\n<title>",
    );
    esc(out, title);
    // An empty icon: without it a browser asks the server for favicon.ico.
    out.push_str("</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>\n");
    let _ = writeln!(
        out,
        ":root {{ --page: {}; --text: {}; --muted: {}; }}",
        color(Paint::Page),
        color(Paint::Text),
        color(Paint::Muted)
    );
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n");
}

/// The map's page: title, description, what it holds, the check's
/// summary, and the map (in `view`) with pan and zoom.
pub fn html_view(
    journey: &Journey,
    options: &RenderOptions,
    view: &View,
    notes: &[PageNote],
) -> String {
    let svg = super::svg_view(journey, options, view);
    let mut out = String::with_capacity(svg.len() + STYLE.len() + SCRIPT.len() + 4096);
    let rtl = journey.direction == Direction::Rtl;
    head(
        &mut out,
        journey
            .lang
            .as_deref()
            .unwrap_or(if rtl { "und" } else { "en" }),
        rtl,
        &journey.title,
        options,
    );
    out.push_str("<body>\n<header>\n<h1>");
    esc(&mut out, &journey.title);
    out.push_str("</h1>\n");
    if let Some(description) = &journey.description {
        out.push_str("<p>");
        esc(&mut out, description);
        out.push_str("</p>\n");
    }
    out.push_str("<ul class=\"facts\">");
    // The page's own words are English: each an LTR run, so that an RTL
    // page places them on its right without reordering "7 stages".
    for fact in facts(journey) {
        out.push_str("<li><span dir=\"ltr\">");
        esc(&mut out, &fact);
        out.push_str("</span></li>");
    }
    out.push_str("</ul>\n");
    checked(&mut out, notes);
    out.push_str(
        "<nav class=\"tools\" aria-label=\"Zoom\">\
         <button type=\"button\" id=\"zoom-out\" title=\"Zoom out (-)\">−</button>\
         <button type=\"button\" id=\"zoom-fit\" title=\"Fit to the width (0)\">Fit</button>\
         <button type=\"button\" id=\"zoom-in\" title=\"Zoom in (+)\">+</button></nav>\n\
         </header>\n<main id=\"viewport\" tabindex=\"0\" \
         aria-label=\"Map: drag to pan, wheel or +/- to zoom, 0 to fit\">\n<div id=\"canvas\">\n",
    );
    out.push_str(&svg);
    out.push_str("</div>\n</main>\n<script>\n");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

/// "2 personas: Ana, Ben", "3 stages", "7 touchpoints".
fn facts(journey: &Journey) -> Vec<String> {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut personas = plural(journey.personas.len(), "persona", "personas");
    if !journey.personas.is_empty() {
        let names: Vec<&str> = journey.personas.iter().map(|p| p.label.as_str()).collect();
        let _ = write!(personas, ": {}", names.join(" · "));
    }
    let touchpoints = journey.stages.iter().map(|s| s.touchpoints.len()).sum();
    vec![
        personas,
        plural(journey.stages.len(), "stage", "stages"),
        plural(touchpoints, "touchpoint", "touchpoints"),
    ]
}

/// The check's summary: "Checked: no problems", or the warnings, each
/// with its line, column and code (a page is only written for a journey
/// without errors).
fn checked(out: &mut String, notes: &[PageNote]) {
    if notes.is_empty() {
        out.push_str(
            "<p class=\"checked\"><span dir=\"ltr\">Checked by cjm: no errors, no warnings.\
             </span></p>\n",
        );
        return;
    }
    let errors = notes
        .iter()
        .filter(|n| n.severity == Severity::Error)
        .count();
    let warnings = notes.len() - errors;
    let count = |n: usize, what: &str| match n {
        0 => format!("no {what}s"),
        1 => format!("1 {what}"),
        _ => format!("{n} {what}s"),
    };
    let _ = write!(
        out,
        "<details class=\"checked\"><summary><span dir=\"ltr\">Checked by cjm: {}, {}</span>\
         </summary><ol dir=\"ltr\">",
        count(errors, "error"),
        count(warnings, "warning")
    );
    for note in notes {
        let _ = write!(
            out,
            "<li>line {}, column {}: {} <code>",
            note.line,
            note.column,
            match note.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            }
        );
        esc(out, &note.code);
        out.push_str("</code> ");
        esc(out, &note.message);
        out.push_str("</li>");
    }
    out.push_str("</ol></details>\n");
}

/// One map in the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    /// The page, relative to the index (`/`-separated).
    pub href: String,
    /// The source file, as given on the command line.
    pub source: String,
    /// `None` when the journey has errors and no page was written.
    pub map: Option<IndexMap>,
}

/// What the index says of a map that was built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexMap {
    pub title: String,
    pub personas: Vec<String>,
    pub stages: usize,
    pub warnings: usize,
}

impl IndexMap {
    pub fn of(journey: &Journey, warnings: usize) -> IndexMap {
        IndexMap {
            title: journey.title.clone(),
            personas: journey.personas.iter().map(|p| p.label.clone()).collect(),
            stages: journey.stages.len(),
            warnings,
        }
    }
}

/// The index of a folder of maps, in the order given (path order).
pub fn html_index(entries: &[IndexEntry], options: &RenderOptions) -> String {
    let mut out = String::new();
    head(&mut out, "en", false, "Journey maps", options);
    out.push_str(
        "<body>\n<header>\n<h1>Journey maps</h1>\n</header>\n<main class=\"index\">\n\
         <table>\n<thead><tr><th>Map</th><th>Personas</th><th>Stages</th><th>File</th></tr>\
         </thead>\n<tbody>\n",
    );
    for entry in entries {
        out.push_str("<tr>");
        match &entry.map {
            Some(map) => {
                out.push_str("<td><a href=\"");
                esc(&mut out, &entry.href);
                // The title may be Hebrew in an English list: isolated.
                out.push_str("\" dir=\"auto\">");
                esc(&mut out, &map.title);
                out.push_str("</a>");
                if map.warnings > 0 {
                    let s = if map.warnings == 1 { "" } else { "s" };
                    let _ = write!(out, " <small>({} warning{s})</small>", map.warnings);
                }
                out.push_str("</td><td dir=\"auto\">");
                esc(&mut out, &map.personas.join(" · "));
                let _ = write!(out, "</td><td>{}</td>", map.stages);
            }
            None => out.push_str(
                "<td><em>not built: the journey has errors (see `cjm check`)</em></td>\
                 <td></td><td></td>",
            ),
        }
        out.push_str("<td><code>");
        esc(&mut out, &entry.source);
        out.push_str("</code></td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
    out
}
