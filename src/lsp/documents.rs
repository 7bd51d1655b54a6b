//! The open documents: the client's text, its version, the line index for
//! positions, and the analysis of the latest text.

use std::collections::HashMap;

use lsp_types::{TextDocumentContentChangeEvent, Url};

use super::analysis::Analysis;
use super::position::{Encoding, LineIndex};
use crate::CompileOptions;

pub(crate) struct Document {
    pub text: String,
    pub version: i32,
    pub index: LineIndex,
    pub analysis: Analysis,
}

impl Document {
    pub(crate) fn new(text: String, version: i32, options: &CompileOptions) -> Self {
        let index = LineIndex::new(&text);
        let analysis = Analysis::new(&text, options, None);
        Document {
            text,
            version,
            index,
            analysis,
        }
    }

    /// Applies the changes of one `didChange` in order (each range is in
    /// the text left by the one before), then analyses the result once.
    pub(crate) fn change(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
        options: &CompileOptions,
    ) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    // A range past the end is clamped, as editors do.
                    let start = self.index.offset_clamped(&self.text, range.start, encoding);
                    let end = self.index.offset_clamped(&self.text, range.end, encoding);
                    let (start, end) = (start.min(end), start.max(end));
                    self.text.replace_range(start..end, &change.text);
                }
            }
            self.index = LineIndex::new(&self.text);
        }
        self.version = version;
        let previous = std::mem::take(&mut self.analysis);
        self.analysis = Analysis::new(&self.text, options, Some(previous));
    }
}

#[derive(Default)]
pub(crate) struct Documents {
    open: HashMap<Url, Document>,
}

impl Documents {
    pub(crate) fn get(&self, uri: &Url) -> Option<&Document> {
        self.open.get(uri)
    }
    pub(crate) fn get_mut(&mut self, uri: &Url) -> Option<&mut Document> {
        self.open.get_mut(uri)
    }
    pub(crate) fn insert(&mut self, uri: Url, document: Document) {
        self.open.insert(uri, document);
    }
    pub(crate) fn remove(&mut self, uri: &Url) -> Option<Document> {
        self.open.remove(uri)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn edit(range: Option<((u32, u32), (u32, u32))>, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range
                .map(|((a, b), (c, d))| Range::new(Position::new(a, b), Position::new(c, d))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn changes_apply_in_order_in_utf16_columns() {
        let options = CompileOptions::default();
        let mut doc = Document::new("שלום 😀 x\nb".to_string(), 1, &options);
        // Replace `x` (after 4 + 1 + 2 + 1 units), then insert on line 2.
        let changes = vec![
            edit(Some(((0, 8), (0, 9))), "y"),
            edit(Some(((1, 0), (1, 0))), "a"),
            edit(Some(((9, 0), (9, 0))), "!"),
        ];
        doc.change(2, changes, Encoding::Utf16, &options);
        assert_eq!(doc.text, "שלום 😀 y\nab!");
        assert_eq!(doc.version, 2);
        doc.change(3, vec![edit(None, "new")], Encoding::Utf16, &options);
        assert_eq!(doc.text, "new");
    }
}
