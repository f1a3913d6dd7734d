//! `/.well-known/openid-configuration` and its JWKS (at IdentityServer's path, as the real Digital ID has it).

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde_json::json;

use super::SCOPES;
use crate::faults::KeysFault;
use crate::simulator::SimState;

/// The provider metadata.
pub async fn openid_configuration(State(state): State<Arc<SimState>>) -> Response {
    state.faults.delay().await;
    let issuer = &state.settings.issuer;
    let named_issuer = if state.faults.get().keys == Some(KeysFault::DiscoveryWrongIssuer) {
        tracing::warn!("naming another issuer in the metadata (fault mode)");
        "https://attacker.example"
    } else {
        issuer.as_str()
    };
    let claims: Vec<&str> = ["sub", "sid", "auth_time", "idp", "amr"]
        .into_iter()
        .chain(SCOPES.iter().copied().filter(|s| !matches!(*s, "openid" | "profile")))
        .collect();
    Json(json!({
        "issuer": named_issuer,
        "jwks_uri": format!("{issuer}/.well-known/openid-configuration/jwks"),
        "authorization_endpoint": format!("{issuer}/connect/authorize"),
        "token_endpoint": format!("{issuer}/connect/token"),
        "userinfo_endpoint": format!("{issuer}/connect/userinfo"),
        "end_session_endpoint": format!("{issuer}/connect/endsession"),
        "revocation_endpoint": format!("{issuer}/connect/revocation"),
        "frontchannel_logout_supported": false,
        "backchannel_logout_supported": true,
        "backchannel_logout_session_supported": true,
        "scopes_supported": SCOPES,
        "claims_supported": claims,
        "grant_types_supported": ["authorization_code"],
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "revocation_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
        "prompt_values_supported": ["none", "login", "consent"],
        "request_parameter_supported": false,
        "claims_parameter_supported": false,
        "authorization_response_iss_parameter_supported": true,
    }))
    .into_response()
}

/// The published keys.
pub async fn jwks(State(state): State<Arc<SimState>>) -> Response {
    state.faults.delay().await;
    state.counts.jwks_fetched();
    let fault = state.faults.get().keys;
    if fault == Some(KeysFault::JwksUnavailable) {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    match state.keys.jwks().await {
        Ok(mut jwks) if fault == Some(KeysFault::UnparseableKeyInJwks) => {
            if let Some(keys) = jwks["keys"].as_array_mut() {
                let unparseable = [
                    json!({ "kty": "quantum", "kid": "from-the-future", "use": "sig" }),
                    json!({ "kty": "RSA", "kid": "broken-rsa", "use": "sig", "alg": "RS256", "n": "%%%", "e": 3 }),
                ];
                keys.splice(0..0, unparseable);
            }
            Json(jwks).into_response()
        }
        Ok(jwks) => Json(jwks).into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot read the signing keys");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
