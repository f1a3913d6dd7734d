//! The server side of the server functions (feature `ssr` only): what the host — the `server` crate — gives them for
//! each request, the one way they learn who is asking ([`actor`]), how a form's function answers a browser without
//! JavaScript ([`answer`]), and the one-time flash that carries what must survive that answer's redirect
//! ([`put_flash`], [`take_flash`]).
//!
//! The host provides a [`Backend`] as context, and its layers put into the request's extensions the session of the
//! request's cookie ([`CurrentSession`], by the session layer) and the client's address ([`Origin`], from the
//! trusted-proxy rule). Nothing here trusts an id or a role from a form: the actor is the session's officer.

use chrono::{DateTime, Duration, Utc};
use domain::audit::Origin;
use domain::entities::officer;
use domain::scope::Scope;
use domain::sessions::{Session, SessionSecret};
use http::request::Parts;
use leptos::prelude::{expect_context, use_context};
use leptos::server_fn::error::FromServerFnError;
use leptos_axum::ResponseOptions;
use sea_orm::DatabaseConnection;

use crate::administration::Done;
use crate::app_error::AppError;

pub mod cookies;
pub mod free_text;
pub mod views;

/// What the host gives every server function.
#[derive(Clone, Debug)]
pub struct Backend {
    /// The database pool.
    pub db: DatabaseConnection,
    /// How this deployment names and flags its cookies.
    pub cookies: cookies::CookiePolicy,
    /// The key of the citizen ID's keyed hash (issuing a Token for a named person).
    pub citizen_id_key: domain::citizen_id::CitizenIdKey,
    /// How well Digital ID must know a person (redeeming a Token).
    pub assurance: domain::assurance::AssurancePolicy,
    /// How many wrong Tokens are allowed, and over what window.
    pub attempt_limits: domain::activation::AttemptLimits,
    /// How long sessions live (the session-timeout dialog).
    pub session_policy: domain::sessions::SessionPolicy,
}

/// The signed-in session of this request (put into the request's extensions by the host's session layer).
#[derive(Clone, Debug)]
pub struct CurrentSession {
    /// The cookie's secret.
    pub secret: SessionSecret,
    /// The session.
    pub session: Session,
    /// The officer, once activated (and active).
    pub officer: Option<officer::Model>,
}

impl CurrentSession {
    /// Whether a form's synchroniser token is this session's (compared in constant time).
    pub fn csrf_matches(&self, sent: &str) -> bool {
        use subtle::ConstantTimeEq;
        !sent.is_empty() && bool::from(sent.as_bytes().ct_eq(self.session.row.csrf_token.as_bytes()))
    }
}

/// The signed-in officer acting on an administration page or form, with their scope.
#[derive(Clone, Debug)]
pub struct Actor {
    /// The officer's row (its role and unit decide everything).
    pub officer: officer::Model,
    /// What they administer.
    pub scope: Scope,
    /// The session's synchroniser token, for the forms.
    pub csrf_token: String,
    /// Where the request came from, for the audit log.
    pub origin: Origin,
    /// The session.
    pub current: CurrentSession,
}

impl Actor {
    /// Whether a form's synchroniser token is the session's.
    pub fn csrf_matches(&self, sent: &str) -> bool {
        self.current.csrf_matches(sent)
    }

    /// Whether the officer typed their Digital ID password within `window` before `now` (the ID token's
    /// `auth_time`, kept with the session); a session without `auth_time` never counts as recent.
    pub fn authenticated_within(&self, window: Duration, now: DateTime<Utc>) -> bool {
        self.current.session.row.auth_time.is_some_and(|at| now - at <= window && at <= now + window)
    }
}

/// The host's [`Backend`].
pub fn backend() -> Result<Backend, AppError> {
    use_context::<Backend>().ok_or_else(|| internal("no backend in the server function's context", &"missing context"))
}

/// The request's head.
pub fn request() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| internal("no request in the server function's context", &"missing context"))
}

/// Where the request came from (the client's address as the trusted-proxy rule gives it).
pub fn origin(parts: &Parts) -> Origin {
    parts.extensions.get::<Origin>().cloned().unwrap_or_default()
}

/// The signed-in session of a request's head: [`AppError::SignInNeeded`] without one.
pub fn current_session(parts: &Parts) -> Result<CurrentSession, AppError> {
    parts.extensions.get::<CurrentSession>().cloned().ok_or(AppError::SignInNeeded)
}

/// The officer asking, with their scope: [`AppError::SignInNeeded`] without a session, `ActivationNeeded` before
/// activation, `Forbidden` for an officer who administers nothing.
pub fn actor() -> Result<Actor, AppError> {
    actor_of(&request()?)
}

/// [`actor`] for a request's head.
pub fn actor_of(parts: &Parts) -> Result<Actor, AppError> {
    let current = current_session(parts)?;
    let officer = current.officer.clone().ok_or(AppError::ActivationNeeded)?;
    let Some(scope) = Scope::of(&officer) else {
        tracing::warn!(officer_id = officer.id, path = %parts.uri.path(), "administration refused: the officer has no scope");
        return Err(AppError::Forbidden);
    };
    Ok(Actor { csrf_token: current.session.row.csrf_token.clone(), origin: origin(parts), officer, scope, current })
}

/// A failure of ours: logged (`what` and the cause) under a new reference, which alone goes to the officer.
pub fn internal(what: &str, error: &dyn std::fmt::Display) -> AppError {
    Failure::ours(what, error).into()
}

/// A failure the officer is told about only by its reference: the one type that makes the reference and writes the
/// log line carrying the cause, whatever answers it — a server function (as [`AppError::Internal`], shown in place or
/// as the page's error), or a route of the host (`server`'s sign-in-failed redirect and service-error page).
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use = "a failure is logged already; it must also be answered"]
pub struct Failure {
    reference: String,
}

impl Failure {
    /// A fault of ours: an `ERROR` line with `what` and the cause.
    pub fn ours(what: &str, cause: &dyn std::fmt::Display) -> Self {
        let reference = this_reference();
        tracing::error!(%reference, error = %cause, "{what}");
        Self { reference }
    }

    /// A request refused for what it carried (a callback without its cookie, a used login): a `WARN` line, nothing
    /// of ours to mend.
    pub fn refused(what: &str) -> Self {
        let reference = this_reference();
        tracing::warn!(%reference, "{what}");
        Self { reference }
    }

    /// A sign-in refused (by Digital ID's answer, or by ours: a suspended officer): a `WARN` line with the
    /// `login_failed` event that monitoring counts.
    pub fn sign_in_refused(what: &str, cause: &dyn std::fmt::Display) -> Self {
        let reference = this_reference();
        tracing::warn!(%reference, event = "login_failed", error = %cause, "{what}");
        Self { reference }
    }

    /// The reference the officer reads out to the DGA Contact Center.
    pub fn reference(&self) -> &str {
        &self.reference
    }
}

impl From<Failure> for AppError {
    fn from(failure: Failure) -> Self {
        Self::Internal { reference: failure.reference }
    }
}

/// A new reference: 10 uppercase hexadecimal digits ([`crate::app_error::is_reference`]).
fn new_reference() -> String {
    domain::secrets::random_bytes::<5>().iter().map(|byte| format!("{byte:02X}")).collect()
}

/// A failure's reference: the id of the request being answered, so the reference an officer reads out finds every
/// log line of their request; a new one outside any request (a background task).
fn this_reference() -> String {
    RequestId::current().map_or_else(new_reference, |id| id.0)
}

/// The id of one request: 10 uppercase hexadecimal digits, the shape of a failure reference. The host's outermost
/// layer gives every request a new one (never the client's), puts it in the request's extensions and in
/// [`REQUEST_ID`] for the task answering, names its log span with it and returns it as `X-Request-Id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestId(pub String);

tokio::task_local! {
    /// The id of the request this task is answering (see [`RequestId`]).
    pub static REQUEST_ID: RequestId;
}

impl RequestId {
    /// A new, random id.
    pub fn new() -> Self {
        Self(new_reference())
    }

    /// The id of the request being answered: the task's, else (on a task the renderer spawned) the one in the
    /// request Leptos provides; `None` outside a request.
    pub fn current() -> Option<Self> {
        REQUEST_ID
            .try_with(Clone::clone)
            .ok()
            .or_else(|| use_context::<Parts>().and_then(|parts| parts.extensions.get::<Self>().cloned()))
    }
}

impl Default for RequestId {
    fn default() -> Self {
        Self::new()
    }
}

/// What a form's server function did, as the page's `?done=` message names it ([`answer`]).
pub trait Outcome {
    /// The message, when the page shows one.
    fn done(&self) -> Option<Done>;
}

impl Outcome for Done {
    fn done(&self) -> Option<Done> {
        Some(*self)
    }
}

/// Nothing to say: the page itself shows what changed (a just-issued Token).
impl Outcome for () {
    fn done(&self) -> Option<Done> {
        None
    }
}

/// An administration refusal that is not a form field's fault: 403, 404, or a failure of ours (logged as `what`).
pub fn refused(what: &str, error: &domain::administration::AdminError) -> AppError {
    use domain::administration::AdminError;
    match error {
        AdminError::NotPermitted => AppError::Forbidden,
        AdminError::NotFound => AppError::NotFound,
        other => internal(what, other),
    }
}

/// How a form's server function answers. A browser without JavaScript posted the form itself (its `Accept` names
/// HTML): it is sent on with `303 See Other` — on success to `page` (with `?done=…` when given), on a refusal back
/// to `page` with the error in Leptos's `?__path=…&__err=…`, where the page's action finds it, and without a
/// signed-in (or activated) officer to the sign-in (or activation) page. A caller with JavaScript gets the result
/// itself, with the error's HTTP status (and, on success, Leptos's redirect header).
pub fn answer<F: leptos::server_fn::ServerFn, T: Outcome>(
    page: &str,
    result: Result<T, AppError>,
) -> Result<T, AppError> {
    let function_path = F::PATH;
    let done = result.as_ref().ok().and_then(Outcome::done);
    let Ok(parts) = request() else { return result };
    let posted_by_a_form = posted_by_a_form(&parts);
    let location = match (&result, done) {
        (Ok(_), Some(done)) => format!("{page}?{}={}", crate::paths::fields::DONE, done.code()),
        (Ok(_), None) => page.to_owned(),
        // Nobody, or nobody activated, is signed in (the session ended meanwhile): where the pages send them too.
        (Err(AppError::SignInNeeded), _) if posted_by_a_form => crate::paths::SIGN_IN_PAGE.to_owned(),
        (Err(AppError::ActivationNeeded), _) if posted_by_a_form => crate::paths::ACTIVATION_PAGE.to_owned(),
        (Err(error), _) if posted_by_a_form => error_location(page, function_path, error),
        (Err(_), _) => return scripted(result),
    };
    send_to(&location);
    result
}

/// Ends `current` here and clears its cookie in the answer (`what` names the occasion in the log of a failure).
pub async fn end_session(current: &CurrentSession, what: &str) -> Result<(), AppError> {
    let backend = backend()?;
    domain::sessions::end(&backend.db, &current.secret).await.map_err(|error| internal(what, &error))?;
    if let Some(response) = use_context::<ResponseOptions>() {
        response.append_header(http::header::SET_COOKIE, backend.cookies.clear_session());
    }
    Ok(())
}

/// How a function that only scripts call (no form posts it) answers: a refusal with its error's HTTP status.
pub fn scripted<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result
        && let (Some(response), Ok(status)) =
            (use_context::<ResponseOptions>(), http::StatusCode::from_u16(error.status()))
    {
        response.set_status(status);
    }
    result
}

/// Sends the browser on to `location` after a form's function: `303 See Other`, never cached, for a form posted
/// without JavaScript; Leptos's redirect header, which its client follows, for a caller with JavaScript.
pub fn send_to(location: &str) {
    leptos_axum::redirect(location);
    let Ok(parts) = request() else { return };
    if posted_by_a_form(&parts) {
        let response = expect_context::<ResponseOptions>();
        response.set_status(http::StatusCode::SEE_OTHER);
        response.insert_header(http::header::CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
    }
}

/// Whether the browser posted the form itself (its `Accept` names HTML), not a script.
fn posted_by_a_form(parts: &Parts) -> bool {
    parts
        .headers
        .get(http::header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// `page?__path=…&__err=…`: the error of the server function at `function_path`, as Leptos's router reads it back
/// into that function's action.
fn error_location(page: &str, function_path: &str, error: &AppError) -> String {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::URL_SAFE.encode(error.ser());
    format!("{page}?__path={}&__err={}", url_escape(function_path), url_escape(&encoded))
}

/// Percent-encodes what is not unreserved in a query value.
fn url_escape(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (byte as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// Keeps `value` for the next view of the page `kind` in this session: what the officer typed into a refused form,
/// or what is shown once (a just-issued Token). Server-side, sealed with the session's cookie secret, read once,
/// gone after a few minutes ([`domain::flash`]); never in a URL or a log.
pub async fn put_flash<T: serde::Serialize>(kind: &str, value: &T) -> Result<(), AppError> {
    let current = current_session(&request()?)?;
    let payload = serde_json::to_string(value).map_err(|error| internal("sealing a flash failed", &error))?;
    domain::flash::put(&backend()?.db, &current.secret, kind, &payload, Utc::now())
        .await
        .map_err(|error| internal("storing a flash failed", &error))
}

/// Takes this session's flash for the page `kind` (once); `None` when there is none, or it cannot be read (a
/// failure is logged: the page then shows without what was kept, which is safe).
pub async fn take_flash<T: serde::de::DeserializeOwned>(kind: &str) -> Option<T> {
    let current = current_session(&request().ok()?).ok()?;
    let db = backend().ok()?.db;
    match domain::flash::take(&db, &current.secret, kind, Utc::now()).await {
        Ok(payload) => payload.and_then(|payload| serde_json::from_str(&payload).ok()),
        Err(error) => {
            tracing::error!(%error, kind, "taking a flash failed");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Failure;
    use crate::app_error::{AppError, is_reference};

    #[test]
    fn a_failure_has_a_fresh_well_formed_reference_and_is_the_server_functions_internal_error() {
        let (first, second) = (Failure::ours("probe", &"cause"), Failure::refused("probe"));
        assert!(is_reference(first.reference()) && is_reference(second.reference()));
        assert_ne!(first.reference(), second.reference());
        let reference = first.reference().to_owned();
        assert_eq!(AppError::from(first).reference(), Some(reference.as_str()));
    }
}
