//! `POST /connect/token`: the authorization-code grant. Authenticates the client (DGA-hashed or plain secret),
//! redeems the code once, checks the redirect URI and the PKCE verifier, and returns an RS256 ID token with the
//! real Digital ID's minimal claims (300 s) and a JWT access token (3600 s). Fault modes spoil the ID token here.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use http::{HeaderMap, StatusCode, header};
use serde_json::{Value, json};

use super::{oauth_error, param, unique_pairs};
use crate::client_secret::{ClientAuthError, authenticate};
use crate::faults::{IdTokenFault, TokenEndpointFault};
use crate::grants::{AccessGrant, CodeGrant, Redemption, now, random_token};
use crate::jws;
use crate::simulator::SimState;

/// ID tokens live 300 s at the real Digital ID.
pub const ID_TOKEN_LIFETIME_SECONDS: i64 = 300;
/// Access tokens live 3600 s at the real Digital ID.
pub const ACCESS_TOKEN_LIFETIME_SECONDS: i64 = 3600;

/// The token endpoint.
pub async fn token(State(state): State<Arc<SimState>>, headers: HeaderMap, body: String) -> Response {
    state.faults.delay().await;
    state.counts.token_requested();
    match state.faults.take_token_endpoint_fault() {
        Some(TokenEndpointFault::ServerError) => {
            return (StatusCode::INTERNAL_SERVER_ERROR, Html("<h1>500 Internal Server Error</h1>")).into_response();
        }
        Some(TokenEndpointFault::RedirectOnce) => {
            tracing::warn!("redirecting a token request (fault mode)");
            let location = format!("{}/connect/token", state.settings.issuer);
            return (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, location)]).into_response();
        }
        Some(TokenEndpointFault::NoIdToken) | None => {}
    }
    let Some(pairs) = unique_pairs(&body) else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "a parameter is repeated");
    };
    let authorization = headers.get(header::AUTHORIZATION).and_then(|value| value.to_str().ok());
    let client = match authenticate(
        &state.settings,
        authorization,
        param(&pairs, "client_id"),
        param(&pairs, "client_secret"),
    ) {
        Ok(client) => client,
        Err(ClientAuthError::MultipleMethods) => {
            return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "use one client authentication method");
        }
        Err(ClientAuthError::InvalidClient) => {
            let mut response = oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", "client authentication failed");
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, http::HeaderValue::from_static("Basic realm=\"digital-id\""));
            return response;
        }
    };
    if param(&pairs, "grant_type") != Some("authorization_code") {
        return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type", "only authorization_code is supported");
    }
    let Some(code) = param(&pairs, "code") else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "code is required");
    };
    let Redemption::Fresh(grant) = state.grants.redeem_code(code) else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "the code is invalid, expired or already used");
    };
    if grant.client_id != client.client_id {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "the code was issued to another client");
    }
    if param(&pairs, "redirect_uri") != Some(grant.redirect_uri.as_str()) {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            "redirect_uri does not match the authorization request",
        );
    }
    if let Some(challenge) = &grant.code_challenge {
        let verified = param(&pairs, "code_verifier").is_some_and(|verifier| {
            (43..=128).contains(&verifier.len())
                && verifier.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
                && jws::sha256_base64url(verifier) == *challenge
        });
        if !verified {
            return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "the PKCE code_verifier does not match");
        }
    }

    match issue_tokens(&state, code, &grant).await {
        Ok(mut body) => {
            if state.faults.get().token_endpoint == Some(TokenEndpointFault::NoIdToken) {
                tracing::warn!("answering without an ID token (fault mode)");
                if let Some(object) = body.as_object_mut() {
                    object.remove("id_token");
                }
            }
            (StatusCode::OK, [(header::CACHE_CONTROL, "no-store"), (header::PRAGMA, "no-cache")], Json(body))
                .into_response()
        }
        Err(error) => {
            tracing::error!(%error, "cannot sign tokens");
            oauth_error(StatusCode::INTERNAL_SERVER_ERROR, "server_error", "tokens could not be issued")
        }
    }
}

async fn issue_tokens(state: &SimState, code: &str, grant: &CodeGrant) -> Result<Value, crate::keys::KeyError> {
    let issuer = &state.settings.issuer;
    let issued_at = now();
    let jti = random_token();
    let access_claims = json!({
        "iss": issuer,
        "aud": format!("{issuer}/resources"),
        "client_id": grant.client_id,
        "sub": grant.account_id,
        "auth_time": grant.auth_time,
        "idp": "local",
        "sid": grant.sid,
        "jti": jti,
        "iat": issued_at,
        "nbf": issued_at,
        "exp": issued_at + ACCESS_TOKEN_LIFETIME_SECONDS,
        "scope": grant.scopes,
        "amr": ["pwd"],
    });
    let signer = state.keys.active().await?;
    let access_token = jws::sign(&access_claims, &signer.key, Some(&signer.kid), "at+jwt");
    state.grants.record_access_token(
        code,
        jti,
        AccessGrant {
            client_id: grant.client_id.clone(),
            account_id: grant.account_id.clone(),
            scopes: grant.scopes.clone(),
            expires_at: issued_at + ACCESS_TOKEN_LIFETIME_SECONDS,
        },
    );

    let mut id_claims = json!({
        "iss": issuer,
        "aud": grant.client_id,
        "sub": grant.account_id,
        "iat": issued_at,
        "nbf": issued_at,
        "exp": issued_at + ID_TOKEN_LIFETIME_SECONDS,
        "auth_time": grant.auth_time,
        "sid": grant.sid,
        "idp": "local",
        "amr": ["pwd"],
        "at_hash": jws::left_half_hash(&access_token),
    });
    if let Some(nonce) = &grant.nonce {
        id_claims["nonce"] = json!(nonce);
    }
    let id_token = sign_id_token(state, id_claims).await?;
    Ok(json!({
        "id_token": id_token,
        "access_token": access_token,
        "expires_in": ACCESS_TOKEN_LIFETIME_SECONDS,
        "token_type": "Bearer",
        "scope": grant.scopes.join(" "),
    }))
}

/// Signs ID token claims with the active key, applying the ID token fault in force.
async fn sign_id_token(state: &SimState, mut claims: Value) -> Result<String, crate::keys::KeyError> {
    let fault = state.faults.take_id_token_fault();
    if let Some(fault) = fault {
        tracing::warn!(?fault, "issuing a deliberately faulty ID token");
    }
    if let Some(object) = claims.as_object_mut() {
        match fault {
            Some(IdTokenFault::WrongIss) => {
                object.insert("iss".into(), json!("https://attacker.example"));
            }
            Some(IdTokenFault::WrongAud) => {
                object.insert("aud".into(), json!("another-client"));
            }
            Some(IdTokenFault::MissingAud) => {
                object.remove("aud");
            }
            Some(IdTokenFault::MissingSub) => {
                object.remove("sub");
            }
            Some(IdTokenFault::MissingIat) => {
                object.remove("iat");
            }
            Some(IdTokenFault::NonceMismatch) => {
                object.insert("nonce".into(), json!(random_token()));
            }
            Some(IdTokenFault::WrongAtHash) => {
                object.insert("at_hash".into(), json!(jws::left_half_hash(&random_token())));
            }
            Some(IdTokenFault::ForeignAzp) => {
                let ours = object.get("aud").cloned().unwrap_or(Value::Null);
                object.insert("aud".into(), json!([ours, "another-client"]));
                object.insert("azp".into(), json!("another-client"));
            }
            Some(IdTokenFault::ForeignAzpOnly) => {
                object.insert("azp".into(), json!("another-client"));
            }
            Some(IdTokenFault::IssuedInFuture) => {
                let future = now() + 600;
                object.insert("iat".into(), json!(future));
                object.insert("nbf".into(), json!(future));
                object.insert("exp".into(), json!(future + ID_TOKEN_LIFETIME_SECONDS));
            }
            Some(IdTokenFault::IssuedLongAgo) => {
                object.insert("iat".into(), json!(now() - 20 * 60));
                object.insert("nbf".into(), json!(now() - 20 * 60));
            }
            Some(IdTokenFault::MissingExp) => {
                object.remove("exp");
            }
            Some(IdTokenFault::MissingNonce) => {
                object.remove("nonce");
            }
            Some(IdTokenFault::Expired) => {
                let past = now() - 2 * 3600;
                object.insert("iat".into(), json!(past));
                object.insert("nbf".into(), json!(past));
                object.insert("exp".into(), json!(past + ID_TOKEN_LIFETIME_SECONDS));
            }
            _ => {}
        }
    }
    if fault == Some(IdTokenFault::RotateKeysBeforeSigning) {
        let kid = state.keys.rotate().await?;
        tracing::warn!(kid, "rotated the signing keys just before signing (fault mode)");
    }
    if fault == Some(IdTokenFault::AlgNone) {
        return Ok(jws::unsigned(&claims));
    }
    let signer = state.keys.active().await?;
    match fault {
        Some(IdTokenFault::UnknownKid) => {
            let key = state.unpublished_key.get_or_try_init(crate::keys::generate).await?;
            return Ok(jws::sign(&claims, key, Some("unpublished-key"), "JWT"));
        }
        Some(IdTokenFault::OtherKeyUnderPublishedKid) => {
            let key = state.unpublished_key.get_or_try_init(crate::keys::generate).await?;
            return Ok(jws::sign(&claims, key, Some(&signer.kid), "JWT"));
        }
        Some(IdTokenFault::KeyInHeader) => {
            let key = state.unpublished_key.get_or_try_init(crate::keys::generate).await?;
            let header = json!({
                "alg": "RS256",
                "typ": "JWT",
                "kid": "header-key",
                "jwk": crate::keys::jwk("header-key", &key.to_public_key()),
                "jku": "https://attacker.example/jwks",
            });
            return Ok(jws::sign_with_header(&header, &claims, key));
        }
        Some(IdTokenFault::HmacWithClientSecret) => {
            let client = claims["aud"].as_str().and_then(|aud| state.settings.client(aud));
            let secret = client.map(crate::client_secret::presented_secret).unwrap_or_default();
            return Ok(jws::hs256(&claims, secret.as_bytes(), Some(&signer.kid)));
        }
        Some(IdTokenFault::HmacWithPublicKey) => {
            let pem = jws::public_key_pem(&signer.key.to_public_key());
            return Ok(jws::hs256(&claims, pem.as_bytes(), Some(&signer.kid)));
        }
        Some(IdTokenFault::TypedAsLogoutToken) => {
            return Ok(jws::sign(&claims, &signer.key, Some(&signer.kid), "logout+jwt"));
        }
        _ => {}
    }
    let kid = (fault != Some(IdTokenFault::KidAbsent)).then_some(signer.kid.as_str());
    let token = jws::sign(&claims, &signer.key, kid, "JWT");
    Ok(if fault == Some(IdTokenFault::BadSignature) { jws::corrupt_signature(&token) } else { token })
}
