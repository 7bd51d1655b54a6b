//! Checks of single values: language tags, reading directions, link
//! schemes. Pure functions, so the rules are easy to test one by one.

use unicode_bidi::BidiClass;

use crate::model::Direction;

/// Why a `lang` tag is not a well-formed BCP 47 tag, or `None` when it is.
/// Checked: a 2–3 letter primary language, then optional extended
/// language, script (4 letters), region (2 letters or 3 digits), variants
/// (5–8 characters, or 4 starting with a digit), extensions and a private
/// use part. The subtags' registry is not consulted.
pub(crate) fn lang_problem(tag: &str) -> Option<String> {
    if tag.contains('_') {
        return Some(format!(
            "BCP 47 separates subtags with `-`, not `_`: write `{}`",
            tag.replace('_', "-")
        ));
    }
    let subtags: Vec<&str> = tag.split('-').collect();
    let alpha = |s: &str| s.chars().all(|c| c.is_ascii_alphabetic());
    let digit = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let alnum = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric());
    let primary = subtags[0];
    if !(alpha(primary) && (2..=3).contains(&primary.len())) {
        return Some(format!(
            "`{primary}` is not a language: the tag must start with a 2 or 3 letter language code such as `en`, `he` or `fa`"
        ));
    }
    // Which part of the tag may come next: 0 extlang, 1 script, 2 region,
    // 3 variant, 4 extension, 5 private use.
    let mut stage = 0;
    let mut rest = subtags[1..].iter().peekable();
    while let Some(sub) = rest.next() {
        let len = sub.len();
        if sub.is_empty() || !alnum(sub) {
            return Some(format!("`{sub}` is not a valid subtag in `{tag}`"));
        }
        if stage == 0 && primary.len() <= 3 && len == 3 && alpha(sub) {
            stage = 1; // extended language, e.g. zh-yue
        } else if stage <= 1 && len == 4 && alpha(sub) {
            stage = 2;
        } else if (stage <= 2 && ((len == 2 && alpha(sub)) || (len == 3 && digit(sub))))
            || (stage <= 3
                && ((5..=8).contains(&len)
                    || (len == 4 && sub.starts_with(|c: char| c.is_ascii_digit()))))
        {
            // A region, or a variant (both only before extensions).
            stage = 3;
        } else if len == 1 {
            let private = sub.eq_ignore_ascii_case("x");
            // Extension subtags are 2–8 characters, private use ones 1–8.
            let min = if private { 1 } else { 2 };
            let mut parts = 0;
            while let Some(part) = rest.peek() {
                if part.len() == 1 && !private {
                    break;
                }
                if !(min..=8).contains(&part.len()) || !alnum(part) {
                    return Some(format!("`{part}` is not a valid subtag in `{tag}`"));
                }
                parts += 1;
                rest.next();
            }
            if parts == 0 {
                return Some(format!(
                    "the singleton `{sub}` in `{tag}` needs a subtag after it"
                ));
            }
            stage = if private { 6 } else { 4 };
        } else {
            return Some(format!(
                "`{sub}` is not a script (4 letters), region (2 letters or 3 digits) or variant in `{tag}`"
            ));
        }
    }
    None
}

/// Languages written right to left (primary subtags).
const RTL_LANGUAGES: &[&str] = &[
    "ar", "arc", "arz", "ary", "arq", "aeb", "apc", "acm", "afb", "ajp", "azb", "bal", "bqi",
    "ckb", "dv", "fa", "glk", "he", "iw", "ji", "khw", "ks", "lrc", "mzn", "nqo", "pnb", "prs",
    "ps", "sd", "skr", "syr", "ug", "ur", "yi",
];

/// Scripts written right to left (ISO 15924, lowercase).
const RTL_SCRIPTS: &[&str] = &[
    "adlm", "arab", "aran", "hebr", "mand", "mend", "nkoo", "rohg", "samr", "syrc", "thaa", "yezi",
];

/// Whether a language tag names a right-to-left language; an explicit
/// script subtag decides (`az-Arab` is, `ku-Latn` is not).
pub(crate) fn is_rtl_lang(tag: &str) -> bool {
    let lower = tag.to_ascii_lowercase();
    let mut subtags = lower.split(['-', '_']);
    let primary = subtags.next().unwrap_or_default();
    for sub in subtags {
        if sub.len() == 4 && sub.chars().all(|c| c.is_ascii_alphabetic()) {
            return RTL_SCRIPTS.contains(&sub);
        }
        if sub.len() == 1 {
            break; // extensions and private use say nothing about script
        }
    }
    RTL_LANGUAGES.contains(&primary)
}

/// Right-to-left when most letters of `texts` are right-to-left.
pub(crate) fn direction_of_letters<'a>(texts: impl Iterator<Item = &'a str>) -> Direction {
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for c in texts.flat_map(str::chars).filter(|c| c.is_alphabetic()) {
        match unicode_bidi::bidi_class(c) {
            BidiClass::R | BidiClass::AL => rtl += 1,
            BidiClass::L => ltr += 1,
            _ => {}
        }
    }
    if rtl > ltr {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

/// Why a `link` may not be used, or `None` for `http`, `https` and
/// `mailto` links. Browsers drop control characters and whitespace inside
/// a scheme (`java\tscript:`), so any of those makes the link unsafe.
pub(crate) fn link_problem(link: &str) -> Option<String> {
    let trimmed = link.trim();
    if trimmed.chars().any(char::is_control) {
        return Some("the link holds control characters".to_string());
    }
    // Invisible format characters (bidi overrides and isolates, zero-width
    // marks) can make a link read as another address than it goes to.
    if trimmed.chars().any(is_invisible_format) {
        return Some("the link holds invisible formatting characters".to_string());
    }
    let Some((scheme, _)) = trimmed.split_once(':') else {
        return Some(
            "the link has no scheme; only http, https and mailto links are allowed".to_string(),
        );
    };
    if scheme.chars().any(char::is_whitespace) {
        return Some(format!(
            "the scheme `{}` holds whitespace",
            scheme.escape_debug()
        ));
    }
    let lower = scheme.to_ascii_lowercase();
    if ["http", "https"].contains(&lower.as_str()) && !trimmed[scheme.len() + 1..].starts_with("//")
    {
        // `https:example.com` is no web address: browsers read it as a
        // relative path or reject it, and renderers check the `//`.
        Some(format!(
            "a web link starts with `{lower}://`, followed by the site's name"
        ))
    } else if ["http", "https", "mailto"].contains(&lower.as_str()) {
        None
    } else {
        Some(format!(
            "`{scheme}:` links are not allowed; only http, https and mailto links are"
        ))
    }
}

/// A safe link with the characters a URL may not hold literally and that
/// mean something in markup (`"`, `'`, `<`, `>`, `` ` ``, spaces, `\\`,
/// `{`, `|`, `}`, `^`) percent-encoded, as a browser does before it
/// follows the link: the same address, and it can never end the attribute
/// or element that holds it, whatever the renderer's escaping.
pub(crate) fn encode_link(link: &str) -> String {
    let mut out = String::with_capacity(link.len());
    for c in link.chars() {
        match c {
            '"' | '\'' | '<' | '>' | '`' | ' ' | '\\' | '{' | '|' | '}' | '^' => {
                out.push_str(&format!("%{:02X}", c as u32));
            }
            c if c.is_whitespace() => {
                let mut buf = [0; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Bidi embeddings, overrides, isolates and marks, zero-width spaces and
/// joiners, the word joiner and the BOM.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_tags() {
        for tag in [
            "en",
            "he",
            "fa",
            "ar-EG",
            "zh-Hant-TW",
            "en-US-x-twain",
            "sl-rozaj",
            "es-419",
            "ckb",
            "de-CH-1996",
        ] {
            assert_eq!(lang_problem(tag), None, "{tag}");
        }
    }

    #[test]
    fn malformed_tags() {
        for tag in [
            "english",
            "e",
            "en_US",
            "en-",
            "en-Latn-Latn",
            "12",
            "en-x",
            "ar-EG-toolongvariant",
        ] {
            assert!(lang_problem(tag).is_some(), "{tag}");
        }
        assert!(lang_problem("en_US").unwrap().contains("`en-US`"));
    }

    #[test]
    fn rtl_languages() {
        assert!(is_rtl_lang("he"));
        assert!(is_rtl_lang("fa-IR"));
        assert!(is_rtl_lang("AR-eg"));
        assert!(is_rtl_lang("az-Arab"));
        assert!(!is_rtl_lang("ku-Latn"));
        assert!(!is_rtl_lang("en"));
        assert!(!is_rtl_lang("heb"));
    }

    #[test]
    fn letters_decide() {
        assert_eq!(
            direction_of_letters(["מודעות", "web"].into_iter()),
            Direction::Rtl
        );
        assert_eq!(
            direction_of_letters(["آگاهی", "Awareness"].into_iter()),
            Direction::Ltr
        );
        assert_eq!(direction_of_letters(["123"].into_iter()), Direction::Ltr);
    }

    #[test]
    fn links_are_percent_encoded_where_markup_could_break() {
        assert_eq!(
            encode_link("https://a.b/?q=\"x\" onload='y'&z=<1>"),
            "https://a.b/?q=%22x%22%20onload=%27y%27&z=%3C1%3E"
        );
        assert_eq!(encode_link("mailto:a@b.c"), "mailto:a@b.c");
        assert_eq!(
            encode_link("https://a.b/שלום\u{3000}x"),
            "https://a.b/שלום%E3%80%80x"
        );
    }

    #[test]
    fn link_schemes() {
        assert_eq!(link_problem("https://example.com"), None);
        assert_eq!(link_problem("  HTTP://example.com "), None);
        assert_eq!(link_problem("mailto:a@b.c"), None);
        assert!(link_problem("javascript:alert(1)").is_some());
        assert!(link_problem("JavaScript:alert(1)").is_some());
        assert!(link_problem("java\tscript:alert(1)").is_some());
        assert!(link_problem("java script:alert(1)").is_some());
        assert!(link_problem("data:text/html,x").is_some());
        assert!(link_problem("/relative").is_some());
        assert!(link_problem("https:[//example.com/ads").is_some());
        assert!(link_problem("http:example.com").is_some());
        assert!(link_problem("HTTPS://example.com").is_none());
        assert!(link_problem("https://a\u{0}b").is_some());
        assert!(link_problem("https://example.com/\u{202E}gpj.exe").is_some());
        assert!(link_problem("\u{2066}https://example.com").is_some());
        assert!(link_problem("java\u{200B}script:alert(1)").is_some());
        assert!(link_problem("\n javascript:alert(1)").is_some());
        assert!(link_problem(" vbscript:msgbox(1)").is_some());
        assert!(link_problem("DATA:text/html;base64,PHNjcmlwdD4=").is_some());
    }
}
