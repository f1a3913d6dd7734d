//! The UI's language: which one a request is rendered in, and the switch that changes it.
//!
//! A signed-in officer's choice is kept on their record, so it follows them to any browser; every browser also keeps
//! its own in a cookie (before sign-in and after sign-out). Without either, pages are in Thai — never guessed from
//! `Accept-Language`: the back office is Thai first, and English is a choice.

use app::i18n::Locale;
use app::paths::{OFFICERS_PAGE, PAGES};
use axum::Form;
use axum::extract::{FromRequest, Request, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use domain::entities::officer;
use serde::Deserialize;

use crate::auth::see_other;
use crate::session_layer::CurrentSession;
use crate::state::AppState;

/// The longest address (path and query) the switch comes back to; longer ones lose their query.
const MAX_RETURN_TO: usize = 1024;

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
    if !PAGES.contains(&path) {
        return OFFICERS_PAGE.to_owned();
    }
    match uri.path_and_query() {
        Some(full) if full.as_str().len() <= MAX_RETURN_TO => full.as_str().to_owned(),
        _ => path.to_owned(),
    }
}

/// The switch's form ([`app::paths::LANGUAGE_FIELD`], [`app::paths::RETURN_TO_FIELD`]). Both fields are written by the page, so a bad value is not the officer's mistake: it is
/// ignored (the language stays as it was; the officers' page stands in for a bad address).
#[derive(Deserialize)]
struct SwitchForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    return_to: String,
}

/// `POST /backend/language`: remembers the chosen language and shows the page it was chosen on again (`303`).
pub async fn switch(State(state): State<AppState>, request: Request) -> Response {
    let current = request.extensions().get::<CurrentSession>().cloned();
    let form = Form::<SwitchForm>::from_request(request, &state).await.map(|Form(form)| form).ok();
    let (locale, return_to) = match &form {
        Some(form) => (Locale::from_tag(&form.lang), safe_return(&form.return_to)),
        None => (None, OFFICERS_PAGE),
    };
    let mut response = see_other(return_to);
    let Some(locale) = locale else {
        return response;
    };
    response.headers_mut().append(SET_COOKIE, state.cookies.set_language(locale.tag()));
    if let Some(officer) = current.as_ref().and_then(|current| current.officer.as_ref()) {
        // The cookie already carries the choice for this browser; failing to keep it on the record costs only
        // that other browsers will not know it, so the officer is not stopped for it.
        if let Err(error) = domain::officers::set_preferred_locale(&state.db, officer.id, locale.tag()).await {
            tracing::error!(%error, "remembering an officer's language failed");
        }
    }
    response
}

/// `return_to` when it is one of our pages (with any query), else the officers' page: never another site.
fn safe_return(return_to: &str) -> &str {
    let path = return_to.split_once('?').map_or(return_to, |(path, _)| path);
    let clean = return_to.len() <= MAX_RETURN_TO && return_to.bytes().all(|byte| byte.is_ascii_graphic());
    if clean && PAGES.contains(&path) { return_to } else { OFFICERS_PAGE }
}

#[cfg(test)]
mod tests {
    use app::paths::{LANGUAGE_FIELD, RETURN_TO_FIELD};

    use super::*;

    #[test]
    fn the_form_reads_the_fields_the_page_sends() {
        assert_eq!((LANGUAGE_FIELD, RETURN_TO_FIELD), ("lang", "return_to"));
    }

    #[test]
    fn the_switch_returns_only_to_our_own_pages() {
        assert_eq!(safe_return("/backend/home"), "/backend/home");
        assert_eq!(safe_return("/backend/sign-in-failed?reference=AB12"), "/backend/sign-in-failed?reference=AB12");
        for foreign in [
            "",
            "//evil.example/backend/home",
            "https://evil.example/backend/home",
            "/\\evil.example",
            "/backend/home\r\nSet-Cookie: x=1",
            "/backend/home?x=\u{0e01}",
            "/auth/callback?code=abc",
            "/backend/nowhere",
            "backend/home",
        ] {
            assert_eq!(safe_return(foreign), OFFICERS_PAGE, "{foreign:?}");
        }
        let long = format!("/backend/home?{}", "a".repeat(MAX_RETURN_TO));
        assert_eq!(safe_return(&long), OFFICERS_PAGE);
    }

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
