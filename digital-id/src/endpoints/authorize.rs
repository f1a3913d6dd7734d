//! `GET /connect/authorize` (and `/connect/authorize/callback`, where sign-in, registration and consent return):
//! checks the request, sends the browser to sign in or to consent when needed, and finally returns a single-use
//! code to the client's exact redirect URI with `state` and `iss` (RFC 9207).
//!
//! As at IdentityServer, the pending request travels in the `ReturnUrl` of the sign-in and consent pages as the
//! callback path plus the original query, minus `prompt` and `max_age` (which the sign-in itself has satisfied).

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::response::Response;
use http::{HeaderMap, StatusCode};

use super::{SCOPES, param, unique_pairs};
use crate::browser::{error_page, found};
use crate::faults::AuthorizationResponseFault;
use crate::grants::{CodeGrant, now};
use crate::settings::Client;
use crate::simulator::SimState;
use crate::{accounts, browser};

/// Where sign-in, registration and consent return to.
pub const CALLBACK_PATH: &str = "/connect/authorize/callback";

/// A checked authorization request.
#[derive(Debug)]
pub struct AuthorizeRequest {
    /// The registered client.
    pub client: Client,
    /// Exactly one of the client's redirect URIs.
    pub redirect_uri: String,
    /// Requested scopes, `openid` first among them.
    pub scopes: Vec<String>,
    /// `state`, echoed back.
    pub state: Option<String>,
    /// `nonce`, put in the ID token.
    pub nonce: Option<String>,
    /// PKCE S256 challenge.
    pub code_challenge: Option<String>,
    /// `prompt` values.
    pub prompt: Vec<String>,
    /// `max_age` in seconds.
    pub max_age: Option<i64>,
    /// The query to continue with after sign-in or consent (without `prompt` and `max_age`).
    pub continue_query: String,
}

/// Why a request was refused.
#[derive(Debug)]
pub enum AuthorizeError {
    /// The client or redirect URI cannot be trusted: show an error page, never redirect (RFC 6749 §4.1.2.1).
    Page(&'static str),
    /// Tell the client through its redirect URI.
    Redirect {
        /// The checked redirect URI.
        redirect_uri: String,
        /// The request's `state`.
        state: Option<String>,
        /// The OAuth error code.
        error: &'static str,
        /// A description for developers.
        description: &'static str,
    },
}

/// Checks an authorization request's query.
pub fn parse(state: &SimState, query: &str) -> Result<AuthorizeRequest, AuthorizeError> {
    let pairs = unique_pairs(query).ok_or(AuthorizeError::Page("คำขอมีพารามิเตอร์ซ้ำกัน"))?;
    let client_id = param(&pairs, "client_id").ok_or(AuthorizeError::Page("คำขอไม่ได้ระบุแอปพลิเคชัน (client_id)"))?;
    let client =
        state.settings.client(client_id).ok_or(AuthorizeError::Page("ไม่รู้จักแอปพลิเคชันที่ขอเข้าสู่ระบบ (client_id)"))?;
    let redirect_uri = param(&pairs, "redirect_uri").ok_or(AuthorizeError::Page("คำขอไม่ได้ระบุ redirect_uri"))?;
    if !client.redirect_uris.iter().any(|registered| registered == redirect_uri) {
        return Err(AuthorizeError::Page("redirect_uri ไม่ตรงกับที่ลงทะเบียนไว้"));
    }
    let request_state = param(&pairs, "state").map(str::to_owned);
    let refuse = |error, description| AuthorizeError::Redirect {
        redirect_uri: redirect_uri.to_owned(),
        state: request_state.clone(),
        error,
        description,
    };
    if param(&pairs, "request").is_some() || param(&pairs, "request_uri").is_some() {
        return Err(refuse("request_not_supported", "request objects are not supported"));
    }
    if param(&pairs, "response_type") != Some("code") {
        return Err(refuse("unsupported_response_type", "only response_type=code is supported"));
    }
    if param(&pairs, "response_mode").is_some_and(|mode| mode != "query") {
        return Err(refuse("invalid_request", "only response_mode=query is supported"));
    }
    let scopes: Vec<String> = param(&pairs, "scope").unwrap_or("").split_whitespace().map(str::to_owned).collect();
    if !scopes.iter().any(|scope| scope == "openid") {
        return Err(refuse("invalid_scope", "the openid scope is required"));
    }
    if scopes.iter().any(|scope| !SCOPES.contains(&scope.as_str())) {
        return Err(refuse("invalid_scope", "unknown scope"));
    }
    let code_challenge = param(&pairs, "code_challenge").map(str::to_owned);
    match (&code_challenge, param(&pairs, "code_challenge_method")) {
        (None, _) => return Err(refuse("invalid_request", "code_challenge is required (PKCE)")),
        (Some(_), Some("S256")) => {}
        (Some(_), _) => return Err(refuse("invalid_request", "code_challenge_method must be S256")),
    }
    if code_challenge.as_ref().is_some_and(|challenge| challenge.len() != 43 || !is_base64url(challenge)) {
        return Err(refuse("invalid_request", "code_challenge must be a base64url SHA-256"));
    }
    let prompt: Vec<String> = param(&pairs, "prompt").unwrap_or("").split_whitespace().map(str::to_owned).collect();
    if prompt.iter().any(|value| !matches!(value.as_str(), "none" | "login" | "consent" | "select_account"))
        || (prompt.iter().any(|value| value == "none") && prompt.len() > 1)
    {
        return Err(refuse("invalid_request", "invalid prompt"));
    }
    let max_age = match param(&pairs, "max_age") {
        None => None,
        Some(text) => Some(
            text.parse::<i64>()
                .ok()
                .filter(|age| *age >= 0)
                .ok_or_else(|| refuse("invalid_request", "invalid max_age"))?,
        ),
    };
    let continue_query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter().filter(|(key, _)| key != "prompt" && key != "max_age"))
        .finish();
    Ok(AuthorizeRequest {
        client: client.clone(),
        redirect_uri: redirect_uri.to_owned(),
        scopes,
        state: request_state,
        nonce: param(&pairs, "nonce").map(str::to_owned),
        code_challenge,
        prompt,
        max_age,
        continue_query,
    })
}

fn is_base64url(text: &str) -> bool {
    text.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}

/// `GET /connect/authorize` and its callback.
pub async fn authorize(State(state): State<Arc<SimState>>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    respond(&state, &headers, query.as_deref().unwrap_or("")).await
}

/// `POST /connect/authorize` with a form body (OpenID Connect Core §3.1.2.1: providers must accept both).
pub async fn authorize_post(State(state): State<Arc<SimState>>, headers: HeaderMap, body: String) -> Response {
    respond(&state, &headers, &body).await
}

async fn respond(state: &Arc<SimState>, headers: &HeaderMap, query: &str) -> Response {
    let request = match parse(state, query) {
        Ok(request) => request,
        Err(error) => return refusal(state, error),
    };
    let return_url = format!("{CALLBACK_PATH}?{}", request.continue_query);
    let wants = |value: &str| request.prompt.iter().any(|prompt| prompt == value);

    let session = browser::session(state, headers).map(|(_, session)| session);
    let fresh_enough = |auth_time: i64| request.max_age.is_none_or(|max_age| now() - auth_time <= max_age);
    // A session counts if it is fresh enough for the request and its account still exists.
    let signed_in = match session {
        Some(session) if !wants("login") && fresh_enough(session.auth_time) => {
            match accounts::find(&state.db, &session.account_id).await {
                Ok(account) => account.map(|_| session),
                Err(error) => return internal(&error),
            }
        }
        _ => None,
    };
    let Some(session) = signed_in else {
        if wants("none") {
            return refusal(state, redirect_error(&request, "login_required", "the person is not signed in"));
        }
        return found(&login_url(&return_url));
    };

    let consented =
        match accounts::has_consented(&state.db, &session.account_id, &request.client.client_id, &request.scopes).await
        {
            Ok(consented) => consented,
            Err(error) => return internal(&error),
        };
    if wants("consent") || !consented {
        if wants("none") {
            return refusal(state, redirect_error(&request, "consent_required", "consent has not been given"));
        }
        return found(&format!("/consent?{}", encode_return_url(&return_url)));
    }

    let code = state.grants.issue_code(CodeGrant {
        client_id: request.client.client_id.clone(),
        redirect_uri: request.redirect_uri.clone(),
        account_id: session.account_id.clone(),
        scopes: request.scopes.clone(),
        nonce: request.nonce.clone(),
        code_challenge: request.code_challenge.clone(),
        auth_time: session.auth_time,
        sid: session.sid.clone(),
    });
    found(&client_redirect(state, &request.redirect_uri, &[("code", &code)], request.state.as_deref()))
}

/// The sign-in page's URL for a pending request.
pub fn login_url(return_url: &str) -> String {
    format!("/Account/Login?{}", encode_return_url(return_url))
}

/// `ReturnUrl=<return_url>`, form-encoded.
pub fn encode_return_url(return_url: &str) -> String {
    url::form_urlencoded::Serializer::new(String::new()).append_pair("ReturnUrl", return_url).finish()
}

/// The request behind a `ReturnUrl`, if it is a callback path with a valid request.
pub fn parse_return_url(state: &SimState, return_url: &str) -> Option<AuthorizeRequest> {
    let query = return_url.strip_prefix(CALLBACK_PATH)?.strip_prefix('?')?;
    parse(state, query).ok()
}

/// The error redirect for a checked request.
pub fn redirect_error(request: &AuthorizeRequest, error: &'static str, description: &'static str) -> AuthorizeError {
    AuthorizeError::Redirect {
        redirect_uri: request.redirect_uri.clone(),
        state: request.state.clone(),
        error,
        description,
    }
}

/// Answers a refused request: an error page, or a redirect carrying `error`.
pub fn refusal(state: &SimState, error: AuthorizeError) -> Response {
    match error {
        AuthorizeError::Page(message) => error_page(StatusCode::BAD_REQUEST, "คำขอเข้าสู่ระบบไม่ถูกต้อง", message),
        AuthorizeError::Redirect { redirect_uri, state: request_state, error, description } => found(&client_redirect(
            state,
            &redirect_uri,
            &[("error", error), ("error_description", description)],
            request_state.as_deref(),
        )),
    }
}

/// The redirect URI with `params`, `state` and `iss` (unless a fault says otherwise) added to its query.
pub fn client_redirect(
    state: &SimState,
    redirect_uri: &str,
    params: &[(&str, &str)],
    request_state: Option<&str>,
) -> String {
    let Ok(mut url) = url::Url::parse(redirect_uri) else {
        return redirect_uri.to_owned();
    };
    {
        let mut query = url.query_pairs_mut();
        for (key, value) in params {
            query.append_pair(key, value);
        }
        if let Some(request_state) = request_state {
            query.append_pair("state", request_state);
        }
        match state.faults.get().authorization_response {
            None => {
                query.append_pair("iss", &state.settings.issuer);
            }
            Some(AuthorizationResponseFault::WrongIss) => {
                query.append_pair("iss", "https://attacker.example");
            }
            Some(AuthorizationResponseFault::MissingIss) => {}
        }
    }
    url.to_string()
}

fn internal(error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%error, "authorization failed");
    error_page(StatusCode::INTERNAL_SERVER_ERROR, "ระบบขัดข้อง", "ขออภัย ระบบขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้ง")
}
