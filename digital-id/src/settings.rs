//! What the simulator is told at start: its issuer URL, its database, the registered clients, and whether fault
//! modes may be switched on.

use std::fmt;

use domain::database::DatabaseUrl;
use serde::Deserialize;

/// The simulator's configuration.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The issuer identifier and base URL, without a trailing slash, e.g. `http://127.0.0.1:3002`.
    pub issuer: String,
    /// Where accounts, consents and signing keys are kept.
    pub database_url: DatabaseUrl,
    /// Whether `/_sim/faults` may switch fault modes on. Refused unless the issuer is a loopback address.
    pub enable_faults: bool,
    /// The registered relying parties.
    pub clients: Vec<Client>,
}

/// A registered relying party.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Client {
    /// `client_id`.
    pub client_id: String,
    /// The Thai name shown on the sign-in and consent pages.
    pub name: String,
    /// The client secret as issued to the client.
    pub secret: ClientSecret,
    /// How the client must present the secret at the token endpoint.
    #[serde(default = "dga")]
    pub secret_hashing: SecretHashing,
    /// Exactly matched redirect URIs.
    pub redirect_uris: Vec<String>,
    /// Exactly matched `post_logout_redirect_uri`s.
    #[serde(default)]
    pub post_logout_redirect_uris: Vec<String>,
    /// Where a Logout Token is posted when a session this client took part in ends (OpenID Connect Back-Channel
    /// Logout 1.0); none, no back-channel logout.
    #[serde(default)]
    pub backchannel_logout_uri: Option<String>,
}

fn dga() -> SecretHashing {
    SecretHashing::Dga
}

/// How a client presents its secret, as the real Digital ID requires (`Dga`) or as standard providers do (`Plain`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SecretHashing {
    /// md5 hex of (secret + "EGA"), 7 rounds: see [`crate::client_secret::dga_hash`].
    Dga,
    /// The secret itself.
    Plain,
}

/// A client secret whose `Debug` never shows it.
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub struct ClientSecret(String);

impl ClientSecret {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    /// The secret itself, for comparing with what a client presents.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClientSecret(***)")
    }
}

/// Why the settings were refused.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// Fault modes on a non-loopback issuer.
    #[error("fault modes can only be enabled for a loopback issuer (http://127.0.0.1…, http://localhost…), not {0}")]
    FaultsOutsideLoopback(String),
    /// A malformed issuer.
    #[error("the issuer must be an absolute http(s) URL without a trailing slash, query or fragment: {0}")]
    Issuer(String),
    /// A client registration problem.
    #[error("client {client_id}: {reason}")]
    Client {
        /// The client.
        client_id: String,
        /// What is wrong.
        reason: &'static str,
    },
}

impl Settings {
    /// Checks the settings; the simulator refuses to start with settings that fail here.
    pub fn check(&self) -> Result<(), SettingsError> {
        let parsed = url::Url::parse(&self.issuer).map_err(|_| SettingsError::Issuer(self.issuer.clone()))?;
        if !matches!(parsed.scheme(), "http" | "https")
            || self.issuer.ends_with('/')
            || parsed.query().is_some()
            || parsed.fragment().is_some()
        {
            return Err(SettingsError::Issuer(self.issuer.clone()));
        }
        if self.enable_faults && !is_loopback(&parsed) {
            return Err(SettingsError::FaultsOutsideLoopback(self.issuer.clone()));
        }
        for client in &self.clients {
            let problem = |reason| SettingsError::Client { client_id: client.client_id.clone(), reason };
            if client.client_id.trim().is_empty() {
                return Err(problem("client_id is empty"));
            }
            if client.secret.expose().trim().is_empty() {
                return Err(problem("secret is empty"));
            }
            if client.redirect_uris.is_empty() {
                return Err(problem("at least one redirect URI is required"));
            }
            let uris = client.redirect_uris.iter().chain(&client.post_logout_redirect_uris);
            if uris.chain(&client.backchannel_logout_uri).any(|uri| !is_redirect_uri(uri)) {
                return Err(problem("redirect URIs must be absolute http(s) URLs without a fragment"));
            }
        }
        Ok(())
    }

    /// The client registered as `client_id`.
    pub fn client(&self, client_id: &str) -> Option<&Client> {
        self.clients.iter().find(|client| client.client_id == client_id)
    }

    /// Whether cookies must carry `Secure` (an https issuer).
    pub fn secure_cookies(&self) -> bool {
        self.issuer.starts_with("https://")
    }
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

fn is_redirect_uri(uri: &str) -> bool {
    url::Url::parse(uri).is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.fragment().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(issuer: &str, enable_faults: bool) -> Settings {
        Settings {
            issuer: issuer.into(),
            database_url: DatabaseUrl::new("sqlite::memory:"),
            enable_faults,
            clients: vec![Client {
                client_id: "rp".into(),
                name: "ระบบทดสอบ".into(),
                secret: ClientSecret::new("secret"),
                secret_hashing: SecretHashing::Dga,
                redirect_uris: vec!["http://127.0.0.1:3000/auth/callback".into()],
                post_logout_redirect_uris: vec![],
                backchannel_logout_uri: None,
            }],
        }
    }

    #[test]
    fn fault_modes_are_refused_for_a_public_issuer() {
        assert!(matches!(
            settings("https://id.example.go.th", true).check(),
            Err(SettingsError::FaultsOutsideLoopback(_))
        ));
        assert!(settings("https://id.example.go.th", false).check().is_ok());
        assert!(settings("http://127.0.0.1:3002", true).check().is_ok());
        assert!(settings("http://localhost:3002", true).check().is_ok());
    }

    #[test]
    fn an_issuer_with_a_trailing_slash_is_refused() {
        assert!(matches!(settings("http://127.0.0.1:3002/", false).check(), Err(SettingsError::Issuer(_))));
    }

    #[test]
    fn a_client_secret_never_shows_in_debug_output() {
        let text = format!("{:?}", settings("http://127.0.0.1:3002", false));
        assert!(!text.contains("\"secret\""), "{text}");
        assert!(text.contains("ClientSecret(***)"));
    }
}
