//! `GET|POST /connect/endsession`: RP-initiated logout. Ends the browser's session at the simulator; with a valid
//! `id_token_hint` and a `post_logout_redirect_uri` registered for that token's client, returns there with `state`.
//! Otherwise shows a "signed out" page and redirects nowhere (an unregistered URI would be an open redirector).
//! Every client the session signed in to that registered a back-channel logout URI is sent a Logout Token first.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::response::Response;
use http::{HeaderMap, StatusCode, header};

use super::{param, unique_pairs};
use crate::browser::{self, clear_session_cookie, error_page, html};
use crate::jws;
use crate::pages::{MessageView, message_page};
use crate::simulator::SimState;

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
    let hinted_client = match param(&pairs, "id_token_hint") {
        None => None,
        Some(hint) => match hinted_client(&state, hint).await {
            Some(client_id) => Some(client_id),
            None => {
                return error_page(StatusCode::BAD_REQUEST, "คำขอออกจากระบบไม่ถูกต้อง", "id_token_hint ไม่ถูกต้อง");
            }
        },
    };
    let client_id = hinted_client.or_else(|| param(&pairs, "client_id").map(str::to_owned));
    if let Some((id, _)) = browser::session(&state, &headers)
        && let Some((session, clients)) = state.grants.end_session(&id)
    {
        crate::backchannel::notify(&state, &session, &clients).await;
    }

    let registered = client_id.as_deref().and_then(|id| state.settings.client(id)).and_then(|client| {
        param(&pairs, "post_logout_redirect_uri")
            .filter(|uri| client.post_logout_redirect_uris.iter().any(|registered| registered == uri))
    });
    let mut response = match registered {
        Some(uri) => match (url::Url::parse(uri), param(&pairs, "state")) {
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
                link: None,
                is_error: false,
            }),
            None,
        ),
    };
    response.headers_mut().append(header::SET_COOKIE, clear_session_cookie(&state));
    response
}

/// The client (`aud`) of an ID token this simulator signed; expiry is ignored, as OpenID RP-Initiated Logout allows.
async fn hinted_client(state: &SimState, hint: &str) -> Option<String> {
    let published = state.keys.published().await.ok()?;
    let claims = jws::verify(hint, &published).ok()?;
    if claims["iss"].as_str() != Some(state.settings.issuer.as_str()) {
        return None;
    }
    match &claims["aud"] {
        serde_json::Value::String(aud) => Some(aud.clone()),
        serde_json::Value::Array(auds) => auds.first().and_then(|aud| aud.as_str()).map(str::to_owned),
        _ => None,
    }
}
