//! A lean stand-in for the `svg` crate's `Element`: same calls (`new`,
//! `assign`, `append`), same bytes out, a fraction of the time and memory.
//!
//! The `svg` crate keeps a full tree (a hash map of attributes per element)
//! until the end and escapes with one `replace` per character, which made
//! writing the document most of the cost of a big map. Here an element is
//! written to text the moment it is appended to its parent (it can no
//! longer change then), so only the open elements are held as trees.
//!
//! Byte-for-byte the format of `svg` 0.18: attributes sorted by name,
//! values escaped (`& < > " '`), text escaped (`& < >`), a newline before
//! each element child and before the closing tag unless the last child is
//! text, `/>` for an element without children.

use std::borrow::Cow;
use std::fmt;

/// An element whose children are already written out.
#[derive(Debug, Clone)]
pub(crate) struct Element {
    name: Cow<'static, str>,
    attributes: Vec<(Cow<'static, str>, String)>,
    /// The children, written.
    body: String,
    has_children: bool,
    /// Whether the last child is text (then no newline before the end tag).
    last_bare: bool,
}

/// A text child, escaped when written.
#[derive(Debug, Clone)]
pub(crate) struct Text(String);

impl Text {
    pub(crate) fn new(content: impl Into<String>) -> Self {
        Text(content.into())
    }
}

/// What `append` takes.
pub(crate) enum Child {
    Element(Element),
    Text(Text),
    /// Text written (escaped) by the `svg` crate.
    Escaped(String),
    /// An element written by the `svg` crate.
    Written(String),
}

// Code written against the `svg` crate keeps working: its nodes append
// as the text they write.
impl From<::svg::node::Text> for Child {
    fn from(t: ::svg::node::Text) -> Self {
        Child::Escaped(t.to_string())
    }
}

impl From<::svg::node::element::Element> for Child {
    fn from(e: ::svg::node::element::Element) -> Self {
        Child::Written(e.to_string())
    }
}

impl From<Element> for Child {
    fn from(e: Element) -> Self {
        Child::Element(e)
    }
}

impl From<Text> for Child {
    fn from(t: Text) -> Self {
        Child::Text(t)
    }
}

impl Element {
    pub(crate) fn new(name: impl Into<Cow<'static, str>>) -> Self {
        Element {
            name: name.into(),
            attributes: Vec::new(),
            body: String::new(),
            has_children: false,
            last_bare: false,
        }
    }

    /// Sets an attribute; assigning a name again replaces its value.
    pub(crate) fn assign(&mut self, name: impl Into<Cow<'static, str>>, value: impl Into<String>) {
        let name = name.into();
        let value = value.into();
        match self.attributes.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.attributes.push((name, value)),
        }
    }

    pub(crate) fn append(&mut self, child: impl Into<Child>) {
        self.has_children = true;
        match child.into() {
            Child::Element(e) => {
                self.body.push('\n');
                e.write_into(&mut self.body);
                self.last_bare = false;
            }
            Child::Text(t) => {
                escape_into(&mut self.body, &t.0, false);
                self.last_bare = true;
            }
            Child::Escaped(text) => {
                self.body.push_str(&text);
                self.last_bare = true;
            }
            Child::Written(element) => {
                self.body.push('\n');
                self.body.push_str(&element);
                self.last_bare = false;
            }
        }
    }

    /// Length of the children written so far: a place for `insert_at`.
    pub(crate) fn children_len(&self) -> usize {
        self.body.len()
    }

    /// Inserts `child` where the children ended when `children_len` gave
    /// `at`, as if it had been appended then (`at` must come after at least
    /// one child, so that what follows is unchanged).
    pub(crate) fn insert_at(&mut self, at: usize, child: Element) {
        if at >= self.body.len() {
            self.append(child);
            return;
        }
        let mut written = String::from("\n");
        child.write_into(&mut written);
        self.body.insert_str(at, &written);
    }

    /// The whole element as text.
    /// The children's text becomes the result in place: for a big map it
    /// is most of the document, and copying it would hold it twice.
    pub(crate) fn into_string(mut self) -> String {
        let mut body = std::mem::take(&mut self.body);
        let (has_children, last_bare) = (self.has_children, self.last_bare);
        let name = self.name.clone();
        // The element without children, then split before its `/>`.
        self.has_children = false;
        let mut head = String::new();
        self.write_into(&mut head);
        if !has_children {
            return head;
        }
        head.truncate(head.len() - "/>".len());
        head.push('>');
        // Room for the end tag and the final newline `write` adds.
        body.reserve(head.len() + name.len() + 8);
        body.insert_str(0, &head);
        if !last_bare {
            body.push('\n');
        }
        body.push_str("</");
        body.push_str(&name);
        body.push('>');
        body
    }

    fn write_into(mut self, out: &mut String) {
        self.attributes.sort_by(|a, b| a.0.cmp(&b.0));
        self.write_ref(out);
    }

    /// Writes with the attributes in their current order (sorted already,
    /// or by `Display`, which sorts a copy).
    fn write_ref(&self, out: &mut String) {
        out.push('<');
        out.push_str(&self.name);
        for (name, value) in &self.attributes {
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
            escape_into(out, value, true);
            out.push('"');
        }
        if !self.has_children {
            out.push_str("/>");
            return;
        }
        out.push('>');
        out.push_str(&self.body);
        if !self.last_bare {
            out.push('\n');
        }
        out.push_str("</");
        out.push_str(&self.name);
        out.push('>');
    }
}

impl fmt::Display for Element {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sorted = self.clone();
        sorted.attributes.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out = String::new();
        sorted.write_ref(&mut out);
        f.write_str(&out)
    }
}

/// Appends `s` escaped: `& < >`, and `" '` too in an attribute value.
fn escape_into(out: &mut String, s: &str, attribute: bool) {
    let special =
        |b: u8| matches!(b, b'&' | b'<' | b'>') || (attribute && matches!(b, b'"' | b'\''));
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        if !special(b) {
            continue;
        }
        out.push_str(&s[start..i]);
        out.push_str(match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&apos;",
        });
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::svg::Node as _;

    #[test]
    fn an_inserted_child_is_written_as_if_appended_in_its_place() {
        let styled = |text: &str| {
            let mut style = Element::new("style");
            style.assign("type", "text/css");
            style.append(Text::new(text));
            style
        };
        let mut appended = Element::new("svg");
        appended.append(Element::new("title"));
        appended.append(styled("a<b"));
        appended.append(Element::new("rect"));
        appended.append(Element::new("circle"));
        let mut inserted = Element::new("svg");
        inserted.append(Element::new("title"));
        let at = inserted.children_len();
        inserted.append(Element::new("rect"));
        inserted.append(Element::new("circle"));
        inserted.insert_at(at, styled("a<b"));
        assert_eq!(inserted.into_string(), appended.clone().into_string());
        // Nothing after the place: the same as appending.
        let mut last = Element::new("svg");
        last.append(Element::new("title"));
        let at = last.children_len();
        last.insert_at(at, styled("a<b"));
        let mut expected = Element::new("svg");
        expected.append(Element::new("title"));
        expected.append(styled("a<b"));
        assert_eq!(last.into_string(), expected.into_string());
    }

    /// The same tree built with the `svg` crate and with this module.
    fn both(text: &str, attr: &str) -> (String, String) {
        let mut theirs = ::svg::node::element::Element::new("svg");
        let mut ours = Element::new("svg");
        theirs.assign("width", "10");
        ours.assign("width", "10");
        theirs.assign("id", attr);
        ours.assign("id", attr);
        theirs.assign("width", "12");
        ours.assign("width", "12");
        let mut t1 = ::svg::node::element::Element::new("title");
        let mut o1 = Element::new("title");
        t1.append(::svg::node::Text::new(text));
        o1.append(Text::new(text));
        theirs.append(t1);
        ours.append(o1);
        let mut t2 = ::svg::node::element::Element::new("g");
        let mut o2 = Element::new("g");
        t2.assign("data-x", attr);
        o2.assign("data-x".to_string(), attr);
        t2.append(::svg::node::element::Element::new("rect"));
        o2.append(Element::new("rect"));
        t2.append(::svg::node::Text::new(text));
        o2.append(Text::new(text));
        t2.append(::svg::node::element::Element::new("circle"));
        o2.append(Element::new("circle"));
        theirs.append(t2);
        ours.append(o2);
        let mut t3 = ::svg::node::element::Element::new("text");
        let mut o3 = Element::new("text");
        t3.append(::svg::node::Text::new(""));
        o3.append(Text::new(""));
        theirs.append(t3);
        ours.append(o3);
        theirs.append(::svg::node::element::Element::new("g"));
        ours.append(Element::new("g"));
        // Nodes of the svg crate append as they write themselves.
        let mut t4 = ::svg::node::element::Element::new("title");
        t4.append(::svg::node::Text::new(text));
        theirs.append(t4.clone());
        ours.append(t4);
        theirs.append(::svg::node::Text::new(text));
        ours.append(::svg::node::Text::new(text));
        let display = ours.to_string();
        let owned = ours.into_string();
        assert_eq!(display, owned);
        (theirs.to_string(), owned)
    }

    #[test]
    fn writes_the_same_bytes_as_the_svg_crate() {
        for (text, attr) in [
            ("plain", "plain"),
            ("a < b & c > d \"q\" 'a'", "x\"y'z<&>"),
            ("שלום עולם &amp;", "سلام"),
            ("", ""),
        ] {
            let (theirs, ours) = both(text, attr);
            assert_eq!(theirs, ours);
        }
        let mut lone = Element::new("g");
        lone.assign("id", "a");
        assert_eq!(lone.into_string(), "<g id=\"a\"/>");
    }
}
