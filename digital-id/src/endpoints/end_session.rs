//! `GET|POST /connect/endsession`: RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0).
//!
//! The browser's session at the simulator ends at once only when a valid `id_token_hint` names it: an ID token
//! signed with our keys, issued by us, for a registered client, whose `sub` (and `sid`, when present) are the
//! current session's — its expiry is ignored, as §2 allows. Anything else (no hint, a hint about another session) is
//! a request some page may have made on its own, so the person is asked first ("ออกจากระบบ Digital ID?"), with a
//! POST form to [`CONFIRM_PATH`] carrying a CSRF token and a cancel link; only that POST ends the session. Without a
//! session there is nothing to end or confirm.
//!
//! Either way, ending the session first posts a back-channel Logout Token to every client that session signed in
//! to ([`crate::backchannel`]); then the browser returns to `post_logout_redirect_uri` with `state` only if that URI
//! is registered for the client named by a valid hint (or by `client_id` without one), and otherwise sees a "signed
//! out" page — an unregistered URI would make this an open redirector.

use std::sync::Arc;

use axum::extract::{Form, RawQuery, State};
use axum::response::Response;
use http::{HeaderMap, StatusCode, header};
use serde::Deserialize;

use super::{param, unique_pairs};
use crate::browser::{self, clear_session_cookie, csrf_matches, csrf_token, error_page, html};
use crate::grants::BrowserSession;
use crate::jws;
use crate::pages::{MessageView, SignOutView, message_page, sign_out_page};
use crate::simulator::SimState;

/// Where the confirmation form posts (IdentityServer's logout page).
pub const CONFIRM_PATH: &str = "/Account/Logout";

/// The parameters of a logout request, from the query, the form post or the confirmation form.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct LogoutParams {
    /// The ID token the client was given, naming the session to end.
    #[serde(default)]
    id_token_hint: Option<String>,
    /// The client, when there is no hint.
    #[serde(default)]
    client_id: Option<String>,
    /// Where to return afterwards, if registered for the client.
    #[serde(default)]
    post_logout_redirect_uri: Option<String>,
    /// Returned to the client with the redirect.
    #[serde(default)]
    state: Option<String>,
}

/// The posted confirmation: the CSRF token and the original request's parameters.
#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    params: LogoutParams,
}

/// What a valid `id_token_hint` says.
#[derive(Debug)]
struct Hint {
    /// The registered client it was issued to (`aud`).
    client_id: String,
    /// The account.
    sub: String,
    /// The provider session, if the token carries one.
    sid: Option<String>,
}

impl Hint {
    /// Whether the hint names `session`: same account and, when the token carries a `sid`, the same session.
    fn names(&self, session: &BrowserSession) -> bool {
        self.sub == session.account_id && self.sid.as_ref().is_none_or(|sid| *sid == session.sid)
    }
}

/// End session by GET (query) or POST (form).
pub async fn end_session(
    State(state): State<Arc<SimState>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: String,
) -> Response {
    let text = if body.is_empty() { query.unwrap_or_default() } else { body };
    let Some(pairs) = unique_pairs(&text) else {
        return error_page(StatusCode::BAD_REQUEST, "คำขอออกจากระบบไม่ถูกต้อง", "คำขอมีพารามิเตอร์ซ้ำกัน");
    };
    let owned = |name| param(&pairs, name).map(str::to_owned);
    let params = LogoutParams {
        id_token_hint: owned("id_token_hint"),
        client_id: owned("client_id"),
        post_logout_redirect_uri: owned("post_logout_redirect_uri"),
        state: owned("state"),
    };
    let hint = match checked_hint(&state, &params).await {
        Ok(hint) => hint,
        Err(response) => return response,
    };
    match browser::session(&state, &headers) {
        Some((id, session)) if hint.as_ref().is_some_and(|hint| hint.names(&session)) => {
            end_browser_session(&state, &id).await;
            finish(&state, &params, hint.as_ref())
        }
        Some((_, session)) => confirmation(&state, &headers, &params, hint.as_ref(), &session).await,
        None => finish(&state, &params, hint.as_ref()),
    }
}

/// `POST /Account/Logout`: the person confirmed; ends the browser's session and finishes the original request.
pub async fn confirm(
    State(state): State<Arc<SimState>>,
    headers: HeaderMap,
    Form(form): Form<ConfirmForm>,
) -> Response {
    if !csrf_matches(&headers, &form.csrf) {
        return crate::account_pages::stale_form();
    }
    let hint = match checked_hint(&state, &form.params).await {
        Ok(hint) => hint,
        Err(response) => return response,
    };
    if let Some((id, _)) = browser::session(&state, &headers) {
        end_browser_session(&state, &id).await;
        tracing::info!("a sign-out at the simulator was confirmed");
    }
    finish(&state, &form.params, hint.as_ref())
}

/// The request's hint, verified; an error page for a hint that is not ours, or whose client differs from
/// `client_id` (§2: both must name the same client).
async fn checked_hint(state: &SimState, params: &LogoutParams) -> Result<Option<Hint>, Response> {
    let refuse = |why| error_page(StatusCode::BAD_REQUEST, "คำขอออกจากระบบไม่ถูกต้อง", why);
    let Some(token) = params.id_token_hint.as_deref() else {
        return Ok(None);
    };
    let Some(hint) = verify_hint(state, token).await else {
        return Err(refuse("id_token_hint ไม่ถูกต้อง"));
    };
    if params.client_id.as_ref().is_some_and(|client_id| *client_id != hint.client_id) {
        return Err(refuse("client_id ไม่ตรงกับ id_token_hint"));
    }
    Ok(Some(hint))
}

/// The claims of an ID token this simulator signed for a registered client; expiry is ignored, as OpenID
/// RP-Initiated Logout allows.
async fn verify_hint(state: &SimState, token: &str) -> Option<Hint> {
    let published = state.keys.published().await.ok()?;
    let claims = jws::verify(token, &published).ok()?;
    if claims["iss"].as_str() != Some(state.settings.issuer.as_str()) {
        return None;
    }
    let client_id = match &claims["aud"] {
        serde_json::Value::String(aud) => aud.as_str(),
        serde_json::Value::Array(auds) => auds.first().and_then(|aud| aud.as_str())?,
        _ => return None,
    };
    state.settings.client(client_id)?;
    Some(Hint {
        client_id: client_id.to_owned(),
        sub: claims["sub"].as_str()?.to_owned(),
        sid: claims["sid"].as_str().map(str::to_owned),
    })
}

/// Ends the browser session `id` and tells the clients it signed in to.
async fn end_browser_session(state: &SimState, id: &str) {
    if let Some((session, clients)) = state.grants.end_session(id) {
        tracing::info!(sub = %session.account_id, "signed out at the simulator");
        crate::backchannel::notify(state, &session, &clients).await;
    }
}

/// "ออกจากระบบ Digital ID?": a POST form with the CSRF token and the request's parameters, and a cancel link.
async fn confirmation(
    state: &SimState,
    headers: &HeaderMap,
    params: &LogoutParams,
    hint: Option<&Hint>,
    session: &BrowserSession,
) -> Response {
    let display_name = match crate::accounts::find(&state.db, &session.account_id).await {
        Ok(account) => account.map(|account| account.display_name()),
        Err(error) => return crate::account_pages::internal(&error),
    };
    let client_name = hint.and_then(|hint| state.settings.client(&hint.client_id)).map(|client| client.name.as_str());
    let (csrf, set_cookie) = csrf_token(state, headers);
    let hidden: Vec<(&str, &str)> = [
        ("id_token_hint", params.id_token_hint.as_deref()),
        ("client_id", params.client_id.as_deref()),
        ("post_logout_redirect_uri", params.post_logout_redirect_uri.as_deref()),
        ("state", params.state.as_deref()),
    ]
    .into_iter()
    .filter_map(|(name, value)| value.map(|value| (name, value)))
    .collect();
    let body = sign_out_page(SignOutView {
        csrf_token: &csrf,
        action: CONFIRM_PATH,
        hidden: &hidden,
        display_name: display_name.as_deref(),
        client_name,
    });
    html(StatusCode::OK, body, set_cookie)
}

/// After the session ended (or when there was none): back to a registered `post_logout_redirect_uri`, else the
/// "signed out" page; the session cookie is cleared either way.
fn finish(state: &SimState, params: &LogoutParams, hint: Option<&Hint>) -> Response {
    let client_id = hint.map(|hint| hint.client_id.as_str()).or(params.client_id.as_deref());
    let registered = client_id.and_then(|id| state.settings.client(id)).and_then(|client| {
        params
            .post_logout_redirect_uri
            .as_deref()
            .filter(|uri| client.post_logout_redirect_uris.iter().any(|registered| registered == uri))
    });
    let mut response = match registered {
        Some(uri) => match (url::Url::parse(uri), params.state.as_deref()) {
            (Ok(mut url), Some(request_state)) => {
                url.query_pairs_mut().append_pair("state", request_state);
                browser::found(url.as_str())
            }
            _ => browser::found(uri),
        },
        None => html(
            StatusCode::OK,
            message_page(MessageView {
                title: "ออกจากระบบ Digital ID แล้ว",
                paragraphs: &["คุณได้ออกจากระบบ Digital ID (ระบบจำลอง) เรียบร้อยแล้ว ปิดหน้านี้ได้"],
                links: &[],
                is_error: false,
            }),
            None,
        ),
    };
    response.headers_mut().append(header::SET_COOKIE, clear_session_cookie(state));
    response
}
