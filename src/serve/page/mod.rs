//! The page, embedded in the binary: two HTML shells filled on the server,
//! one script and one style sheet served as their own routes (so the
//! Content-Security-Policy needs no inline script).

use super::security::escape_html;
use super::state::MapRef;

pub(crate) const SCRIPT: &str = include_str!("app.js");
pub(crate) const STYLE: &str = include_str!("app.css");
const MAP_PAGE: &str = include_str!("map.html");
const INDEX_PAGE: &str = include_str!("index.html");

/// The page of one map; the script fills in the SVG and diagnostics.
pub(crate) fn map_page(map: &MapRef) -> String {
    MAP_PAGE
        .replace("{{ID}}", &map.id.to_string())
        .replace("{{NAME}}", &escape_html(&map.name))
}

/// The list of maps; the script fills it in from the event stream.
pub(crate) fn index_page() -> String {
    INDEX_PAGE.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_names_are_escaped_in_the_page() {
        let page = map_page(&MapRef {
            id: 7,
            name: "<script>alert(1)</script>.journey".into(),
        });
        assert!(!page.contains("<script>alert"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;.journey"));
        assert!(page.contains(r#"data-map="7""#));
        assert!(page.contains(r#"href="/map/7.svg""#));
        assert!(!page.contains("{{"));
    }

    #[test]
    fn pages_load_only_our_own_script() {
        for page in [MAP_PAGE, INDEX_PAGE] {
            assert_eq!(page.matches("<script").count(), 1);
            assert!(page.contains(r#"<script src="/app.js" defer></script>"#));
        }
    }
}
