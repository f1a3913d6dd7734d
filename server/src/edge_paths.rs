//! Request paths no page of ours has, refused before any handler sees them, and paths made fit for a log line.
//!
//! - A path with an empty segment (`//pkg`) or a backslash is refused: tower-http's `ServeDir` answers a directory
//!   without its trailing slash with `307 Location: <path>/`, and `//pkg/` is protocol-relative — a browser follows
//!   it to the host `pkg`. (Browsers also read `/\` as `//`.) The router also turns that redirect off, so no
//!   response carries a `Location` starting with `//` either way.
//! - A path with a segment longer than 255 bytes, or longer than 2,048 bytes in all, is refused: a file name that
//!   long makes the file system fail (`ENAMETOOLONG`), which `ServeDir` answered with an empty 500 and an ERROR line
//!   carrying the whole path (up to the 64 kB an URI may have) — twice, with the trace layer's.
//!
//! Both are answered with the ordinary 404 page, and logged with the path cut to [`LOGGED_PATH_BYTES`].

use axum::extract::{Request, State};
use axum::http::Uri;
use axum::middleware::Next;
use axum::response::Response;

use crate::rendering::render_page;
use crate::state::AppState;

/// The longest path segment kept: the usual file-name limit (`NAME_MAX`).
pub const MAX_SEGMENT_BYTES: usize = 255;
/// The longest path kept; ours are under a hundred bytes.
pub const MAX_PATH_BYTES: usize = 2_048;
/// How much of a path a log line shows.
pub const LOGGED_PATH_BYTES: usize = 200;

/// An address no route of ours renders: the app's router answers it with the 404 page.
const NOT_FOUND_PATH: &str = "/not-found";

/// Answers a request whose path [`refusal`] refuses with the 404 page (in the visitor's language, with the
/// response's security headers); passes any other request on.
pub async fn refuse_unfit_paths(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let Some(reason) = refusal(request.uri().path()) else {
        return next.run(request).await;
    };
    tracing::info!(path = %for_log(request.uri().path()), reason, "path refused with the 404 page");
    *request.uri_mut() = Uri::from_static(NOT_FOUND_PATH);
    render_page(&state, request).await
}

/// Why `path` is refused, or `None` when it may be routed.
pub fn refusal(path: &str) -> Option<&'static str> {
    if path.len() > MAX_PATH_BYTES {
        Some("path too long")
    } else if path.split('/').any(|segment| segment.len() > MAX_SEGMENT_BYTES) {
        Some("path segment too long")
    } else if path.contains("//") {
        Some("empty path segment")
    } else if path.contains('\\') || path.to_ascii_lowercase().contains("%5c") {
        Some("backslash in path")
    } else {
        None
    }
}

/// Whether `path` is one of the site's files (the bundle under `/pkg/`, the fonts under `/fonts/`): no session is
/// looked up for them, and metrics count them under one route.
pub fn is_site_file(path: &str) -> bool {
    path.starts_with("/pkg/") || path.starts_with("/fonts/")
}

/// `path` cut to [`LOGGED_PATH_BYTES`] (on a character boundary), with its length when cut, for log lines.
pub fn for_log(path: &str) -> String {
    if path.len() <= LOGGED_PATH_BYTES {
        return path.to_owned();
    }
    let mut end = LOGGED_PATH_BYTES;
    while !path.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &path[..end], path.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_own_paths_are_routed() {
        for path in ["/", "/backend", "/backend/tokens", "/pkg/info-backoffice.wasm", "/backend/audit.csv"] {
            assert_eq!(refusal(path), None, "{path}");
        }
    }

    #[test]
    fn protocol_relative_and_backslash_paths_are_refused() {
        for path in ["//pkg", "//evil.example/", "/pkg//x", "/\\evil.example", "/%5Cevil.example", "/%5cx"] {
            assert!(refusal(path).is_some(), "{path}");
        }
    }

    #[test]
    fn a_segment_over_255_bytes_or_a_path_over_2048_bytes_is_refused() {
        assert_eq!(refusal(&format!("/{}", "a".repeat(255))), None);
        assert_eq!(refusal(&format!("/pkg/{}", "a".repeat(256))), Some("path segment too long"));
        assert_eq!(refusal(&"/aaaaaaaa".repeat(257)), Some("path too long"));
    }

    #[test]
    fn a_long_path_is_cut_for_the_log_on_a_character_boundary() {
        let thai = format!("/{}", "ก".repeat(1_000));
        let logged = for_log(&thai);
        assert!(logged.len() < LOGGED_PATH_BYTES + 30, "{logged}");
        assert!(logged.ends_with("… (3001 bytes)"), "{logged}");
        assert_eq!(for_log("/backend"), "/backend");
    }
}
