//! Back-channel logout (OpenID Connect Back-Channel Logout 1.0), the provider's side: when a person's session at
//! Digital ID ends, every client that session signed in to and that registered a `backchannel_logout_uri` is sent
//! a Logout Token — RS256, `typ: logout+jwt`, with `iss`, `aud`, `iat`, `exp` (2 minutes), `jti`, `sub`, `sid` and
//! the back-channel-logout event, never a `nonce` — as a form post from server to server. A client that does not
//! answer `200` within 5 seconds is logged and not retried (as the specification allows); signing out at Digital
//! ID never waits longer than that.

use std::time::Duration;

use serde_json::{Value, json};

use crate::grants::{BrowserSession, now, random_token};
use crate::jws;
use crate::simulator::SimState;

/// The event member every Logout Token carries.
pub const EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";
/// How long a Logout Token is valid (ASVS 5.0 10.5.5 recommends about two minutes).
pub const LOGOUT_TOKEN_LIFETIME_SECONDS: i64 = 120;
/// How long a client may take to answer.
const TIMEOUT: Duration = Duration::from_secs(5);

/// The claims of a Logout Token for `client_id` about `session`.
pub fn logout_claims(issuer: &str, client_id: &str, session: &BrowserSession) -> Value {
    let issued_at = now();
    json!({
        "iss": issuer,
        "aud": client_id,
        "iat": issued_at,
        "exp": issued_at + LOGOUT_TOKEN_LIFETIME_SECONDS,
        "jti": random_token(),
        "sub": session.account_id,
        "sid": session.sid,
        "events": { EVENT: {} },
    })
}

/// Sends a signed Logout Token about `session` to each of `client_ids` that registered a back-channel URI.
pub async fn notify(state: &SimState, session: &BrowserSession, client_ids: &[String]) {
    let targets: Vec<(&str, &str)> = client_ids
        .iter()
        .filter_map(|id| state.settings.client(id))
        .filter_map(|client| client.backchannel_logout_uri.as_deref().map(|uri| (client.client_id.as_str(), uri)))
        .collect();
    if targets.is_empty() {
        return;
    }
    let signer = match state.keys.active().await {
        Ok(signer) => signer,
        Err(error) => {
            tracing::error!(%error, "back-channel logout: no signing key");
            return;
        }
    };
    let http = match reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).timeout(TIMEOUT).build() {
        Ok(http) => http,
        Err(error) => {
            tracing::error!(%error, "back-channel logout: no HTTP client");
            return;
        }
    };
    for (client_id, uri) in targets {
        let claims = logout_claims(&state.settings.issuer, client_id, session);
        let token = jws::sign(&claims, &signer.key, Some(&signer.kid), "logout+jwt");
        let body = url::form_urlencoded::Serializer::new(String::new()).append_pair("logout_token", &token).finish();
        let sent = http
            .post(uri)
            .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await;
        match sent {
            Ok(response) if response.status().is_success() => {
                tracing::info!(client_id, sub = %session.account_id, "back-channel logout delivered");
            }
            Ok(response) => {
                tracing::warn!(client_id, status = %response.status(), "back-channel logout refused by the client");
            }
            Err(error) => tracing::warn!(client_id, %error, "back-channel logout could not be delivered"),
        }
    }
}
