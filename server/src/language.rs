//! The UI's language: which one a request is rendered in, and where the switch (`app::api::language`) on a page
//! comes back to.
//!
//! A signed-in officer's choice is kept on their record, so it follows them to any browser; every browser also keeps
//! its own in a cookie (before sign-in and after sign-out). Without either, pages are in Thai — never guessed from
//! `Accept-Language`: the back office is Thai first, and English is a choice.

use app::api::language::MAX_RETURN_TO;
use app::i18n::Locale;
use app::paths::{OFFICERS_PAGE, is_page};
use axum::http::{HeaderMap, Uri};
use domain::entities::officer;

use crate::state::AppState;

/// The language of a request: the officer's choice, else the browser's cookie, else Thai.
pub fn of_request(state: &AppState, headers: &HeaderMap, officer: Option<&officer::Model>) -> Locale {
    officer
        .and_then(|officer| officer.preferred_locale.as_deref())
        .or(crate::cookies::read(headers, state.cookies.language_name()).as_deref())
        .and_then(Locale::from_tag)
        .unwrap_or_default()
}

/// Where the language switch on the page at `uri` comes back to: the same page with its query, when it is one of
/// our pages; the officers' page otherwise (a 404 address, or a sign-in route whose query must never be copied into
/// a page, such as the callback's authorization code).
pub fn return_address(uri: &Uri) -> String {
    let path = uri.path();
    if !is_page(path) {
        return OFFICERS_PAGE.to_owned();
    }
    match uri.path_and_query() {
        Some(full) if full.as_str().len() <= MAX_RETURN_TO => full.as_str().to_owned(),
        _ => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_return_address_of_a_page_keeps_its_query_and_of_anything_else_is_the_officers_page() {
        let uri = |text: &str| text.parse::<Uri>().expect("a valid URI");
        assert_eq!(return_address(&uri("/backend/audit?event=sign_in")), "/backend/audit?event=sign_in");
        assert_eq!(return_address(&uri("/auth/callback?code=secret&state=s")), OFFICERS_PAGE);
        assert_eq!(return_address(&uri("/no/such/page")), OFFICERS_PAGE);
        let long = format!("/backend/audit?event={}", "a".repeat(MAX_RETURN_TO));
        assert_eq!(return_address(&uri(&long)), "/backend/audit");
    }
}
