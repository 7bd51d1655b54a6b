//! The fenced ```` ```mermaid ```` blocks of a Markdown file (CommonMark
//! fences: three or more backticks or tildes, indented at most three
//! spaces, closed by a fence of the same character at least as long, or by
//! the end of the file).

/// One fenced `mermaid` block: its text and the byte offset where that
/// text starts in the Markdown file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block<'a> {
    pub text: &'a str,
    pub offset: usize,
}

/// Every fenced block whose info string's first word is `mermaid`.
pub(crate) fn mermaid_blocks(markdown: &str) -> Vec<Block<'_>> {
    let mut blocks = Vec::new();
    let mut open: Option<(char, usize, bool, usize)> = None;
    let mut at = 0;
    for line in markdown.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let Some((fence_char, len, info)) = fence(content) else {
            continue;
        };
        match open {
            None => {
                let is_mermaid = info
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case("mermaid"));
                // A backtick fence's info string can't hold a backtick.
                if fence_char == '`' && info.contains('`') {
                    continue;
                }
                open = Some((fence_char, len, is_mermaid, at));
            }
            Some((c, l, is_mermaid, body)) if c == fence_char && len >= l && info.is_empty() => {
                if is_mermaid {
                    blocks.push(Block {
                        text: &markdown[body..start],
                        offset: body,
                    });
                }
                open = None;
            }
            Some(_) => {}
        }
    }
    if let Some((_, _, true, body)) = open {
        blocks.push(Block {
            text: &markdown[body..],
            offset: body,
        });
    }
    blocks
}

/// A fence line: its character, its length and its info string.
fn fence(line: &str) -> Option<(char, usize, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let c = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = rest.len() - rest.trim_start_matches(c).len();
    if len < 3 {
        return None;
    }
    Some((c, len, rest[len..].trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_mermaid_blocks_with_their_offsets() {
        let md = "# Maps\n\n```mermaid\njourney\n  title A\n```\n\ntext\n\n~~~~ Mermaid\nflowchart LR\n~~~~\n\n```rust\nfn main() {}\n```\n";
        let blocks = mermaid_blocks(md);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].text, "journey\n  title A\n");
        assert_eq!(&md[blocks[0].offset..blocks[0].offset + 7], "journey");
        assert_eq!(blocks[1].text, "flowchart LR\n");
    }

    #[test]
    fn a_shorter_fence_does_not_close_and_an_unclosed_block_runs_to_the_end() {
        let md = "````mermaid\njourney\n```\nstill inside\n````\n```mermaid\njourney\n";
        let blocks = mermaid_blocks(md);
        assert_eq!(blocks[0].text, "journey\n```\nstill inside\n");
        assert_eq!(blocks[1].text, "journey\n");
    }

    #[test]
    fn code_indented_four_spaces_is_not_a_fence() {
        assert!(mermaid_blocks("    ```mermaid\n    journey\n    ```\n").is_empty());
    }
}
