//! The session layer: on every page, sign-in and server-function request, finds the officer's session from its
//! cookie, tells pages who is looking (`app::request_context::RequestContext` in the request's extensions) and the
//! server functions whose session it is (`app::host::CurrentSession`), and enforces who may open which page — before
//! any page renders. The rules are the page table's (`app::paths::PAGES`):
//!
//! | page | who may open it | everyone else goes to |
//! |---|---|---|
//! | `Access::Officer`: home, profile, the administration pages (and the audit CSV) | a signed-in officer | the activation page (not yet activated), or the sign-in page |
//! | `Access::PendingActivation`: activation | a Digital ID account not yet activated | home (officers), or the sign-in page |
//! | every other page, the sign-in routes, the server functions (they authorise themselves) | anyone | — |
//!
//! Responses to a signed-in browser are never stored by caches (`Cache-Control: no-store`).

use app::paths::{ACTIVATION_PAGE, AUDIT_CSV, Access, HOME_PAGE, OFFICERS_PAGE, SIGN_IN_PAGE};
use app::request_context::{PendingActivation, RequestContext, Visitor};
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, RETRY_AFTER, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::entities::officer::OfficerStatus;
use domain::sessions::{self, SessionSecret};

use crate::state::AppState;

/// The signed-in session of this request, for the sign-in handlers and the server functions.
pub use app::host::CurrentSession;

/// Routes of ours that are not pages but are an officer's alone.
const OFFICER_ROUTES: [&str; 1] = [AUDIT_CSV];

/// Who may open `path`: a page's rule from the page table, an officer's route's, else anyone's.
fn access(path: &str) -> Access {
    match app::paths::page(path) {
        Some(page) => page.access,
        None if OFFICER_ROUTES.contains(&path.trim_end_matches('/')) => Access::Officer,
        None => Access::Anyone,
    }
}

/// Paths that never need a session: static files and the probes.
fn is_sessionless(path: &str) -> bool {
    crate::edge_paths::is_site_file(path) || path == "/healthz" || path == "/readyz"
}

/// The layer itself (see the module's table).
pub async fn session_layer(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if is_sessionless(&path) {
        return next.run(request).await;
    }
    let headers = request.headers().clone();
    let (current, stale_cookie) = match find_session(&state, &headers).await {
        Ok(found) => found,
        Err(error) => return unavailable(&state, request, "session lookup failed", &error).await,
    };
    let visitor = match &current {
        None => Visitor::Anonymous,
        Some(CurrentSession { officer: None, session, .. }) => Visitor::PendingActivation(PendingActivation {
            name_th: session.identity.name_th.clone(),
            csrf_token: session.row.csrf_token.clone(),
        }),
        Some(CurrentSession { officer: Some(officer), session, .. }) => {
            match app::host::views::officer_view(&state.db, officer, &session.row.csrf_token).await {
                Ok(view) => Visitor::Officer(view),
                Err(error) => {
                    return unavailable(&state, request, "loading the officer's details failed", &error).await;
                }
            }
        }
    };
    let redirect = match (access(&path), &visitor) {
        (Access::Officer, Visitor::PendingActivation(_)) => Some(ACTIVATION_PAGE),
        (Access::Officer | Access::PendingActivation, Visitor::Anonymous) => Some(SIGN_IN_PAGE),
        (Access::PendingActivation, Visitor::Officer(_)) => Some(HOME_PAGE),
        _ => None,
    };
    let signed_in = current.is_some();
    let locale = crate::language::of_request(&state, &headers, current.as_ref().and_then(|c| c.officer.as_ref()));
    let path = crate::language::return_address(request.uri());
    let digital_id_assurance_url = state.settings.assurance_url();
    let session_clock = current
        .as_ref()
        .map(|current| app::api::session::on_server::clock(state.session_policy, &current.session.row, Utc::now()));
    request.extensions_mut().insert(RequestContext {
        visitor,
        locale,
        path,
        failure: None,
        session_clock,
        digital_id_assurance_url,
    });
    if let Some(current) = current {
        request.extensions_mut().insert(current);
    }
    let mut response = match redirect {
        Some(to) => Redirect::to(to).into_response(),
        None => next.run(request).await,
    };
    if stale_cookie {
        response.headers_mut().append(SET_COOKIE, state.cookies.clear_session());
    }
    if signed_in {
        response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Our database cannot be reached, so nobody's session can be: the service-error page with HTTP 503, `Retry-After`
/// and a reference (the one thing logged with the error), as an anonymous page in the browser's language (its cookie;
/// the officer's own choice is on their record, which cannot be read either).
async fn unavailable(state: &AppState, request: Request, what: &str, error: &sea_orm::DbErr) -> Response {
    let failure = app::host::Failure::ours(what, error);
    let locale = crate::language::of_request(state, request.headers(), None);
    let (mut parts, _) = request.into_parts();
    parts.extensions.insert(RequestContext { locale, path: OFFICERS_PAGE.to_owned(), ..RequestContext::default() });
    let mut response = crate::error_page::service_error(state, &parts, &failure, StatusCode::SERVICE_UNAVAILABLE).await;
    response.headers_mut().insert(RETRY_AFTER, HeaderValue::from_static(SERVICE_RETRY_AFTER_SECONDS));
    response
}

/// How long a browser or monitor should wait before asking again while our database is unreachable.
const SERVICE_RETRY_AFTER_SECONDS: &str = "30";

/// The live session of the request's cookie; the flag says the browser holds a cookie for a session that has
/// ended, which the response should remove.
async fn find_session(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Result<(Option<CurrentSession>, bool), sea_orm::DbErr> {
    let Some(value) = crate::cookies::read(headers, state.cookies.session_name()) else {
        return Ok((None, false));
    };
    let secret = SessionSecret::new(value);
    // The session and its officer in one query: both are read afresh on every request, so a suspension, logout or
    // timeout on any instance takes effect on the next request here.
    let Some((session, officer)) =
        sessions::find_with_officer(&state.db, &secret, state.session_policy, Utc::now()).await?
    else {
        return Ok((None, true));
    };
    let officer = match (session.row.officer_id, officer) {
        (None, _) => None,
        (Some(_), Some(officer)) if officer.status == OfficerStatus::Active => Some(officer),
        (Some(_), _) => {
            // Suspended (or gone) since the session began: it ends now.
            sessions::end(&state.db, &secret).await?;
            return Ok((None, true));
        }
    };
    Ok((Some(CurrentSession { secret, session, officer }), false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_and_profile_need_an_officer_and_activation_a_pending_account() {
        assert_eq!(access("/backend/home"), Access::Officer);
        assert_eq!(access("/backend/profile/"), Access::Officer);
        assert_eq!(access("/backend/activate"), Access::PendingActivation);
        assert_eq!(access("/backend/tokens"), Access::Officer);
        assert_eq!(access("/backend/audit.csv"), Access::Officer);
        assert_eq!(access("/backend"), Access::Anyone);
        assert_eq!(access("/backend/sign-in"), Access::Anyone);
    }
}
