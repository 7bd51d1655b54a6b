//! The preview's routes: what a clean path names, and the answers.

use std::io::Cursor;

use tiny_http::{Header, Request, Response};

use super::page;
use super::security::COMMON_HEADERS;
use super::state::State;

/// Everything the server answers; every other path is 404.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route {
    /// The map when exactly one is served, otherwise the index.
    Home,
    MapPage(u64),
    Output(u64, Format),
    Events,
    Script,
    Style,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Svg,
    Png,
    Json,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Json => "json",
        }
    }
    fn content_type(self) -> &'static str {
        match self {
            Format::Svg => "image/svg+xml; charset=utf-8",
            Format::Png => "image/png",
            Format::Json => "application/json; charset=utf-8",
        }
    }
}

/// Names the route of a path already checked by `security::clean_path`.
pub(crate) fn parse(path: &str) -> Option<Route> {
    match path {
        "/" => return Some(Route::Home),
        "/events" => return Some(Route::Events),
        "/app.js" => return Some(Route::Script),
        "/app.css" => return Some(Route::Style),
        _ => {}
    }
    let rest = path.strip_prefix("/map/")?;
    let (id, format) = match rest.split_once('.') {
        None => (rest, None),
        Some((id, "svg")) => (id, Some(Format::Svg)),
        Some((id, "png")) => (id, Some(Format::Png)),
        Some((id, "json")) => (id, Some(Format::Json)),
        Some(_) => return None,
    };
    // Digits only: `parse` alone would also take a leading `+`.
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let id = id.parse().ok()?;
    Some(match format {
        None => Route::MapPage(id),
        Some(format) => Route::Output(id, format),
    })
}

/// Answers every route but `Events`, which streams (see `sse.rs`).
pub(crate) fn answer(request: Request, route: Route, state: &State) {
    let response = match route {
        Route::Home => {
            let maps = state.maps();
            match maps.as_slice() {
                [only] => html(page::map_page(only)),
                _ => html(page::index_page()),
            }
        }
        Route::MapPage(id) => match state.map(id) {
            Some(map) => html(page::map_page(&map)),
            None => not_found(),
        },
        Route::Output(id, format) => output(state, id, format),
        Route::Script => with_type(
            page::SCRIPT.as_bytes().to_vec(),
            "text/javascript; charset=utf-8",
        ),
        Route::Style => with_type(page::STYLE.as_bytes().to_vec(), "text/css; charset=utf-8"),
        Route::Events => return super::sse::stream(request, state),
    };
    // The client may have gone; nothing to do about it.
    let _ = request.respond(response);
}

fn output(state: &State, id: u64, format: Format) -> Response<Cursor<Vec<u8>>> {
    let Some((name, outputs)) = state.outputs(id) else {
        return not_found();
    };
    let body = match format {
        Format::Svg => outputs.svg.as_bytes().to_vec(),
        Format::Json => outputs.json.as_bytes().to_vec(),
        Format::Png => match &outputs.png {
            Some(png) => png.to_vec(),
            None => return not_found(),
        },
    };
    let disposition = format!(
        "attachment; filename=\"{}.{}\"",
        file_stem(&name),
        format.extension()
    );
    with_type(body, format.content_type())
        .with_header_opt(header("Content-Disposition", &disposition))
}

/// A download name from a display path (`maps/checkout.journey` →
/// `checkout`), kept to characters that are safe in a header.
fn file_stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base.strip_suffix(".journey").unwrap_or(base);
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe.is_empty() {
        "map".to_string()
    } else {
        safe
    }
}

fn html(body: String) -> Response<Cursor<Vec<u8>>> {
    with_type(body.into_bytes(), "text/html; charset=utf-8")
}

pub(crate) fn not_found() -> Response<Cursor<Vec<u8>>> {
    plain(404, "404 Not Found\n")
}

/// A short plain-text answer (errors).
pub(crate) fn plain(status: u16, text: &str) -> Response<Cursor<Vec<u8>>> {
    with_type(text.as_bytes().to_vec(), "text/plain; charset=utf-8").with_status_code(status)
}

fn with_type(body: Vec<u8>, content_type: &str) -> Response<Cursor<Vec<u8>>> {
    let mut response =
        Response::from_data(body).with_header_opt(header("Content-Type", content_type));
    for (name, value) in COMMON_HEADERS {
        response = response.with_header_opt(header(name, value));
    }
    response
}

/// A header, or `None` when the value is not valid in a header (never the
/// case for our constant values; names are sanitised by `file_stem`).
fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

trait WithHeaderOpt {
    fn with_header_opt(self, header: Option<Header>) -> Self;
}

impl WithHeaderOpt for Response<Cursor<Vec<u8>>> {
    fn with_header_opt(self, header: Option<Header>) -> Self {
        match header {
            Some(header) => self.with_header(header),
            None => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_recognised() {
        assert_eq!(parse("/"), Some(Route::Home));
        assert_eq!(parse("/events"), Some(Route::Events));
        assert_eq!(parse("/map/12"), Some(Route::MapPage(12)));
        assert_eq!(parse("/map/3.svg"), Some(Route::Output(3, Format::Svg)));
        assert_eq!(parse("/map/3.png"), Some(Route::Output(3, Format::Png)));
        assert_eq!(parse("/map/3.json"), Some(Route::Output(3, Format::Json)));
        for other in [
            "/map/",
            "/map/x",
            "/map/3.txt",
            "/map/+3",
            "/index.html",
            "/map/3/4",
        ] {
            assert_eq!(parse(other), None, "{other}");
        }
    }

    #[test]
    fn download_names_are_header_safe() {
        assert_eq!(file_stem("maps/checkout.journey"), "checkout");
        assert_eq!(file_stem("a b\"c.journey"), "a_b_c");
        assert_eq!(file_stem(".journey"), "map");
    }
}
