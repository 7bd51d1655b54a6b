//! The github format: workflow commands that annotate a pull request.
//! Escaping follows GitHub's rules: `%`, CR and LF in the message; also
//! `:` and `,` in property values.

use super::Place;
use crate::diagnostic::LineIndex;
use crate::diagnostic::{Diagnostic, Severity};

pub(super) fn render(path: &str, source: &str, diagnostics: &[Diagnostic]) -> String {
    let lines = LineIndex::new(source);
    let mut out = String::new();
    for d in diagnostics {
        let place = Place::of(&lines, d);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            property(path),
            place.line,
            place.column,
            place.end_line,
            place.end_column,
            property(&d.code),
            data(&d.message),
        ));
    }
    out
}

fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(data("50%\r\nx"), "50%25%0D%0Ax");
        assert_eq!(property("cjm::a,b"), "cjm%3A%3Aa%2Cb");
    }
}
