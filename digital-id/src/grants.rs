//! Short-lived state kept in memory: browser sessions at the simulator, authorization codes (single use, 5 minutes)
//! and issued access tokens (for userinfo and revocation). A restart signs everybody out of the simulator, as a
//! real provider's restart would not; accounts, consents and keys are in the database and survive it.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Mutex, PoisonError};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rsa::rand_core::{OsRng, RngCore};

/// Authorization codes live this long (IdentityServer's default, which the real Digital ID appears to use).
pub const CODE_LIFETIME_SECONDS: i64 = 300;
/// A browser session at the simulator ends after this long.
pub const SESSION_LIFETIME_SECONDS: i64 = 8 * 60 * 60;

/// A signed-in browser at the simulator.
#[derive(Clone, Debug)]
pub struct BrowserSession {
    /// The account (`sub`).
    pub account_id: String,
    /// When the person last entered their password (Unix seconds): the ID token's `auth_time`.
    pub auth_time: i64,
    /// The session id at the provider (`sid`).
    pub sid: String,
}

/// What an authorization code stands for.
#[derive(Clone, Debug)]
pub struct CodeGrant {
    /// The client the code was issued to.
    pub client_id: String,
    /// The exact redirect URI of the request.
    pub redirect_uri: String,
    /// The account.
    pub account_id: String,
    /// Granted scopes.
    pub scopes: Vec<String>,
    /// The request's nonce.
    pub nonce: Option<String>,
    /// The PKCE S256 challenge.
    pub code_challenge: Option<String>,
    /// `auth_time` of the browser session.
    pub auth_time: i64,
    /// `sid` of the browser session.
    pub sid: String,
}

/// What an access token allows.
#[derive(Clone, Debug)]
pub struct AccessGrant {
    /// The client it was issued to.
    pub client_id: String,
    /// The account.
    pub account_id: String,
    /// Granted scopes.
    pub scopes: Vec<String>,
    /// Expiry (Unix seconds).
    pub expires_at: i64,
}

/// The outcome of redeeming a code.
#[derive(Debug)]
pub enum Redemption {
    /// First use within its lifetime.
    Fresh(CodeGrant),
    /// Unknown, expired or already used (in which case the tokens it produced were revoked, RFC 6749 §4.1.2).
    Invalid,
}

enum CodeState {
    Unused(CodeGrant),
    /// Redeemed; remembers the access token's `jti` so a replay can revoke it.
    Used(Option<String>),
}

#[derive(Default)]
struct Inner {
    sessions: HashMap<String, (BrowserSession, i64)>,
    /// The clients each provider session (`sid`) has given codes to: who to tell when it ends.
    clients_by_sid: HashMap<String, (BTreeSet<String>, i64)>,
    codes: HashMap<String, (CodeState, i64)>,
    access_tokens: HashMap<String, AccessGrant>,
}

/// The in-memory grant store.
#[derive(Default)]
pub struct Grants {
    inner: Mutex<Inner>,
}

/// 256 random bits, base64url: session ids, codes, CSRF tokens, `jti`s.
pub fn random_token() -> String {
    let mut bytes = [0_u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Now, in Unix seconds.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

impl Grants {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let now = now();
        inner.sessions.retain(|_, (_, expires_at)| *expires_at > now);
        inner.clients_by_sid.retain(|_, (_, expires_at)| *expires_at > now);
        inner.codes.retain(|_, (_, expires_at)| *expires_at > now);
        inner.access_tokens.retain(|_, grant| grant.expires_at > now);
        inner
    }

    /// Starts a browser session and returns its cookie value (always a new id: no session fixation).
    pub fn start_session(&self, session: BrowserSession) -> String {
        let id = random_token();
        self.lock().sessions.insert(id.clone(), (session, now() + SESSION_LIFETIME_SECONDS));
        id
    }

    /// The browser session behind a cookie value.
    pub fn session(&self, id: &str) -> Option<BrowserSession> {
        self.lock().sessions.get(id).map(|(session, _)| session.clone())
    }

    /// Ends a browser session; returns it with the clients it signed in to (for back-channel logout).
    pub fn end_session(&self, id: &str) -> Option<(BrowserSession, Vec<String>)> {
        let mut inner = self.lock();
        let (session, _) = inner.sessions.remove(id)?;
        let clients = inner.clients_by_sid.remove(&session.sid).map(|(clients, _)| clients.into_iter().collect());
        Some((session, clients.unwrap_or_default()))
    }

    /// Stores a code grant and returns the code; the client is remembered as part of the grant's session.
    pub fn issue_code(&self, grant: CodeGrant) -> String {
        let code = random_token();
        let mut inner = self.lock();
        let expires_at = now() + SESSION_LIFETIME_SECONDS;
        let (clients, _) =
            inner.clients_by_sid.entry(grant.sid.clone()).or_insert_with(|| (BTreeSet::new(), expires_at));
        clients.insert(grant.client_id.clone());
        inner.codes.insert(code.clone(), (CodeState::Unused(grant), now() + CODE_LIFETIME_SECONDS));
        code
    }

    /// Redeems a code, once.
    pub fn redeem_code(&self, code: &str) -> Redemption {
        let mut inner = self.lock();
        let Some((state, _)) = inner.codes.get_mut(code) else {
            return Redemption::Invalid;
        };
        match std::mem::replace(state, CodeState::Used(None)) {
            CodeState::Unused(grant) => Redemption::Fresh(grant),
            CodeState::Used(jti) => {
                if let Some(jti) = jti {
                    inner.access_tokens.remove(&jti);
                    tracing::warn!("an authorization code was replayed; its access token is revoked");
                }
                Redemption::Invalid
            }
        }
    }

    /// Records the access token issued for a redeemed code.
    pub fn record_access_token(&self, code: &str, jti: String, grant: AccessGrant) {
        let mut inner = self.lock();
        if let Some((state, _)) = inner.codes.get_mut(code) {
            *state = CodeState::Used(Some(jti.clone()));
        }
        inner.access_tokens.insert(jti, grant);
    }

    /// The live grant of an access token's `jti`.
    pub fn access_token(&self, jti: &str) -> Option<AccessGrant> {
        self.lock().access_tokens.get(jti).cloned()
    }

    /// Revokes an access token if it belongs to `client_id`.
    pub fn revoke_access_token(&self, jti: &str, client_id: &str) {
        let mut inner = self.lock();
        if inner.access_tokens.get(jti).is_some_and(|grant| grant.client_id == client_id) {
            inner.access_tokens.remove(jti);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant() -> CodeGrant {
        CodeGrant {
            client_id: "rp".into(),
            redirect_uri: "http://127.0.0.1/cb".into(),
            account_id: "a".into(),
            scopes: vec!["openid".into()],
            nonce: None,
            code_challenge: None,
            auth_time: now(),
            sid: "s".into(),
        }
    }

    #[test]
    fn a_code_can_be_redeemed_only_once_and_a_replay_revokes_its_access_token() {
        let grants = Grants::default();
        let code = grants.issue_code(grant());
        assert!(matches!(grants.redeem_code(&code), Redemption::Fresh(_)));
        let access =
            AccessGrant { client_id: "rp".into(), account_id: "a".into(), scopes: vec![], expires_at: now() + 60 };
        grants.record_access_token(&code, "jti".into(), access);
        assert!(grants.access_token("jti").is_some());
        assert!(matches!(grants.redeem_code(&code), Redemption::Invalid));
        assert!(grants.access_token("jti").is_none());
    }

    #[test]
    fn random_tokens_carry_256_bits() {
        let token = random_token();
        assert_eq!(URL_SAFE_NO_PAD.decode(&token).map(|bytes| bytes.len()).ok(), Some(32));
        assert_ne!(token, random_token());
    }
}
