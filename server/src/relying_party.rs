//! The relying party: how the back office signs officers in with Digital ID (OpenID Connect code flow), with every
//! check a certified relying party makes (`../shared/research/security.md` §0–2). The routes that use it (login,
//! callback, logout) keep a [`LoginTransaction`] server-side between [`RelyingParty::start_login`] and
//! [`RelyingParty::finish_login`].
//!
//! What `openidconnect` leaves to us, and where it is done here: algorithms pinned to RS256 (`verifier`), a clock
//! leeway and an `iat` window (`verifier`), `azp` and `at_hash` (`check_id_token`), the RFC 9207 `iss` of the
//! authorization response (`finish_login`), a throttled JWKS re-fetch on an unknown `kid` (`refresh_keys`), and an
//! HTTP client that never follows redirects and gives up after 5 s (`http_client`). Back-channel Logout Tokens are
//! validated in `logout_token` and their `jti`s remembered here so none is accepted twice.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use chrono::Utc;
use openidconnect::core::{
    CoreAuthPrompt, CoreAuthenticationFlow, CoreGenderClaim, CoreIdToken, CoreJsonWebKey, CoreJwsSigningAlgorithm,
};
use openidconnect::{
    AccessToken, AccessTokenHash, AdditionalClaims, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret,
    CsrfToken, EndSessionUrl, IdTokenVerifier, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope, SignatureVerificationError, SubjectIdentifier, TokenResponse, UserInfoClaims,
};
use serde::{Deserialize, Serialize};

use domain::assurance::Assurance;

use crate::config::{SecretHashing, Settings};
use crate::metrics::{DigitalIdCalls, DigitalIdEndpoint};

mod discovery;
mod logout_token;

pub use discovery::{DigitalIdProviderMetadata, DiscoveryError, Metadata, http_client};
use discovery::{Measured, Provider, Registration, fetch_provider};
pub use logout_token::{BACKCHANNEL_LOGOUT_EVENT, LogoutRequest, LogoutTokenError};

/// Clock difference tolerated on `exp` and `iat`.
const CLOCK_LEEWAY: chrono::Duration = chrono::Duration::seconds(60);
/// The oldest `iat` accepted (Digital ID's ID tokens live 300 s).
const MAX_ID_TOKEN_AGE: chrono::Duration = chrono::Duration::minutes(10);
/// At most one JWKS re-fetch per this interval, so forged `kid`s cannot make us hammer Digital ID.
const KEY_REFRESH_INTERVAL: Duration = Duration::from_secs(10);
/// How long a login may take from the redirect to Digital ID to the callback.
pub const LOGIN_TRANSACTION_LIFETIME: chrono::Duration = chrono::Duration::minutes(10);

/// Digital ID's own userinfo claims (one scope per claim). `ial_level` and `citizen_id_verified` have been seen as
/// numbers, strings and booleans, so they are kept as JSON and read leniently.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct DigitalIdClaims {
    /// Digital ID's user id.
    #[serde(default)]
    pub user_id: Option<String>,
    /// The 13-digit citizen ID.
    #[serde(default)]
    pub citizen_id: Option<String>,
    /// Whether the citizen ID was proofed.
    #[serde(default)]
    pub citizen_id_verified: Option<serde_json::Value>,
    /// Identity assurance level, e.g. 2.3.
    #[serde(default)]
    pub ial_level: Option<serde_json::Value>,
    /// Thai name prefix (นาย, นาง, นางสาว…).
    #[serde(default)]
    pub title: Option<String>,
}

impl AdditionalClaims for DigitalIdClaims {}

/// The secrets of one login, kept server-side from the redirect to the callback; never sent to the browser except
/// `state` and the challenge inside the authorization URL.
#[derive(Clone, Serialize, Deserialize)]
pub struct LoginTransaction {
    /// The `state` sent; the callback must bring it back.
    pub state: String,
    /// The `nonce` sent; the ID token must carry it.
    pub nonce: String,
    /// The PKCE verifier.
    pub pkce_verifier: String,
    /// The issuer the request went to (mix-up defence: the callback's `iss` must equal it).
    pub issuer: String,
    /// When the login started (Unix seconds); it expires after [`LOGIN_TRANSACTION_LIFETIME`].
    pub started_at: i64,
    /// A step-up: the officer must have typed their password after the login started (`auth_time`).
    #[serde(default)]
    pub fresh: bool,
}

impl std::fmt::Debug for LoginTransaction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginTransaction")
            .field("issuer", &self.issuer)
            .field("started_at", &self.started_at)
            .field("fresh", &self.fresh)
            .finish()
    }
}

/// What the authorization response brought to the callback.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct CallbackParams {
    /// The authorization code.
    pub code: Option<String>,
    /// The state.
    pub state: Option<String>,
    /// RFC 9207 issuer.
    pub iss: Option<String>,
    /// An OAuth error code, e.g. `access_denied`.
    pub error: Option<String>,
}

/// An officer's Digital ID identity after a successful login.
#[derive(Clone)]
pub struct SignedIn {
    /// The issuer.
    pub issuer: String,
    /// The stable subject.
    pub subject: String,
    /// When the person authenticated at Digital ID (Unix seconds), if given.
    pub auth_time: Option<i64>,
    /// The raw ID token, kept only as `id_token_hint` for logout.
    pub id_token: String,
    /// Digital ID's session id (`sid`), which a back-channel Logout Token may name.
    pub session_id: Option<String>,
    /// Given name (Thai).
    pub given_name: Option<String>,
    /// Family name (Thai).
    pub family_name: Option<String>,
    /// Mobile number.
    pub phone_number: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Digital ID's own claims.
    pub claims: DigitalIdClaims,
}

impl SignedIn {
    /// How well Digital ID knows the person, from its `citizen_id_verified` and `ial_level` claims read leniently
    /// (absent or unreadable: unproofed).
    pub fn assurance(&self) -> Assurance {
        Assurance::from_claims(self.claims.citizen_id_verified.as_ref(), self.claims.ial_level.as_ref())
    }
}

impl std::fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedIn").field("issuer", &self.issuer).field("subject", &self.subject).finish_non_exhaustive()
    }
}

/// Why a login failed. The callback shows one Thai page for all but [`LoginError::AccessDenied`]; the variant and
/// its detail go to the log under a reference id.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// The person chose "ไม่ยินยอม".
    #[error("the person declined consent")]
    AccessDenied,
    /// Digital ID returned another error code.
    #[error("Digital ID returned error {0}")]
    Provider(String),
    /// The transaction is missing, expired or its state does not match.
    #[error("login transaction invalid: {0}")]
    Transaction(&'static str),
    /// The callback's `iss` is missing or wrong (RFC 9207).
    #[error("authorization response issuer: {0}")]
    Issuer(&'static str),
    /// The token request failed (network, status, invalid_grant, invalid_client…).
    #[error("token request: {0}")]
    Token(String),
    /// The ID token was refused.
    #[error("ID token: {0}")]
    IdToken(String),
    /// Userinfo failed or named another subject.
    #[error("userinfo: {0}")]
    Userinfo(String),
    /// A step-up login whose `auth_time` is missing or from before the login started: Digital ID did not ask for
    /// the password again.
    #[error("the step-up sign-in was not fresh")]
    NotFresh,
}

impl LoginError {
    /// A stable, short name of the refusal for the audit log (the details go to the log line only).
    pub const fn code(&self) -> &'static str {
        match self {
            Self::AccessDenied => "access_denied",
            Self::Provider(_) => "provider_error",
            Self::Transaction(_) => "transaction",
            Self::Issuer(_) => "issuer",
            Self::Token(_) => "token_request",
            Self::IdToken(_) => "id_token",
            Self::Userinfo(_) => "userinfo",
            Self::NotFresh => "not_fresh",
        }
    }
}

/// The relying party, shared by all requests.
pub struct RelyingParty {
    registration: Registration,
    scopes: Vec<String>,
    http: reqwest::Client,
    /// Where the requests to Digital ID are timed and their failures counted.
    calls: DigitalIdCalls,
    provider: RwLock<Arc<Provider>>,
    last_key_refresh: Mutex<Option<Instant>>,
    /// `jti`s of accepted Logout Tokens with their `iat`, kept while a token that old would still be accepted.
    seen_logout_tokens: Mutex<HashMap<String, chrono::DateTime<Utc>>>,
}

impl std::fmt::Debug for RelyingParty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RelyingParty").field("issuer", &self.registration.issuer.as_str()).finish_non_exhaustive()
    }
}

/// The start of a login: where to send the browser, and what to keep server-side.
#[derive(Debug)]
pub struct LoginStart {
    /// The authorization URL at Digital ID.
    pub authorize_url: url::Url,
    /// The secrets to keep until the callback.
    pub transaction: LoginTransaction,
}

/// The real Digital ID's client-secret hashing: md5 hex of (secret + "EGA"), 7 rounds, starting from the trimmed
/// secret. (The simulator has its own implementation; the tests check one against the other.)
pub fn dga_hash(secret: &str) -> String {
    use md5::{Digest, Md5};
    let mut value = secret.trim().to_owned();
    for _ in 0..7 {
        value = Md5::digest(format!("{value}EGA").as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect();
    }
    value
}

impl RelyingParty {
    /// Discovers Digital ID at `issuer` and checks it offers what we need (code flow, S256, RS256, userinfo); its
    /// requests to Digital ID are measured nowhere that is served (see [`RelyingParty::discover_measured`]).
    pub async fn discover(settings: &Settings, issuer: &str) -> Result<Self, DiscoveryError> {
        Self::discover_measured(settings, issuer, DigitalIdCalls::default()).await
    }

    /// [`RelyingParty::discover`], timing every request to Digital ID and counting its failures in `calls` (the
    /// server state's metrics).
    pub async fn discover_measured(
        settings: &Settings,
        issuer: &str,
        calls: DigitalIdCalls,
    ) -> Result<Self, DiscoveryError> {
        let secret = settings.digital_id.client_secret.as_ref().map(|secret| secret.expose()).unwrap_or_default();
        let client_secret = ClientSecret::new(match settings.digital_id.secret_hashing {
            SecretHashing::Dga => dga_hash(secret),
            SecretHashing::Plain => secret.to_owned(),
        });
        let unsuitable = |reason| DiscoveryError::Unsuitable { issuer: issuer.to_owned(), reason };
        let issuer_url = IssuerUrl::new(issuer.to_owned()).map_err(|_| unsuitable("is not a URL"))?;
        let redirect_uri = RedirectUrl::new(format!("{}/auth/callback", settings.site.base_url))
            .map_err(|_| unsuitable("cannot get our redirect URI"))?;
        let registration = Registration {
            issuer: issuer_url,
            client_id: ClientId::new(settings.digital_id.client_id.clone()),
            client_secret,
            redirect_uri,
        };
        let http = http_client()
            .map_err(|error| DiscoveryError::Discovery { issuer: issuer.to_owned(), reason: error.to_string() })?;
        let provider = fetch_provider(&registration, &http, &calls).await?;
        Ok(Self {
            registration,
            scopes: settings.digital_id.scopes.clone(),
            http,
            calls,
            provider: RwLock::new(Arc::new(provider)),
            last_key_refresh: Mutex::new(None),
            seen_logout_tokens: Mutex::default(),
        })
    }

    /// The HTTP client for a request to `endpoint`.
    fn measured(&self, endpoint: DigitalIdEndpoint) -> Measured<'_> {
        Measured { http: &self.http, calls: &self.calls, endpoint: Some(endpoint) }
    }

    fn provider(&self) -> Arc<Provider> {
        self.provider.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// The end-session endpoint, if Digital ID has one.
    pub fn end_session_endpoint(&self) -> Option<EndSessionUrl> {
        self.provider().metadata.additional_metadata().end_session_endpoint.clone()
    }

    /// Digital ID's registration page for someone without an account, returning them into this very sign-in when
    /// they are done: `{issuer}/Account/Register?ReturnUrl=/connect/authorize/callback?<the authorize query>`, the
    /// deep link of the real Digital ID (an IdentityServer convention; `research/digital-id.md`).
    pub fn registration_url(&self, authorize_url: &url::Url) -> url::Url {
        let issuer = self.registration.issuer.as_str().trim_end_matches('/');
        let mut url = url::Url::parse(&format!("{issuer}/Account/Register")).expect("the issuer is a URL");
        let return_to = format!("/connect/authorize/callback?{}", authorize_url.query().unwrap_or_default());
        url.query_pairs_mut().append_pair("ReturnUrl", &return_to);
        url
    }

    /// Digital ID's end-session URL (OpenID RP-Initiated Logout 1.0) with `id_token_hint`, our registered
    /// `post_logout_redirect_uri`, a `state` and `client_id`; `None` if Digital ID has no end-session endpoint.
    pub fn end_session_url(&self, id_token: &str, post_logout_redirect_uri: &str, state: &str) -> Option<url::Url> {
        let mut url = self.end_session_endpoint()?.url().clone();
        url.query_pairs_mut()
            .append_pair("id_token_hint", id_token)
            .append_pair("post_logout_redirect_uri", post_logout_redirect_uri)
            .append_pair("state", state)
            .append_pair("client_id", self.registration.client_id.as_str());
        Some(url)
    }

    /// Starts a login: a fresh `state`, `nonce` and PKCE pair. `fresh` asks Digital ID for a new password entry
    /// (`prompt=login` and `max_age=0`, which also makes `auth_time` required), for sensitive steps; the callback
    /// then checks `auth_time`.
    pub fn start_login(&self, fresh: bool) -> LoginStart {
        let provider = self.provider();
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = provider
            .client
            .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .set_pkce_challenge(challenge);
        for scope in self.scopes.iter().filter(|scope| *scope != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        if fresh {
            request = request.add_prompt(CoreAuthPrompt::Login).set_max_age(std::time::Duration::ZERO);
        }
        let (authorize_url, state, nonce) = request.url();
        LoginStart {
            authorize_url,
            transaction: LoginTransaction {
                state: state.secret().clone(),
                nonce: nonce.secret().clone(),
                pkce_verifier: verifier.secret().clone(),
                issuer: self.registration.issuer.as_str().to_owned(),
                started_at: Utc::now().timestamp(),
                fresh,
            },
        }
    }

    /// Finishes a login at the callback: checks the response against the transaction, redeems the code, verifies
    /// the ID token (re-fetching the keys once on an unknown `kid`) and reads userinfo for the same subject.
    pub async fn finish_login(
        &self,
        transaction: &LoginTransaction,
        params: &CallbackParams,
    ) -> Result<SignedIn, LoginError> {
        if Utc::now().timestamp() - transaction.started_at > LOGIN_TRANSACTION_LIFETIME.num_seconds() {
            return Err(LoginError::Transaction("expired"));
        }
        let state_matches = params.state.as_deref().is_some_and(|state| {
            use subtle::ConstantTimeEq;
            bool::from(state.as_bytes().ct_eq(transaction.state.as_bytes()))
        });
        if !state_matches {
            return Err(LoginError::Transaction("state does not match"));
        }
        let provider = self.provider();
        if provider.metadata.additional_metadata().authorization_response_iss_parameter_supported {
            match params.iss.as_deref() {
                None => return Err(LoginError::Issuer("missing")),
                Some(iss) if iss != transaction.issuer => return Err(LoginError::Issuer("does not match")),
                Some(_) => {}
            }
        } else if params.iss.as_deref().is_some_and(|iss| iss != transaction.issuer) {
            return Err(LoginError::Issuer("does not match"));
        }
        if let Some(error) = &params.error {
            return Err(if error == "access_denied" {
                LoginError::AccessDenied
            } else {
                LoginError::Provider(oauth_error_code(error))
            });
        }
        let code = params.code.clone().ok_or(LoginError::Transaction("no code"))?;

        let token_response = provider
            .client
            .exchange_code(AuthorizationCode::new(code))
            .set_pkce_verifier(PkceCodeVerifier::new(transaction.pkce_verifier.clone()))
            .request_async(&self.measured(DigitalIdEndpoint::Token))
            .await
            .map_err(|error| LoginError::Token(describe_token_error(&error)))?;
        let id_token = token_response.id_token().ok_or_else(|| LoginError::IdToken("missing".into()))?.clone();
        let nonce = Nonce::new(transaction.nonce.clone());

        let access_token = token_response.access_token();
        let (provider, verified) = match self.check_id_token(&provider, &id_token, &nonce, access_token) {
            Err(IdTokenProblem::UnknownKey) => {
                let refreshed = self.refresh_keys().await.map_err(|error| LoginError::IdToken(error.to_string()))?;
                let verified = self
                    .check_id_token(&refreshed, &id_token, &nonce, access_token)
                    .map_err(|problem| LoginError::IdToken(problem.to_string()))?;
                (refreshed, verified)
            }
            Err(problem) => return Err(LoginError::IdToken(problem.to_string())),
            Ok(verified) => (provider, verified),
        };
        let VerifiedIdToken { subject, auth_time } = verified;
        // A step-up needs a password typed after the login started (give or take the clocks' difference).
        let typed_since_start = auth_time.is_some_and(|at| at >= transaction.started_at - CLOCK_LEEWAY.num_seconds());
        if transaction.fresh && !typed_since_start {
            return Err(LoginError::NotFresh);
        }

        let userinfo: UserInfoClaims<DigitalIdClaims, CoreGenderClaim> = provider
            .client
            .user_info(token_response.access_token().clone(), Some(subject.clone()))
            .request_async(&self.measured(DigitalIdEndpoint::Userinfo))
            .await
            .map_err(|error| LoginError::Userinfo(error.to_string()))?;
        Ok(SignedIn {
            issuer: transaction.issuer.clone(),
            subject: subject.as_str().to_owned(),
            auth_time,
            session_id: logout_token::id_token_session_id(&id_token.to_string()),
            id_token: id_token.to_string(),
            given_name: userinfo.given_name().and_then(|claim| claim.get(None)).map(|name| name.as_str().to_owned()),
            family_name: userinfo.family_name().and_then(|claim| claim.get(None)).map(|name| name.as_str().to_owned()),
            phone_number: userinfo.phone_number().map(|phone| phone.as_str().to_owned()),
            email: userinfo.email().map(|email| email.as_str().to_owned()),
            claims: userinfo.additional_claims().clone(),
        })
    }

    /// Validates a back-channel Logout Token (OpenID Connect Back-Channel Logout 1.0 §2.6): signature by Digital
    /// ID's keys (fetched again once on an unknown `kid`), `typ`, `iss`, `aud`, `iat`, `exp`, the event, no `nonce`,
    /// `sub` or `sid`, and a `jti` not seen before (this instance remembers them for as long as `iat` is accepted).
    pub async fn validate_logout_token(&self, token: &str) -> Result<LogoutRequest, LogoutTokenError> {
        let expected = logout_token::Expected {
            issuer: self.registration.issuer.as_str(),
            client_id: self.registration.client_id.as_str(),
            now: Utc::now(),
        };
        let provider = self.provider();
        let request = match logout_token::validate(token, provider.metadata.jwks().keys(), &expected) {
            Err(LogoutTokenError::UnknownKey) => {
                let refreshed = self.refresh_keys().await.map_err(|_| LogoutTokenError::UnknownKey)?;
                logout_token::validate(token, refreshed.metadata.jwks().keys(), &expected)?
            }
            other => other?,
        };
        let mut seen = self.seen_logout_tokens.lock().unwrap_or_else(PoisonError::into_inner);
        let forget_before = expected.now - logout_token::MAX_LOGOUT_TOKEN_AGE - CLOCK_LEEWAY;
        seen.retain(|_, issued_at| *issued_at >= forget_before);
        if seen.insert(request.token_id.clone(), request.issued_at).is_some() {
            return Err(LogoutTokenError::Replayed);
        }
        Ok(request)
    }

    /// The ID-token verifier: RS256 only, a small leeway on expiry, `iat` neither in the future nor too old.
    fn verifier<'p>(&self, provider: &'p Provider) -> IdTokenVerifier<'p, CoreJsonWebKey> {
        provider
            .client
            .id_token_verifier()
            .set_allowed_algs(vec![CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256])
            .set_time_fn(|| Utc::now() - CLOCK_LEEWAY)
            .set_issue_time_verifier_fn(|iat| {
                let now = Utc::now();
                if iat > now + CLOCK_LEEWAY {
                    Err(format!("issued in the future ({iat})"))
                } else if iat < now - MAX_ID_TOKEN_AGE {
                    Err(format!("issued too long ago ({iat})"))
                } else {
                    Ok(())
                }
            })
    }

    fn check_id_token(
        &self,
        provider: &Provider,
        id_token: &CoreIdToken,
        nonce: &Nonce,
        access_token: &AccessToken,
    ) -> Result<VerifiedIdToken, IdTokenProblem> {
        let verifier = self.verifier(provider);
        let claims = match id_token.claims(&verifier, nonce) {
            Ok(claims) => claims,
            Err(ClaimsVerificationError::SignatureVerification(SignatureVerificationError::NoMatchingKey)) => {
                return Err(IdTokenProblem::UnknownKey);
            }
            Err(error) => return Err(IdTokenProblem::Claims(error.to_string())),
        };
        // azp: with several audiences it must name us; when present it must always name us.
        if let Some(azp) = claims.authorized_party()
            && azp != &self.registration.client_id
        {
            return Err(IdTokenProblem::Claims("azp names another client".into()));
        }
        if claims.audiences().len() > 1 && claims.authorized_party().is_none() {
            return Err(IdTokenProblem::Claims("several audiences without azp".into()));
        }
        // at_hash: optional in the code flow, but when present it must match the access token.
        if let Some(expected) = claims.access_token_hash() {
            let alg = id_token.signing_alg().map_err(|error| IdTokenProblem::Claims(error.to_string()))?;
            let key = id_token.signing_key(&verifier).map_err(|error| IdTokenProblem::Claims(error.to_string()))?;
            let actual = AccessTokenHash::from_token(access_token, alg, key)
                .map_err(|error| IdTokenProblem::Claims(error.to_string()))?;
            if &actual != expected {
                return Err(IdTokenProblem::Claims("at_hash does not match the access token".into()));
            }
        }
        Ok(VerifiedIdToken {
            subject: claims.subject().clone(),
            auth_time: claims.auth_time().map(|time| time.timestamp()),
        })
    }

    /// Re-discovers the provider (and so its JWKS), at most once per [`KEY_REFRESH_INTERVAL`].
    async fn refresh_keys(&self) -> Result<Arc<Provider>, DiscoveryError> {
        {
            let mut last = self.last_key_refresh.lock().unwrap_or_else(PoisonError::into_inner);
            if last.is_some_and(|at| at.elapsed() < KEY_REFRESH_INTERVAL) {
                return Ok(self.provider());
            }
            *last = Some(Instant::now());
        }
        tracing::info!(issuer = %self.registration.issuer.as_str(), "unknown signing key: fetching Digital ID's keys again");
        let provider = Arc::new(fetch_provider(&self.registration, &self.http, &self.calls).await?);
        *self.provider.write().unwrap_or_else(PoisonError::into_inner) = provider.clone();
        Ok(provider)
    }
}

/// What a verified ID token says that we keep.
struct VerifiedIdToken {
    subject: SubjectIdentifier,
    auth_time: Option<i64>,
}

#[derive(Debug, thiserror::Error)]
enum IdTokenProblem {
    #[error("signed by an unknown key")]
    UnknownKey,
    #[error("{0}")]
    Claims(String),
}

/// The callback's `error`, as far as it is an OAuth error code (RFC 6749 §4.1.2.1: printable ASCII without quote and
/// backslash, here at most 64 long); anything else — a newline that would split a log line, Thai or other text — is
/// not repeated.
fn oauth_error_code(error: &str) -> String {
    let printable = |c: char| matches!(c, ' '..='~') && c != '"' && c != '\\';
    if !error.is_empty() && error.len() <= 64 && error.chars().all(printable) {
        error.to_owned()
    } else {
        "(not an OAuth error code)".to_owned()
    }
}

fn describe_token_error<E: std::error::Error>(error: &E) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
