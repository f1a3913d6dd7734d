//! Fault modes: ways the simulator can be told to misbehave so tests can prove the relying party refuses what it
//! must. They are switched at run time through `/_sim/faults` (JSON), which exists only when the settings enable
//! faults — and [`crate::settings::Settings::check`] refuses that for anything but a loopback issuer.

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
}

/// How userinfo responses are spoiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UserinfoFault {
    /// `sub` is somebody else's.
    SubMismatch,
}

/// How the token endpoint fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenEndpointFault {
    /// `500` with an HTML error page.
    ServerError,
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
