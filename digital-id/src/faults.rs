//! Fault modes: ways the simulator can be told to misbehave so tests can prove the relying party refuses what it
//! must. They are switched at run time through `/_sim/faults` (JSON), which exists only when the settings enable
//! faults — and [`crate::settings::Settings::check`] refuses that for anything but a loopback issuer.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// How the next ID tokens are spoiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IdTokenFault {
    /// `iss` is another issuer.
    WrongIss,
    /// `aud` is another client.
    WrongAud,
    /// No `aud`.
    MissingAud,
    /// No `sub`.
    MissingSub,
    /// No `iat`.
    MissingIat,
    /// A signature that does not verify.
    BadSignature,
    /// Unsigned: `alg: none`.
    AlgNone,
    /// `nonce` differs from the request's.
    NonceMismatch,
    /// Expired an hour ago.
    Expired,
    /// Signed by a key that is not in the JWKS, under an unknown `kid`.
    UnknownKid,
    /// No `kid` in the header (valid otherwise).
    KidAbsent,
    /// Rotate the signing keys just before signing (once), so the token's `kid` is new to the relying party.
    RotateKeysBeforeSigning,
    /// `at_hash` is the hash of another access token.
    WrongAtHash,
    /// `aud` also names another client, and `azp` names that other client.
    ForeignAzp,
    /// `aud` is our client alone, but `azp` names another client.
    ForeignAzpOnly,
    /// `iat` ten minutes in the future.
    IssuedInFuture,
    /// `iat` twenty minutes ago (`exp` still ahead).
    IssuedLongAgo,
    /// No `exp`.
    MissingExp,
    /// No `nonce` although the request had one.
    MissingNonce,
    /// Signed by an unpublished key under the published key's `kid`.
    OtherKeyUnderPublishedKid,
    /// Signed by an unpublished key that the header carries itself (`jwk`) and points to (`jku`).
    KeyInHeader,
    /// HS256 keyed with the client secret as the client holds it (the DGA hash where the client hashes).
    HmacWithClientSecret,
    /// HS256 keyed with the signing key's public key (its PEM text), the classic algorithm confusion.
    HmacWithPublicKey,
    /// A valid token typed `logout+jwt` rather than `JWT`.
    TypedAsLogoutToken,
}

/// How userinfo responses are spoiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UserinfoFault {
    /// `sub` is somebody else's.
    SubMismatch,
    /// `500` with an HTML error page.
    ServerError,
}

/// How the token endpoint fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenEndpointFault {
    /// `500` with an HTML error page.
    ServerError,
    /// A success response without `id_token`.
    NoIdToken,
    /// `307 Temporary Redirect` back to the token endpoint, once: a client that follows redirects would succeed.
    RedirectOnce,
}

/// How discovery and the JWKS misbehave.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeysFault {
    /// The metadata's `issuer` names another issuer.
    DiscoveryWrongIssuer,
    /// The JWKS also holds keys nobody can parse (unknown `kty`, a broken RSA key) before the real ones.
    UnparseableKeyInJwks,
    /// The JWKS endpoint answers `503`.
    JwksUnavailable,
}

/// How the authorization response's `iss` (RFC 9207) is spoiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorizationResponseFault {
    /// `iss` names another issuer.
    WrongIss,
    /// No `iss`.
    MissingIss,
}

/// The switched-on faults; the default is none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Faults {
    /// ID token fault.
    pub id_token: Option<IdTokenFault>,
    /// Userinfo fault.
    pub userinfo: Option<UserinfoFault>,
    /// Token endpoint fault.
    pub token_endpoint: Option<TokenEndpointFault>,
    /// Authorization response fault.
    pub authorization_response: Option<AuthorizationResponseFault>,
    /// Discovery and JWKS fault.
    pub keys: Option<KeysFault>,
    /// Delay before answering discovery, JWKS, token and userinfo requests, in milliseconds.
    pub delay_ms: u64,
}

/// The current faults, shared by all requests.
#[derive(Default)]
pub struct FaultSwitch {
    current: Mutex<Faults>,
}

impl FaultSwitch {
    /// The faults in force.
    pub fn get(&self) -> Faults {
        self.current.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Replaces the faults in force.
    pub fn set(&self, faults: Faults) {
        if faults != Faults::default() {
            tracing::warn!(?faults, "fault modes switched on");
        }
        *self.current.lock().unwrap_or_else(PoisonError::into_inner) = faults;
    }

    /// Takes a one-shot token endpoint fault (the redirect) so it applies once; other faults stay until changed.
    pub fn take_token_endpoint_fault(&self) -> Option<TokenEndpointFault> {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        let fault = current.token_endpoint;
        if fault == Some(TokenEndpointFault::RedirectOnce) {
            current.token_endpoint = None;
        }
        fault
    }

    /// Takes a one-shot ID token fault (key rotation) so it applies once; other faults stay until changed.
    pub fn take_id_token_fault(&self) -> Option<IdTokenFault> {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        let fault = current.id_token;
        if fault == Some(IdTokenFault::RotateKeysBeforeSigning) {
            current.id_token = None;
        }
        fault
    }

    /// Waits for the configured delay, if any.
    pub async fn delay(&self) {
        let delay_ms = self.get().delay_ms;
        if delay_ms > 0 {
            tokio::time::sleep(Duration::from_millis(delay_ms)).await;
        }
    }
}

/// What the simulator was asked, counted for tests that must prove a request was (not) made.
#[derive(Default)]
pub struct RequestCounts {
    jwks: AtomicUsize,
    token: AtomicUsize,
    userinfo_with_token_in_query: AtomicUsize,
}

impl RequestCounts {
    /// Counts a JWKS fetch.
    pub fn jwks_fetched(&self) {
        self.jwks.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a token request.
    pub fn token_requested(&self) {
        self.token.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a userinfo request that carried `access_token` in its query.
    pub fn userinfo_token_in_query(&self) {
        self.userinfo_with_token_in_query.fetch_add(1, Ordering::Relaxed);
    }

    /// JWKS fetches so far.
    pub fn jwks(&self) -> usize {
        self.jwks.load(Ordering::Relaxed)
    }

    /// Token requests so far.
    pub fn token(&self) -> usize {
        self.token.load(Ordering::Relaxed)
    }

    /// Userinfo requests so far that carried `access_token` in the query.
    pub fn userinfo_with_token_in_query(&self) -> usize {
        self.userinfo_with_token_in_query.load(Ordering::Relaxed)
    }
}
