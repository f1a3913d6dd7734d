//! Back-channel logout: validating the Logout Token Digital ID posts to `/auth/backchannel-logout`, exactly as
//! OpenID Connect Back-Channel Logout 1.0 §2.6 says, plus what ASVS 5.0 10.5.5 adds (`typ: logout+jwt`).
//!
//! `openidconnect` has no Logout Token type and keeps its JWT claims verifier private, so the checks are written
//! here; the cryptography is the crate's (`JsonWebKey::verify_signature` over the provider's published keys).
//! A Logout Token is never an ID token: its `typ` must be `logout+jwt`, it must carry the back-channel-logout event
//! and it must not carry a `nonce` (so neither token can stand in for the other).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use openidconnect::core::{CoreJsonWebKey, CoreJwsSigningAlgorithm};
use openidconnect::{JsonWebKey, JsonWebKeyUse};
use serde::Deserialize;
use serde_json::Value;

/// The event a Logout Token must carry (§2.4).
pub const BACKCHANNEL_LOGOUT_EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";
/// Clock difference tolerated on `iat` and `exp`.
const CLOCK_LEEWAY: chrono::Duration = chrono::Duration::seconds(60);
/// The oldest `iat` accepted: a Logout Token is sent the moment the session ends (ASVS 10.5.5 recommends ~2 min).
pub const MAX_LOGOUT_TOKEN_AGE: chrono::Duration = chrono::Duration::minutes(5);

/// What a valid Logout Token asks for: end the sessions of this subject and/or this provider session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogoutRequest {
    /// `sub`: every session of this person at this issuer (when `sid` is absent).
    pub subject: Option<String>,
    /// `sid`: the sessions started in this Digital ID session.
    pub session_id: Option<String>,
    /// `jti`, for refusing a replay.
    pub token_id: String,
    /// `iat`: the replay record can be forgotten once a token this old would be refused anyway.
    pub issued_at: DateTime<Utc>,
}

/// Why a Logout Token was refused. The messages are stable and name no part of the token.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum LogoutTokenError {
    /// Not a compact JWS of three base64url parts with JSON header and claims (an encrypted token has five).
    #[error("not a signed JWT")]
    Malformed,
    /// `alg` is not RS256 (`none`, HS256, …).
    #[error("algorithm not allowed")]
    Algorithm,
    /// `typ` is not `logout+jwt`.
    #[error("not typed logout+jwt")]
    Type,
    /// The header has `crit`, which we understand none of.
    #[error("critical header parameters are not supported")]
    Critical,
    /// No published key has this `kid` (the caller fetches the keys again once).
    #[error("signed by an unknown key")]
    UnknownKey,
    /// No `kid` and several possible keys.
    #[error("no kid and several keys")]
    AmbiguousKey,
    /// The signature does not verify.
    #[error("bad signature")]
    Signature,
    /// `iss` is missing or another issuer.
    #[error("wrong issuer")]
    Issuer,
    /// `aud` is missing, does not name us, or names others too.
    #[error("wrong audience")]
    Audience,
    /// `iat` is missing, in the future or too old.
    #[error("iat missing or out of range")]
    IssuedAt,
    /// `exp` is missing or past.
    #[error("expired or without exp")]
    Expired,
    /// `jti` is missing.
    #[error("no jti")]
    NoTokenId,
    /// `events` lacks the back-channel-logout event (or its value is not an object).
    #[error("no back-channel logout event")]
    Event,
    /// A `nonce` is present (§2.4 forbids it: an ID token is not a Logout Token).
    #[error("contains a nonce")]
    Nonce,
    /// Neither `sub` nor `sid`.
    #[error("neither sub nor sid")]
    NoSubject,
    /// This `jti` was accepted before.
    #[error("replayed")]
    Replayed,
}

#[derive(Deserialize)]
struct Header {
    alg: Option<String>,
    typ: Option<String>,
    kid: Option<String>,
    crit: Option<Value>,
}

#[derive(Deserialize)]
struct Claims {
    iss: Option<String>,
    aud: Option<Audience>,
    iat: Option<i64>,
    exp: Option<i64>,
    jti: Option<String>,
    events: Option<serde_json::Map<String, Value>>,
    nonce: Option<Value>,
    sub: Option<String>,
    sid: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Audience {
    One(String),
    Many(Vec<String>),
}

/// Who the token must come from and be for.
pub struct Expected<'a> {
    /// Our Digital ID issuer.
    pub issuer: &'a str,
    /// Our client id.
    pub client_id: &'a str,
    /// Now.
    pub now: DateTime<Utc>,
}

/// Validates a Logout Token against the provider's published keys (§2.6 steps 2–6; the replay check of step 7 is
/// the caller's, who remembers `jti`s).
pub fn validate(token: &str, keys: &[CoreJsonWebKey], expected: &Expected) -> Result<LogoutRequest, LogoutTokenError> {
    let mut parts = token.split('.');
    let (Some(header_part), Some(claims_part), Some(signature_part), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(LogoutTokenError::Malformed);
    };
    let header: Header = decode_json(header_part)?;
    if header.alg.as_deref() != Some("RS256") {
        return Err(LogoutTokenError::Algorithm);
    }
    let typ = header.typ.as_deref().map(str::to_ascii_lowercase);
    if !matches!(typ.as_deref(), Some("logout+jwt" | "application/logout+jwt")) {
        return Err(LogoutTokenError::Type);
    }
    if header.crit.is_some() {
        return Err(LogoutTokenError::Critical);
    }
    let signature = URL_SAFE_NO_PAD.decode(signature_part).map_err(|_| LogoutTokenError::Malformed)?;
    let key = signing_key(keys, header.kid.as_deref())?;
    let signing_input = &token[..header_part.len() + 1 + claims_part.len()];
    key.verify_signature(&CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256, signing_input.as_bytes(), &signature)
        .map_err(|_| LogoutTokenError::Signature)?;

    let claims: Claims = decode_json(claims_part)?;
    if claims.iss.as_deref() != Some(expected.issuer) {
        return Err(LogoutTokenError::Issuer);
    }
    let for_us = match &claims.aud {
        Some(Audience::One(aud)) => aud == expected.client_id,
        // Like the ID token: other audiences are not trusted.
        Some(Audience::Many(auds)) => auds.len() == 1 && auds[0] == expected.client_id,
        None => false,
    };
    if !for_us {
        return Err(LogoutTokenError::Audience);
    }
    let issued_at = claims.iat.and_then(|iat| DateTime::from_timestamp(iat, 0)).ok_or(LogoutTokenError::IssuedAt)?;
    if issued_at > expected.now + CLOCK_LEEWAY || issued_at < expected.now - MAX_LOGOUT_TOKEN_AGE {
        return Err(LogoutTokenError::IssuedAt);
    }
    let expires_at = claims.exp.and_then(|exp| DateTime::from_timestamp(exp, 0)).ok_or(LogoutTokenError::Expired)?;
    if expires_at + CLOCK_LEEWAY <= expected.now {
        return Err(LogoutTokenError::Expired);
    }
    let token_id = claims.jti.filter(|jti| !jti.is_empty()).ok_or(LogoutTokenError::NoTokenId)?;
    let has_event =
        claims.events.as_ref().and_then(|events| events.get(BACKCHANNEL_LOGOUT_EVENT)).is_some_and(Value::is_object);
    if !has_event {
        return Err(LogoutTokenError::Event);
    }
    if claims.nonce.is_some() {
        return Err(LogoutTokenError::Nonce);
    }
    let subject = claims.sub.filter(|sub| !sub.is_empty());
    let session_id = claims.sid.filter(|sid| !sid.is_empty());
    if subject.is_none() && session_id.is_none() {
        return Err(LogoutTokenError::NoSubject);
    }
    Ok(LogoutRequest { subject, session_id, token_id, issued_at })
}

/// The key to verify with: the one with this `kid`, or without a `kid` the only RSA signing key.
fn signing_key<'k>(keys: &'k [CoreJsonWebKey], kid: Option<&str>) -> Result<&'k CoreJsonWebKey, LogoutTokenError> {
    let usable = |key: &&CoreJsonWebKey| key.key_use().is_none_or(|usage| usage.allows_signature());
    match kid {
        Some(kid) => keys
            .iter()
            .filter(usable)
            .find(|key| key.key_id().is_some_and(|id| id.as_str() == kid))
            .ok_or(LogoutTokenError::UnknownKey),
        None => {
            let mut candidates = keys
                .iter()
                .filter(usable)
                .filter(|key| *key.key_type() == openidconnect::core::CoreJsonWebKeyType::RSA);
            match (candidates.next(), candidates.next()) {
                (Some(key), None) => Ok(key),
                (None, _) => Err(LogoutTokenError::UnknownKey),
                (Some(_), Some(_)) => Err(LogoutTokenError::AmbiguousKey),
            }
        }
    }
}

fn decode_json<T: serde::de::DeserializeOwned>(part: &str) -> Result<T, LogoutTokenError> {
    let bytes = URL_SAFE_NO_PAD.decode(part).map_err(|_| LogoutTokenError::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| LogoutTokenError::Malformed)
}

/// The `sid` of an ID token that has already been verified (`openidconnect`'s core claims have no `sid`).
pub fn id_token_session_id(id_token: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct SessionClaim {
        sid: Option<String>,
    }
    let claims = id_token.split('.').nth(1)?;
    decode_json::<SessionClaim>(claims).ok()?.sid.filter(|sid| !sid.is_empty())
}
