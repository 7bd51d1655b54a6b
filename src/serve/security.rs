//! The preview's defences. It is a local developer tool, but any web page the
//! developer visits can make their browser send requests to it:
//! - DNS rebinding: a hostile name re-pointed at 127.0.0.1 arrives with that
//!   name in `Host`, so only `localhost` and IP literals on our port pass;
//! - path tricks: only our own routes exist and their paths use a small
//!   alphabet, so anything else (`..`, percent-encoding, backslashes) is
//!   refused before routing;
//! - injected content: a strict Content-Security-Policy (scripts only from
//!   our own `/app.js`) and `nosniff` on every answer.

use std::net::{IpAddr, SocketAddr};

/// Styles and fonts may be inline because the map SVG carries its own
/// `<style>` with `@font-face` data URIs; scripts may not.
pub(crate) const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; \
     connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// Headers sent with every answer, errors included.
pub(crate) const COMMON_HEADERS: [(&str, &str); 5] = [
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    // Every answer reflects the latest build: never serve a stale one.
    ("Cache-Control", "no-store"),
];

/// Whether a request's `Host` header names this server: `localhost` or an IP
/// literal it can be reached at, with the bound port (port 80 may be left
/// out). A missing header is refused too.
pub(crate) fn host_allowed(host: Option<&str>, bound: SocketAddr) -> bool {
    let Some((name, port)) = host.and_then(split_host) else {
        return false;
    };
    if port != bound.port() {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => {
            ip == bound.ip()
                || bound.ip().is_unspecified()
                || (ip.is_loopback() && bound.ip().is_loopback())
        }
        Err(_) => false,
    }
}

/// `name:port`, `[v6]:port`, or a bare name meaning port 80.
fn split_host(host: &str) -> Option<(&str, u16)> {
    let host = host.trim();
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let (name, after) = rest.split_once(']')?;
        match after {
            "" => (name, None),
            _ => (name, Some(after.strip_prefix(':')?)),
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    let port = match port {
        Some(port) => port.parse().ok()?,
        None => 80,
    };
    (!name.is_empty()).then_some((name, port))
}

/// The path part of a request target (the query is ignored) if it is one
/// our routes could use: absolute, only `A-Z a-z 0-9 / . _ -`, no empty or
/// dot-dot segments. Percent-encoding is refused outright, so `%2e%2e` and
/// friends never reach the router.
pub(crate) fn clean_path(target: &str) -> Option<&str> {
    let path = target.split_once('?').map_or(target, |(path, _)| path);
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-');
    if !path.starts_with('/') || !path.chars().all(allowed) {
        return None;
    }
    let segments: Vec<&str> = path[1..].split('/').collect();
    let bad_segment = |s: &&str| s.is_empty() || *s == "." || *s == "..";
    if path != "/" && segments.iter().any(bad_segment) {
        return None;
    }
    if path.contains("..") {
        return None;
    }
    Some(path)
}

/// Escapes text for HTML element content and quoted attributes.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bound(text: &str) -> SocketAddr {
        text.parse().unwrap()
    }

    #[test]
    fn hosts_naming_this_server_pass() {
        let b = bound("127.0.0.1:4000");
        assert!(host_allowed(Some("127.0.0.1:4000"), b));
        assert!(host_allowed(Some("localhost:4000"), b));
        assert!(host_allowed(Some("LOCALHOST:4000"), b));
        let v6 = bound("[::1]:4000");
        assert!(host_allowed(Some("[::1]:4000"), v6));
        let any = bound("0.0.0.0:4000");
        assert!(host_allowed(Some("192.168.1.20:4000"), any));
    }

    #[test]
    fn foreign_hosts_and_ports_are_refused() {
        let b = bound("127.0.0.1:4000");
        assert!(!host_allowed(Some("evil.example:4000"), b));
        assert!(!host_allowed(Some("localhost.evil.example:4000"), b));
        assert!(!host_allowed(Some("127.0.0.1:4001"), b));
        assert!(!host_allowed(Some("127.0.0.1"), b));
        assert!(!host_allowed(Some(""), b));
        assert!(!host_allowed(None, b));
        assert!(!host_allowed(Some("[::1"), b));
        let lan = bound("192.168.1.20:4000");
        assert!(!host_allowed(Some("10.0.0.1:4000"), lan));
        assert!(!host_allowed(
            Some("evil.example:4000"),
            bound("0.0.0.0:4000")
        ));
    }

    #[test]
    fn port_80_may_be_left_out() {
        assert!(host_allowed(Some("localhost"), bound("127.0.0.1:80")));
    }

    #[test]
    fn only_plain_paths_reach_the_router() {
        assert_eq!(clean_path("/"), Some("/"));
        assert_eq!(clean_path("/map/3.svg?v=2"), Some("/map/3.svg"));
        for bad in [
            "/../etc/passwd",
            "/map/..",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/",
            "/map//3",
            "/map/./3",
            "/a\\b",
            "map/3",
            "http://evil.example/",
            "/map/3..svg",
        ] {
            assert_eq!(clean_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape_html(r#"<b a="x">'&'</b>"#),
            "&lt;b a=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;"
        );
    }
}
