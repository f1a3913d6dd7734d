//! The administration pages of DGA Contact Center staff and central officers: plain axum handlers that check the
//! signed-in officer's scope on the server ([`domain::scope`]), call [`domain::administration`], and render the
//! Leptos page with its data in the request's extensions (`app::administration::use_page_data`).
//!
//! | route | handler |
//! |---|---|
//! | `GET /backend/audit`, `GET /backend/audit.csv` | [`audit_log`] |
//!
//! Authorisation comes only from the session's officer, never from a form: without a scope the page answers 403;
//! anything outside the scope is 404, as if it did not exist. Every form carries the session's synchroniser token.
//! A change redirects (303) to its page with `?done=…`; a refused form is shown again with its problems.

pub mod audit_log;

use app::administration::{Done, FieldProblem, FormProblem, UnitOption};
use app::paths::{SERVICE_ERROR_PAGE, fields};
use axum::body::Body;
use axum::extract::{FromRequest, Request};
use axum::http::header::{CACHE_CONTROL, REFERRER_POLICY};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::Response;
use domain::administration::AdminError;
use domain::audit::Origin;
use domain::entities::officer::{self, Role};
use domain::entities::organisation_unit;
use domain::scope::{Scope, Tree};
use serde::de::DeserializeOwned;

use crate::session_layer::CurrentSession;
use crate::state::AppState;

/// An address no page answers: rendering it gives the 404 page.
const NOT_FOUND_PATH: &str = "/backend/not-found";

/// The signed-in officer acting on an administration page, with their scope.
pub struct Actor {
    /// The officer's row (its role and unit decide everything).
    pub officer: officer::Model,
    /// What they administer.
    pub scope: Scope,
    /// The session's synchroniser token, for the forms.
    pub csrf_token: String,
    /// Where the request came from, for the audit log.
    pub origin: Origin,
    current: CurrentSession,
}

impl Actor {
    /// Whether a form's synchroniser token is the session's.
    pub fn csrf_matches(&self, sent: &str) -> bool {
        crate::auth::csrf_matches(sent, &self.current)
    }

    /// Whether the officer typed their Digital ID password within `window` before `now` (the ID token's
    /// `auth_time`, kept with the session); a session without `auth_time` never counts as recent.
    pub fn authenticated_within(&self, window: chrono::Duration, now: chrono::DateTime<chrono::Utc>) -> bool {
        self.current.session.row.auth_time.is_some_and(|at| now - at <= window && at <= now + window)
    }
}

/// The acting officer of `parts`, or the response to send instead: the sign-in page when nobody is signed in (the
/// session layer normally answered already), 403 when the officer administers nothing (`page`: the page to show).
pub async fn actor(state: &AppState, parts: &Parts, page: &str) -> Result<Actor, Response> {
    let Some(current) = parts.extensions.get::<CurrentSession>().cloned() else {
        return Err(crate::auth::see_other(app::paths::SIGN_IN_PAGE));
    };
    let Some(officer) = current.officer.clone() else {
        return Err(crate::auth::see_other(app::paths::ACTIVATION_PAGE));
    };
    let Some(scope) = Scope::of(&officer) else {
        tracing::warn!(officer_id = officer.id, path = page, "administration page refused: the officer has no scope");
        return Err(render::<()>(state, parts, page, None, Some(StatusCode::FORBIDDEN)).await);
    };
    Ok(Actor {
        csrf_token: current.session.row.csrf_token.clone(),
        origin: crate::auth::origin(&parts.extensions),
        officer,
        scope,
        current,
    })
}

/// Reads a form body into `T`; `None` when it is not a form of that shape.
pub async fn read_form<T: DeserializeOwned>(state: &AppState, parts: &Parts, body: Body) -> Option<T> {
    let request = Request::from_parts(parts.clone(), body);
    axum::Form::<T>::from_request(request, state).await.ok().map(|axum::Form(form)| form)
}

/// Renders the page at `path` (a GET of it, keeping the request's session and context) with `data` for it; `None`
/// renders it without, which the administration pages answer with 403.
pub async fn render<T: Clone + Send + Sync + 'static>(
    state: &AppState,
    parts: &Parts,
    path: &str,
    data: Option<T>,
    status: Option<StatusCode>,
) -> Response {
    let mut parts = parts.clone();
    parts.method = Method::GET;
    parts.uri = path.parse().expect("page paths are valid URIs");
    if let Some(data) = data {
        parts.extensions.insert(data);
    }
    let mut response = crate::router::render_page(state, Request::from_parts(parts, Body::empty())).await;
    if let Some(status) = status {
        *response.status_mut() = status;
    }
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

/// The 404 page: for anything outside the officer's scope (it must look exactly like something that is not there).
pub async fn not_found(state: &AppState, parts: &Parts) -> Response {
    render::<()>(state, parts, NOT_FOUND_PATH, None, None).await
}

/// A failure of ours: logged under a reference, which alone is shown, on the service-error page (HTTP 500) in the
/// officer's language.
pub async fn internal(state: &AppState, parts: &Parts, error: &(dyn std::fmt::Display + Sync)) -> Response {
    let reference = crate::auth::reference();
    tracing::error!(%reference, %error, "administration request failed");
    service_error(state, parts, &reference, StatusCode::INTERNAL_SERVER_ERROR).await
}

/// The service-error page showing `reference` (already logged with its cause), answered with `status`.
pub async fn service_error(state: &AppState, parts: &Parts, reference: &str, status: StatusCode) -> Response {
    let page = format!("{SERVICE_ERROR_PAGE}?reference={reference}");
    render::<()>(state, parts, &page, None, Some(status)).await
}

/// After a change: back to `page` with the banner for `done`.
pub fn done(page: &str, done: Done) -> Response {
    crate::auth::see_other(&format!("{page}?{}={}", fields::DONE, done.code()))
}

/// The `?done=` of a page's query.
pub fn done_in(parts: &Parts) -> Option<Done> {
    let query = parts.uri.query()?;
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .ok()?
        .into_iter()
        .find(|(key, _)| key == fields::DONE)
        .and_then(|(_, value)| Done::from_code(&value))
}

/// A refused field.
pub fn problem(field: &str, problem: FormProblem) -> FieldProblem {
    FieldProblem { field: field.to_owned(), problem }
}

/// The units of the actor's scope a form may offer, tree order: not retired, and at a level one of `roles` fits.
pub fn unit_options(tree: &Tree, scope: &Scope, roles: &[Role]) -> Vec<UnitOption> {
    tree.in_scope(scope)
        .into_iter()
        .filter(|(unit, _)| unit.retired_at.is_none())
        .filter(|(unit, _)| roles.iter().any(|role| role.unit_kind() == Some(unit.kind)))
        .map(|(unit, depth)| unit_option(tree, unit, *depth))
        .collect()
}

/// A unit as forms and tables show it.
pub fn unit_option(tree: &Tree, unit: &domain::entities::organisation_unit::Model, depth: u8) -> UnitOption {
    UnitOption {
        code: unit.code.clone(),
        name_th: unit.name_th.clone(),
        name_en: unit.name_en.clone(),
        kind: unit.kind,
        parents_th: parents_th(tree, unit.id),
        depth,
        retired: unit.retired_at.is_some(),
    }
}

/// The Thai names of a unit's parents, ministry first.
pub fn parents_th(tree: &Tree, unit_id: i32) -> String {
    join_th(tree.parents(unit_id))
}

/// Units' Thai names in the given order, as the pages write a chain of them.
pub fn join_th<'a>(units: impl IntoIterator<Item = &'a organisation_unit::Model>) -> String {
    units.into_iter().map(|unit| unit.name_th.as_str()).collect::<Vec<_>>().join(" › ")
}

/// How a refused action answers when it is not a field's fault: 403, 404 or 500.
pub async fn refused(state: &AppState, parts: &Parts, page: &str, error: &AdminError) -> Response {
    match error {
        AdminError::NotPermitted => render::<()>(state, parts, page, None, Some(StatusCode::FORBIDDEN)).await,
        AdminError::NotFound => not_found(state, parts).await,
        other => internal(state, parts, other).await,
    }
}
