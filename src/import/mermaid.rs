//! Mermaid's `journey` diagram, read the way Mermaid's own lexer reads it:
//! one statement per line; `title`, `accTitle:`, `accDescr:` and
//! `accDescr { … }`, `section`, and tasks `name: score: actor, actor`;
//! `%%` and `#` comments; keywords in any case; free indentation. YAML
//! front matter (`---` … `---`) may give the title.
//!
//! Spans are byte offsets into the whole input (a Markdown file's, when the
//! diagram came from a fenced block), so diagnostics point at the right line.

use crate::diagnostic::{Diagnostic, Span};

/// A parsed diagram, before any mapping to the journey language.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Diagram {
    /// Comments before the word `journey`.
    pub header: Vec<String>,
    pub title: Option<Text>,
    pub acc_title: Option<Text>,
    pub acc_descr: Option<Text>,
    pub items: Vec<Item>,
}

/// Text with the place it came from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Text {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Section(Text),
    Task(Task),
    /// A `%%` or `#` comment line, without its marker.
    Comment(String),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Task {
    pub name: Text,
    /// The score as written (trimmed), and where.
    pub score: Text,
    pub actors: Vec<Text>,
    /// Fields after the actors, which Mermaid ignores.
    pub extra: Option<Text>,
}

/// Characters that end a Mermaid token inside a name, and the look-alike
/// that `--format mermaid` writes instead; an import reads the look-alike
/// back as the character, so a label survives the trip both ways.
pub(crate) const LOOK_ALIKES: [(char, char); 5] = [
    (':', '\u{2236}'), // RATIO
    (',', '\u{201A}'), // SINGLE LOW-9 QUOTATION MARK (actors only)
    ('#', '\u{266F}'), // MUSIC SHARP SIGN
    (';', '\u{037E}'), // GREEK QUESTION MARK
    ('}', '\u{2775}'), // MEDIUM RIGHT CURLY BRACKET ORNAMENT (descriptions)
];

/// How the `%%` header of `--format mermaid` starts.
pub(crate) const EXPORT_HEADER: &str = "Written by cjm from the journey";

/// Codes of the diagnostics an import reports (see `explain`).
pub(crate) const SYNTAX: &str = "cjm::mermaid-syntax";
pub(crate) const NOT_CARRIED: &str = "cjm::mermaid-not-carried";
pub(crate) const SCORE: &str = "cjm::mermaid-score";

/// The first word of a Mermaid diagram (after front matter, directives and
/// comments), which says its type: `journey`, `flowchart`, …
pub(crate) fn diagram_type(source: &str) -> Option<&str> {
    let mut lines = Lines::new(source, 0);
    skip_front_matter(&mut lines, &mut Vec::new(), &mut None);
    for (_, line) in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with("%%") || trimmed.starts_with('#') {
            continue;
        }
        let end = trimmed
            .find(|c: char| c.is_whitespace() || c == ';')
            .unwrap_or(trimmed.len());
        return Some(&trimmed[..end]);
    }
    None
}

/// Parses a `journey` diagram written at byte `base` of the whole input.
/// Returns the diagram when there were no errors, and every diagnostic.
pub(crate) fn parse(source: &str, base: usize) -> (Option<Diagram>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut diagram = Diagram::default();
    let mut lines = Lines::new(source, base);
    skip_front_matter(&mut lines, &mut diagnostics, &mut diagram.title);
    let mut started = false;
    while let Some((at, raw)) = lines.next() {
        let line = raw.trim_end_matches('\r');
        let indent = line.len() - line.trim_start().len();
        let mut rest = &line[indent..];
        let mut start = at + indent;
        if rest.trim().is_empty() {
            continue;
        }
        if let Some(comment) = rest.strip_prefix("%%") {
            if comment.starts_with('{') {
                let span = Span::new(start, at + line.len());
                diagnostics.push(
                    Diagnostic::warning(
                        NOT_CARRIED,
                        "a Mermaid directive (`%%{…}%%`) is not carried over",
                        span,
                    )
                    .with_label("configuration for Mermaid's renderer")
                    .with_help("cjm draws its own map; use `--theme` for its colours"),
                );
            } else {
                comment_line(comment, started, &mut diagram);
            }
            continue;
        }
        if let Some(comment) = rest.strip_prefix('#') {
            comment_line(comment, started, &mut diagram);
            continue;
        }
        if !started {
            let (word, after) = split_word(rest);
            if !word.eq_ignore_ascii_case("journey") {
                let span = Span::new(start, start + word.len().max(1));
                diagnostics.push(
                    Diagnostic::error(SYNTAX, format!("expected `journey`, found `{word}`"), span)
                        .with_label("a Mermaid journey starts with the word `journey`"),
                );
                return (None, diagnostics);
            }
            started = true;
            // `journey title …` on one line: the rest is a statement.
            let skipped = rest.len() - after.len();
            start += skipped;
            rest = after;
            if rest.trim().is_empty() {
                continue;
            }
            let trimmed = rest.trim_start();
            start += rest.len() - trimmed.len();
            rest = trimmed;
        }
        statement(rest, start, &mut lines, &mut diagram, &mut diagnostics);
    }
    if !started {
        diagnostics.push(Diagnostic::error(
            SYNTAX,
            "this Mermaid diagram is empty: expected `journey`",
            Span::new(base, base),
        ));
    }
    if diagnostics.iter().any(Diagnostic::is_error) {
        return (None, diagnostics);
    }
    (Some(diagram), diagnostics)
}

/// A whole-line comment: before `journey` it heads the file.
fn comment_line(comment: &str, started: bool, diagram: &mut Diagram) {
    let comment = comment.trim().to_string();
    if started {
        diagram.items.push(Item::Comment(comment));
    } else {
        diagram.header.push(comment);
    }
}

/// One statement (the rest of a line, indentation removed) at byte `start`.
fn statement(
    rest: &str,
    start: usize,
    lines: &mut Lines<'_>,
    diagram: &mut Diagram,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let (word, after) = split_word(rest);
    let lower = word.to_ascii_lowercase();
    // `accTitle:` and `accDescr:` may touch their colon.
    let (key, colon_rest) = match rest.find(':') {
        Some(i) => (rest[..i].trim(), Some(&rest[i + 1..])),
        None => (rest.trim(), None),
    };
    if (key.eq_ignore_ascii_case("accTitle") || key.eq_ignore_ascii_case("accDescr"))
        && let Some(value) = colon_rest
    {
        // Mermaid takes the rest of the line, `#` and `;` included.
        let offset = start + (rest.len() - value.len());
        let text = trimmed_text(value, offset);
        if key.eq_ignore_ascii_case("accTitle") {
            diagram.acc_title = Some(text);
        } else {
            diagram.acc_descr = Some(text);
        }
        return;
    }
    let brace_key = rest.split('{').next().unwrap_or("").trim();
    if brace_key.eq_ignore_ascii_case("accDescr") && rest.contains('{') {
        diagram.acc_descr = Some(multi_line_description(rest, start, lines, diagnostics));
        return;
    }
    if lower == "title" && !after.is_empty() {
        let (value, value_at, comment) = until_comment(after, start + word.len());
        diagram.items.extend(comment.map(Item::Comment));
        if value.contains(';') {
            diagnostics.push(semicolon(value, value_at));
        }
        diagram.title = Some(trimmed_text(value, value_at));
        return;
    }
    if lower == "section" && !after.is_empty() {
        let (value, value_at, comment) = until_comment(after, start + word.len());
        diagram.items.extend(comment.map(Item::Comment));
        if let Some(i) = value.find([':', ';']) {
            let found = &value[i..i + 1];
            diagnostics.push(
                Diagnostic::error(
                    SYNTAX,
                    format!("a section name can't hold `{found}`"),
                    Span::new(value_at + i, value_at + i + 1),
                )
                .with_help("Mermaid ends a section name at `:`, `;` or `#`"),
            );
            return;
        }
        diagram
            .items
            .push(Item::Section(trimmed_text(value, value_at)));
        return;
    }
    task(rest, start, diagram, diagnostics);
}

/// `name: score[: actor, actor][: …]`.
fn task(rest: &str, start: usize, diagram: &mut Diagram, diagnostics: &mut Vec<Diagnostic>) {
    let (line, _, comment) = until_comment(rest, start);
    // A comment after a task goes just before its touchpoint.
    diagram.items.extend(comment.map(Item::Comment));
    if let Some(i) = line.find(';') {
        diagnostics.push(semicolon(&line[i..], start + i));
        return;
    }
    let Some(colon) = line.find(':') else {
        let name = line.trim_end();
        diagnostics.push(
            Diagnostic::error(
                SYNTAX,
                format!("the task `{name}` has no score"),
                Span::new(start, start + name.len()),
            )
            .with_label("expected `: SCORE` after the task's name")
            .with_help(format!(
                "a task is `{name}: 5: Actor`, with a score from 1 to 5"
            )),
        );
        return;
    };
    let name = trimmed_text(&line[..colon], start);
    let mut fields = Vec::new();
    let mut from = colon + 1;
    for piece in line[colon + 1..].split(':') {
        fields.push((piece, start + from));
        from += piece.len() + 1;
    }
    let (score_raw, score_at) = fields[0];
    let score = trimmed_text(score_raw, score_at);
    if score.text.is_empty() {
        diagnostics.push(
            Diagnostic::error(
                SYNTAX,
                format!("the task `{}` has an empty score", name.text),
                Span::new(start + colon, start + colon + 1),
            )
            .with_help("write a score from 1 to 5 after the `:`"),
        );
        return;
    }
    if name.text.is_empty() {
        diagnostics.push(Diagnostic::error(
            SYNTAX,
            "a task needs a name before its `:`",
            Span::new(start + colon, start + colon + 1),
        ));
        return;
    }
    let mut actors = Vec::new();
    if let Some(&(list, list_at)) = fields.get(1) {
        let mut from = 0;
        for actor in list.split(',') {
            let text = trimmed_text(actor, list_at + from);
            from += actor.len() + 1;
            if !text.text.is_empty() {
                actors.push(text);
            }
        }
    }
    let extra = fields.get(2).map(|&(_, at)| {
        let end = start + line.len();
        Text {
            text: line[at - start..].trim().to_string(),
            span: Span::new(at - 1, end),
        }
    });
    diagram.items.push(Item::Task(Task {
        name,
        score,
        actors,
        extra,
    }));
}

/// `accDescr { … }`, possibly over several lines, up to the first `}`.
fn multi_line_description(
    rest: &str,
    start: usize,
    lines: &mut Lines<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Text {
    let open = rest.find('{').unwrap_or(0);
    let mut collected = String::new();
    let after = &rest[open + 1..];
    if let Some(close) = after.find('}') {
        return trimmed_text(&after[..close], start + open + 1);
    }
    collected.push_str(after.trim_end_matches('\r'));
    let end;
    loop {
        match lines.next() {
            Some((at, line)) => {
                let line = line.trim_end_matches('\r');
                if let Some(close) = line.find('}') {
                    collected.push('\n');
                    collected.push_str(&line[..close]);
                    end = at + close;
                    break;
                }
                collected.push('\n');
                collected.push_str(line);
            }
            None => {
                diagnostics.push(
                    Diagnostic::error(
                        SYNTAX,
                        "`accDescr {` is never closed",
                        Span::new(start + open, start + open + 1),
                    )
                    .with_label("opened here")
                    .with_help("end the description with `}`"),
                );
                end = start + rest.len();
                break;
            }
        }
    }
    // Each line trimmed: indentation inside the block is not content.
    let text = restore(&collected)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    Text {
        text,
        span: Span::new(start, end),
    }
}

fn semicolon(value: &str, at: usize) -> Diagnostic {
    let i = value.find(';').unwrap_or(0);
    Diagnostic::error(
        SYNTAX,
        "Mermaid's journey does not accept `;` here",
        Span::new(at + i, at + i + 1),
    )
    .with_help("remove the `;`, or put the next statement on its own line")
}

/// The text before a `#` or `%%` comment, its byte offset, and the
/// comment's text, which is carried over as a comment line.
fn until_comment(text: &str, at: usize) -> (&str, usize, Option<String>) {
    let end = [text.find('#'), text.find("%%")]
        .into_iter()
        .flatten()
        .min();
    match end {
        Some(end) => {
            let marker = if text[end..].starts_with('#') { 1 } else { 2 };
            let comment = text[end + marker..].trim();
            let comment = (!comment.is_empty()).then(|| comment.to_string());
            (&text[..end], at, comment)
        }
        None => (text, at, None),
    }
}

/// `text` with the look-alikes of `--format mermaid` read back.
fn restore(text: &str) -> String {
    text.chars()
        .map(|c| {
            LOOK_ALIKES
                .iter()
                .find(|(_, l)| *l == c)
                .map_or(c, |(o, _)| *o)
        })
        .collect()
}

/// `raw` without the blanks around it (and without a leading zero-width
/// space, which `--format mermaid` puts before a name that Mermaid would
/// otherwise read as a keyword).
fn trimmed_text(raw: &str, at: usize) -> Text {
    let start = raw.trim_start().trim_start_matches('\u{200B}');
    let lead = raw.len() - start.len();
    let text = start.trim_end();
    let restored = text
        .chars()
        .map(|c| {
            LOOK_ALIKES
                .iter()
                .find(|(_, l)| *l == c)
                .map_or(c, |(o, _)| *o)
        })
        .collect();
    Text {
        text: restored,
        span: Span::new(at + lead, at + lead + text.len()),
    }
}

/// The first word and what follows it (with its leading space).
fn split_word(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| c.is_whitespace() || c == ':' || c == '{')
        .unwrap_or(text.len());
    (&text[..end], &text[end..])
}

/// `---` … `---` at the very top: Mermaid's YAML front matter. Its
/// `title:` is the diagram's title; anything else is configuration.
fn skip_front_matter(
    lines: &mut Lines<'_>,
    diagnostics: &mut Vec<Diagnostic>,
    title: &mut Option<Text>,
) {
    let first = lines.peek_non_blank();
    if first.is_none_or(|(_, l)| l.trim() != "---") {
        return;
    }
    for (_, line) in lines.by_ref() {
        if line.trim() == "---" {
            break;
        }
    }
    for (at, raw) in lines.by_ref() {
        let line = raw.trim_end_matches('\r');
        if line.trim() == "---" {
            return;
        }
        let trimmed = line.trim_start();
        let lead = line.len() - trimmed.len();
        if lead == 0 {
            if let Some(value) = trimmed.strip_prefix("title:") {
                let value_at = at + lead + "title:".len();
                let mut text = trimmed_text(value, value_at);
                text.text = unquote_yaml(&text.text);
                *title = Some(text);
                continue;
            }
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                let key = trimmed.split(':').next().unwrap_or(trimmed);
                diagnostics.push(
                    Diagnostic::warning(
                        NOT_CARRIED,
                        format!("the front matter's `{key}` is not carried over"),
                        Span::new(at, at + key.len()),
                    )
                    .with_label("Mermaid configuration")
                    .with_help("cjm draws its own map; use `--theme` for its colours"),
                );
            }
        }
    }
    diagnostics.push(Diagnostic::error(
        SYNTAX,
        "the front matter is never closed by `---`",
        Span::new(0, 0),
    ));
}

/// A YAML scalar written in quotes, unquoted (the common cases).
fn unquote_yaml(value: &str) -> String {
    let quoted = |q: char| value.len() >= 2 && value.starts_with(q) && value.ends_with(q);
    if quoted('"') {
        value[1..value.len() - 1].replace("\\\"", "\"")
    } else if quoted('\'') {
        value[1..value.len() - 1].replace("''", "'")
    } else {
        value.to_string()
    }
}

/// The lines of a text with the byte offset (in the whole input) where
/// each starts.
struct Lines<'a> {
    rest: &'a str,
    at: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str, base: usize) -> Self {
        Lines {
            rest: text,
            at: base,
        }
    }

    /// The next line that is not blank, without consuming anything.
    fn peek_non_blank(&self) -> Option<(usize, &'a str)> {
        let mut copy = Lines {
            rest: self.rest,
            at: self.at,
        };
        copy.find(|(_, l)| !l.trim().is_empty())
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let (line, rest, len) = match self.rest.find('\n') {
            Some(i) => (&self.rest[..i], &self.rest[i + 1..], i + 1),
            None => (self.rest, "", self.rest.len()),
        };
        let at = self.at;
        self.rest = rest;
        self.at += len;
        Some((at, line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(source: &str) -> Diagram {
        let (diagram, diagnostics) = parse(source, 0);
        assert!(
            !diagnostics.iter().any(Diagnostic::is_error),
            "{diagnostics:#?}"
        );
        diagram.unwrap()
    }

    fn tasks(diagram: &Diagram) -> Vec<&Task> {
        diagram
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Task(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn reads_title_sections_and_tasks_with_actors() {
        let d =
            ok("journey\n  title My day\n  section Work\n    Make tea: 5: Me, Cat\n    Sit: 3\n");
        assert_eq!(d.title.as_ref().unwrap().text, "My day");
        assert_eq!(
            d.items[0],
            Item::Section(Text {
                text: "Work".into(),
                span: Span::new(33, 37)
            })
        );
        let t = tasks(&d);
        assert_eq!(t[0].name.text, "Make tea");
        assert_eq!(t[0].score.text, "5");
        let actors: Vec<&str> = t[0].actors.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(actors, ["Me", "Cat"]);
        assert!(t[1].actors.is_empty());
    }

    #[test]
    fn keywords_in_any_case_and_comments_of_both_kinds() {
        let d = ok(
            "JOURNEY\n%% a note\nTitle Hi # not the title\nSECTION A\nx: 2: Me %% end\n# hash\n",
        );
        assert_eq!(d.title.unwrap().text, "Hi");
        let comments: Vec<&str> = d
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Comment(c) => Some(c.as_str()),
                _ => None,
            })
            .collect();
        // A comment after a statement comes just before it.
        assert_eq!(comments, ["a note", "not the title", "end", "hash"]);
        assert!(matches!(d.items[4], Item::Task(_)));
        let d = ok("%% made by hand
journey
");
        assert_eq!(d.header, ["made by hand"]);
        let d = ok("journey\nx: 2: Me %% end\n");
        assert_eq!(tasks(&d)[0].actors[0].text, "Me");
    }

    #[test]
    fn accessibility_fields_single_and_multi_line() {
        let d = ok("journey\naccTitle: Short: title\naccDescr: One line\n");
        assert_eq!(d.acc_title.unwrap().text, "Short: title");
        assert_eq!(d.acc_descr.unwrap().text, "One line");
        let d = ok("journey\n  accDescr {\n    First line\n    second line\n  }\n  section S\n");
        assert_eq!(d.acc_descr.unwrap().text, "First line\nsecond line");
        assert_eq!(d.items.len(), 1);
    }

    #[test]
    fn front_matter_gives_the_title_and_warns_about_config() {
        let (d, diags) = parse(
            "---\ntitle: \"Front\"\nconfig:\n  theme: dark\n---\njourney\n",
            0,
        );
        assert_eq!(d.unwrap().title.unwrap().text, "Front");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, NOT_CARRIED);
        assert!(
            diags[0].message.contains("`config`"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn a_task_without_a_score_is_an_error_at_its_line() {
        let source = "journey\nsection A\n  Make tea\n";
        let (d, diags) = parse(source, 100);
        assert!(d.is_none());
        assert_eq!(diags[0].code, SYNTAX);
        assert_eq!(diags[0].span, Span::new(100 + 20, 100 + 28));
        assert!(diags[0].message.contains("Make tea"));
    }

    #[test]
    fn a_diagram_of_another_type_is_not_a_journey() {
        assert_eq!(
            diagram_type("%% c\nflowchart LR\n a-->b"),
            Some("flowchart")
        );
        assert_eq!(
            diagram_type("---\ntitle: x\n---\n journey\n"),
            Some("journey")
        );
        let (d, diags) = parse("graph TD\n", 0);
        assert!(d.is_none());
        assert!(diags[0].message.contains("`graph`"));
    }

    #[test]
    fn extra_fields_are_kept_for_a_warning_and_semicolons_refused() {
        let t = ok("journey\nx: 4: Me: later\n");
        assert_eq!(tasks(&t)[0].extra.as_ref().unwrap().text, "later");
        let (_, diags) = parse("journey\nx: 4; y: 3\n", 0);
        assert_eq!(diags[0].code, SYNTAX);
        assert!(diags[0].message.contains(';'));
    }

    #[test]
    fn spans_point_at_the_text_in_any_script() {
        let source = "journey\nsection קנייה\n  לשלם: 1: מיכל\n";
        let d = ok(source);
        let t = tasks(&d);
        assert_eq!(&source[t[0].name.span.start..t[0].name.span.end], "לשלם");
        assert_eq!(
            &source[t[0].actors[0].span.start..t[0].actors[0].span.end],
            "מיכל"
        );
        assert_eq!(&source[t[0].score.span.start..t[0].score.span.end], "1");
    }
}
