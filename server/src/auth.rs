//! Signing in and out: the plain axum routes of the OpenID Connect flow (the first-use activation is a server
//! function: `app::api::activation`).
//!
//! | route | what it does |
//! |---|---|
//! | `POST /auth/login` | starts a login: a server-side transaction (state, nonce, PKCE verifier) found by the browser's 10-minute pre-login cookie and the `state`, then Digital ID's sign-in (or, with `intent=register`, its registration) |
//! | `GET /auth/callback` | finishes it: consent declined → the no-consent page; a failure → the generic page with a reference; a known officer → a new session → home; an unknown Digital ID account → a pending session → the Token page |
//! | `POST /auth/logout` | ends the session here, then at Digital ID (`id_token_hint`, `post_logout_redirect_uri`, `state`) |
//! | `POST /auth/backchannel-logout` | Digital ID's server says a Digital ID session ended: a valid Logout Token ends the sessions it names |

use app::host::Failure;
use app::paths::{
    CONSENT_DECLINED_PAGE, DIGITAL_ID_UNAVAILABLE_PAGE, HOME_PAGE, PROFILE_PAGE, SIGN_IN_FAILED_PAGE, SIGN_IN_PAGE,
    SIGNED_OUT_PAGE, TOKENS_PAGE,
};
use app::request_context::RequestContext;
use axum::Form;
use axum::extract::{FromRequest, Query, Request, State};
use axum::http::header::{CACHE_CONTROL, SET_COOKIE};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use domain::assurance::Shortfall;
use domain::audit::{self, Entry, Origin};
use domain::citizen_id::CitizenId;
use domain::entities::audit_event::AuditEvent;
use domain::officers::{self, DigitalIdIdentity, SignInMatch};
use domain::sessions::{self, NewSession};
use domain::{login_transactions, secrets};
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};

use crate::relying_party::{CallbackParams, LOGIN_TRANSACTION_LIFETIME, LoginError, LoginTransaction, SignedIn};
use crate::responses::see_other;
use crate::session_layer::CurrentSession;
use crate::state::AppState;

/// A login between the redirect to Digital ID and the callback, stored server-side.
#[derive(Serialize, Deserialize)]
struct PendingLogin {
    transaction: LoginTransaction,
    /// Where to go after signing in: always one of [`RETURN_PATHS`].
    return_to: String,
}

/// The only places a sign-in may return to (no open redirects: RFC 9700 §4.11).
const RETURN_PATHS: [&str; 3] = [HOME_PAGE, PROFILE_PAGE, TOKENS_PAGE];

/// The sign-in form (`provider=digital-id`, optionally `intent=register`, `return_to` and `fresh=1`, the step-up
/// before issuing Tokens).
#[derive(Deserialize)]
pub struct LoginForm {
    provider: String,
    #[serde(default)]
    intent: Option<String>,
    #[serde(default)]
    return_to: Option<String>,
    #[serde(default)]
    fresh: Option<String>,
}

/// A form carrying only the session's synchroniser token.
#[derive(Deserialize)]
pub struct SessionForm {
    #[serde(default)]
    csrf_token: String,
}

/// To the sign-in-failed page with the failure's reference (made and logged by [`Failure`], as the server functions'
/// are); the router's [`crate::failure_references`] layer adds the check that lets the page show it (a reference in a
/// URL someone else wrote is not shown).
fn failed(failure: &Failure) -> Response {
    let reference = failure.reference();
    let mut response = see_other(&format!("{SIGN_IN_FAILED_PAGE}?reference={reference}"));
    response.extensions_mut().insert(crate::failure_references::IssuedReference(reference.to_owned()));
    response
}

/// `POST /auth/login`
pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<LoginForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    // Only our own sign-in buttons post here; anything else goes back to them.
    let Some(Form(form)) = form.ok().filter(|Form(form)| form.provider == "digital-id") else {
        return see_other(SIGN_IN_PAGE);
    };
    let relying_party = match state.digital_id.relying_party().await {
        Ok(relying_party) => relying_party,
        Err(error) => {
            let _logged = Failure::ours("Digital ID cannot be discovered", &error);
            return see_other(DIGITAL_ID_UNAVAILABLE_PAGE);
        }
    };
    let fresh = form.fresh.as_deref() == Some(app::components::login_forms::FRESH);
    let start = relying_party.start_login(fresh);
    let return_to = form
        .return_to
        .as_deref()
        .and_then(|path| RETURN_PATHS.iter().find(|allowed| **allowed == path))
        .copied()
        .unwrap_or(HOME_PAGE)
        .to_owned();
    // The browser keeps one pre-login secret for all its logins in progress (several tabs may be signing in).
    let secret = crate::cookies::read(&headers, state.cookies.login_name()).unwrap_or_else(secrets::random_secret);
    let login_state = start.transaction.state.clone();
    let pending = PendingLogin { transaction: start.transaction, return_to };
    let payload = serde_json::to_string(&pending).expect("a login serialises");
    let stored =
        login_transactions::put(&state.db, &secret, &login_state, payload, LOGIN_TRANSACTION_LIFETIME, Utc::now())
            .await;
    if let Err(error) = stored {
        return failed(&Failure::ours("storing a login transaction failed", &error));
    }
    let destination = match form.intent.as_deref() {
        Some("register") => relying_party.registration_url(&start.authorize_url),
        _ => start.authorize_url,
    };
    let mut response = see_other(destination.as_str());
    response.headers_mut().append(SET_COOKIE, state.cookies.set_login(&secret, LOGIN_TRANSACTION_LIFETIME));
    response
}

/// Where a request came from, for the audit log and the activation limits: the client's address
/// ([`crate::client_address`]: the socket peer, or `X-Forwarded-For` through a trusted proxy); `None` in tests
/// without a socket.
pub(crate) fn origin(extensions: &axum::http::Extensions) -> Origin {
    crate::client_address::of(extensions).map(|address| Origin::from_ip(address.to_string())).unwrap_or_default()
}

/// `GET /auth/callback`
pub async fn callback(State(state): State<AppState>, request: Request) -> Response {
    let params = Query::<CallbackParams>::try_from_uri(request.uri()).ok().map(|Query(params)| params);
    let origin = origin(request.extensions());
    finish_callback(&state, request.headers(), params, &origin).await
}

async fn finish_callback(
    state: &AppState,
    headers: &HeaderMap,
    params: Option<CallbackParams>,
    origin: &Origin,
) -> Response {
    let Some(params) = params else {
        return failed(&Failure::refused("sign-in callback with an unreadable query"));
    };
    let Some(secret) = crate::cookies::read(headers, state.cookies.login_name()) else {
        return failed(&Failure::refused("sign-in callback without the pre-login cookie"));
    };
    let Some(login_state) = params.state.as_deref() else {
        return failed(&Failure::refused("sign-in callback without state"));
    };
    let pending = match login_transactions::take(&state.db, &secret, login_state, Utc::now()).await {
        Ok(Some(payload)) => serde_json::from_str::<PendingLogin>(&payload).ok(),
        Ok(None) => None,
        Err(error) => return failed(&Failure::ours("reading the login transaction failed", &error)),
    };
    let Some(pending) = pending else {
        return failed(&Failure::refused("sign-in callback for an unknown, used or expired login"));
    };
    let relying_party = match state.digital_id.relying_party().await {
        Ok(relying_party) => relying_party,
        Err(error) => {
            let _logged = Failure::ours("Digital ID cannot be discovered", &error);
            return see_other(DIGITAL_ID_UNAVAILABLE_PAGE);
        }
    };
    let signed_in = match relying_party.finish_login(&pending.transaction, &params).await {
        Ok(signed_in) => signed_in,
        Err(LoginError::AccessDenied) => {
            tracing::info!(event = "consent_declined", "the officer declined consent at Digital ID");
            // Nobody is known yet (Digital ID sends no identity with a refusal): the entry has only when and where.
            let entry = Entry::new(AuditEvent::ConsentDeclined, origin).failed("access_denied");
            if let Err(error) = audit::record(&state.db, entry, Utc::now()).await {
                let _logged = Failure::ours("recording a declined consent failed", &error);
            }
            return see_other(CONSENT_DECLINED_PAGE);
        }
        Err(error) => {
            let failure = Failure::sign_in_refused("sign-in refused", &error);
            // One audit row per refused sign-in that came back for a login this browser started (anything earlier
            // — no cookie, an unknown state — is only logged, so strangers cannot fill the append-only log).
            let entry = Entry::new(AuditEvent::SignInRefused, origin).failed(error.code()).detail(failure.reference());
            if let Err(error) = audit::record(&state.db, entry, Utc::now()).await {
                let _logged = Failure::ours("recording a refused sign-in failed", &error);
            }
            return failed(&failure);
        }
    };
    match start_session(state, headers, signed_in, &pending.return_to, origin).await {
        Ok(response) => response,
        Err(error) => failed(&Failure::ours("starting a session failed", &error)),
    }
}

/// What Digital ID said, in the form we keep: the name put together in Thai order, the citizen ID only as keyed
/// hash and masked copy.
fn identity(state: &AppState, signed_in: &SignedIn) -> DigitalIdIdentity {
    let citizen_id = signed_in.claims.citizen_id.as_deref().and_then(|text| match CitizenId::parse(text) {
        Ok(id) => Some(id),
        Err(error) => {
            tracing::warn!(%error, "Digital ID gave a citizen ID that is not valid; ignored");
            None
        }
    });
    let given = [signed_in.claims.title.as_deref(), signed_in.given_name.as_deref()].into_iter().flatten().collect();
    // Names are Digital ID's, not typed here: direction controls, invisibles and stacked marks are stripped rather
    // than refused (case J11), so they cannot reorder or overdraw what pages show beside them.
    let name_th = [Some(given), signed_in.family_name.clone()]
        .into_iter()
        .flatten()
        .map(|part: String| domain::free_text::strip(&part).trim().to_owned())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    DigitalIdIdentity {
        issuer: signed_in.issuer.clone(),
        subject: signed_in.subject.clone(),
        name_th,
        phone_number: signed_in.phone_number.clone(),
        email: signed_in.email.clone(),
        citizen_id_hash: citizen_id.as_ref().map(|id| id.keyed_hash(&state.citizen_id_key)),
        citizen_id_masked: citizen_id.as_ref().map(CitizenId::masked),
        assurance: signed_in.assurance(),
    }
}

/// `303` to the page telling a person their Digital ID level, the level their role needs and how to raise it (codes
/// only in the address; the activation's server function sends a person there too).
fn assurance_required(shortfall: &Shortfall) -> Response {
    see_other(&app::api::activation::on_server::assurance_required(shortfall))
}

/// Audits a sign-in refused for too little identity assurance (the officer it would have been, the levels).
async fn refuse_for_assurance(
    state: &AppState,
    officer: &domain::entities::officer::Model,
    shortfall: &Shortfall,
    origin: &Origin,
    now: chrono::DateTime<Utc>,
) -> Result<Response, sea_orm::DbErr> {
    let have = shortfall.have.map_or_else(|| "none".to_owned(), |level| level.to_string());
    tracing::warn!(
        event = "login_failed",
        reason = "assurance",
        officer_id = officer.id,
        have = %have,
        need = %shortfall.need,
        "a Digital ID account below the identity assurance needed"
    );
    let detail =
        format!("IAL {have}, needs {} (citizen ID verified: {})", shortfall.need, shortfall.citizen_id_verified);
    let entry = Entry::new(AuditEvent::SignInRefused, origin).failed(ASSURANCE_REASON).target(officer).detail(detail);
    audit::record(&state.db, entry, now).await?;
    Ok(assurance_required(shortfall))
}

/// The audit reason of a sign-in or Token refused for too little identity assurance.
const ASSURANCE_REASON: &str = "assurance";

/// A new session (always a new id: any session the browser had ends), for the officer this identity is, or
/// pending activation if none.
async fn start_session(
    state: &AppState,
    headers: &HeaderMap,
    signed_in: SignedIn,
    return_to: &str,
    origin: &Origin,
) -> Result<Response, sea_orm::DbErr> {
    let now = Utc::now();
    if let Some(old) = crate::cookies::read(headers, state.cookies.session_name()) {
        sessions::end(&state.db, &domain::sessions::SessionSecret::new(old)).await?;
    }
    let identity = identity(state, &signed_in);
    let policy = &state.settings.assurance;
    let found = officers::find_for_sign_in(&state.db, &identity, policy).await?;
    let (officer_id, location) = match found {
        SignInMatch::ImportedNeedsAssurance(officer, shortfall) => {
            return refuse_for_assurance(state, &officer, &shortfall, origin, now).await;
        }
        SignInMatch::Officer(officer) if officer.status != domain::entities::officer::OfficerStatus::Active => {
            let officer_id = format!("officer {}", officer.id);
            let failure = Failure::sign_in_refused("a suspended officer tried to sign in", &officer_id);
            let entry = Entry::new(AuditEvent::SignInRefused, origin).failed("suspended").target(&officer);
            audit::record(&state.db, entry, now).await?;
            return Ok(failed(&failure));
        }
        SignInMatch::Officer(officer) => {
            // Checked at every sign-in, so raising a role's minimum applies from each officer's next sign-in.
            if let Err(shortfall) = policy.admits(officer.role, &identity.assurance, false) {
                return refuse_for_assurance(state, &officer, &shortfall, origin, now).await;
            }
            let officer = officers::record_sign_in(&state.db, officer, &identity, now).await?;
            tracing::info!(event = "login_ok", officer_id = officer.id, "officer signed in");
            audit::record(
                &state.db,
                Entry::new(AuditEvent::SignedIn, origin).actor(&officer).unit(officer.unit_id),
                now,
            )
            .await?;
            (Some(officer.id), return_to)
        }
        SignInMatch::Nobody => {
            tracing::info!(event = "login_pending_activation", "a Digital ID account without an officer signed in");
            (None, app::paths::ACTIVATION_PAGE)
        }
    };
    let new = NewSession {
        officer_id,
        identity: &identity,
        provider_session_id: signed_in.session_id,
        id_token: signed_in.id_token,
        auth_time: signed_in.auth_time.and_then(|seconds| chrono::DateTime::from_timestamp(seconds, 0)),
    };
    let (secret, _) = sessions::create(&state.db, new, state.session_policy, now).await?;
    let mut response = see_other(location);
    response.headers_mut().append(SET_COOKIE, state.cookies.set_session(secret.expose()));
    Ok(response)
}

pub(crate) fn csrf_matches(sent: &str, session: &CurrentSession) -> bool {
    session.csrf_matches(sent)
}

/// `POST /auth/logout`
pub async fn logout(State(state): State<AppState>, request: Request) -> Response {
    let current = request.extensions().get::<CurrentSession>().cloned();
    let audit_origin = origin(request.extensions());
    let locale = request.extensions().get::<RequestContext>().map(|context| context.locale).unwrap_or_default();
    let Ok(Form(form)) = Form::<SessionForm>::from_request(request, &state).await else {
        return (StatusCode::BAD_REQUEST, [(CACHE_CONTROL, "no-store")], "bad request").into_response();
    };
    let Some(current) = current else {
        return see_other(SIGNED_OUT_PAGE);
    };
    if !csrf_matches(&form.csrf_token, &current) {
        tracing::warn!(event = "logout_refused", "logout without the session's synchroniser token");
        let sentence = locale.text().logout_form_expired;
        return (StatusCode::FORBIDDEN, [(CACHE_CONTROL, "no-store")], sentence).into_response();
    }
    if let Err(error) = sessions::end(&state.db, &current.secret).await {
        return failed(&Failure::ours("ending a session failed", &error));
    }
    tracing::info!(event = "logout", officer_id = ?current.officer.as_ref().map(|officer| officer.id), "signed out");
    if let Some(officer) = &current.officer {
        let entry = Entry::new(AuditEvent::SignedOut, &audit_origin).actor(officer).unit(officer.unit_id);
        if let Err(error) = audit::record(&state.db, entry, Utc::now()).await {
            tracing::error!(%error, "recording a sign-out failed");
        }
    }
    let post_logout = format!("{}{SIGNED_OUT_PAGE}", state.settings.site.base_url);
    let end_session = match state.digital_id.relying_party().await {
        Ok(relying_party) => {
            relying_party.end_session_url(&current.session.row.id_token, &post_logout, &secrets::random_secret())
        }
        Err(error) => {
            tracing::warn!(%error, "Digital ID unreachable at logout; signed out here only");
            None
        }
    };
    let mut response = see_other(end_session.as_ref().map_or(SIGNED_OUT_PAGE, url::Url::as_str));
    let headers = response.headers_mut();
    headers.append(SET_COOKIE, state.cookies.clear_session());
    // Only the cache: "cookies" would clear every cookie of the registrable domain (all of *.info.go.th).
    headers.insert(HeaderName::from_static("clear-site-data"), HeaderValue::from_static("\"cache\""));
    response
}

/// The back-channel logout request: `logout_token` only.
#[derive(Deserialize)]
pub struct BackChannelLogoutForm {
    #[serde(default)]
    logout_token: String,
}

/// The audit reason of an activation attempt refused because of too many wrong Tokens.
pub use app::api::activation::RATE_LIMITED_REASON;

/// Logout Tokens are a few hundred bytes; anything much longer is refused unread.
const MAX_LOGOUT_TOKEN_LENGTH: usize = 16 * 1024;

/// `POST /auth/backchannel-logout` (OpenID Connect Back-Channel Logout 1.0): Digital ID's server, not a browser,
/// posts here — no cookie, no `Origin`; the signed Logout Token is the authentication, so this route sits outside
/// the same-origin check and the session layer. A valid token ends the sessions it names (`sid`, or every session
/// of `sub`) → `200`; anything else → `400` with an OAuth error and the session untouched. Never cached.
pub async fn backchannel_logout(
    State(state): State<AppState>,
    form: Result<Form<BackChannelLogoutForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let refused = |description: &str| {
        let body = serde_json::json!({ "error": "invalid_request", "error_description": description });
        (StatusCode::BAD_REQUEST, [(CACHE_CONTROL, "no-store")], axum::Json(body)).into_response()
    };
    let Ok(Form(form)) = form else { return refused("expected a form with logout_token") };
    if form.logout_token.is_empty() || form.logout_token.len() > MAX_LOGOUT_TOKEN_LENGTH {
        return refused("logout_token missing or too long");
    }
    let relying_party = match state.digital_id.relying_party().await {
        Ok(relying_party) => relying_party,
        Err(error) => {
            tracing::error!(%error, "back-channel logout: Digital ID cannot be discovered, so its keys are unknown");
            return (StatusCode::SERVICE_UNAVAILABLE, [(CACHE_CONTROL, "no-store")]).into_response();
        }
    };
    let request = match relying_party.validate_logout_token(&form.logout_token).await {
        Ok(request) => request,
        Err(error) => {
            tracing::warn!(event = "backchannel_logout_refused", reason = %error, "a Logout Token was refused");
            return refused(&error.to_string());
        }
    };
    let logout = sessions::ProviderLogout {
        issuer: &state.digital_id.issuer,
        subject: request.subject.as_deref(),
        provider_session_id: request.session_id.as_deref(),
    };
    let ended = match sessions::end_for_provider_logout(&state.db, logout).await {
        Ok(ended) => ended,
        Err(error) => {
            let _logged = Failure::ours("back-channel logout: ending sessions failed", &error);
            return (StatusCode::INTERNAL_SERVER_ERROR, [(CACHE_CONTROL, "no-store")]).into_response();
        }
    };
    tracing::info!(event = "backchannel_logout", sessions = ended.len(), "Digital ID ended sessions");
    let now = Utc::now();
    for officer_id in ended.iter().filter_map(|session| session.officer_id) {
        let officer = domain::entities::officer::Entity::find_by_id(officer_id).one(&state.db).await;
        if let Ok(Some(officer)) = officer {
            let entry = Entry::new(AuditEvent::SignedOut, &Origin::default())
                .actor(&officer)
                .unit(officer.unit_id)
                .detail("back-channel logout from Digital ID");
            if let Err(error) = audit::record(&state.db, entry, now).await {
                tracing::error!(%error, "recording a back-channel sign-out failed");
            }
        }
    }
    (StatusCode::OK, [(CACHE_CONTROL, "no-store")]).into_response()
}
