//! The server's runtime configuration: `Leptos.toml`, each key overridable by an environment variable, secrets also
//! readable from a file named by `<NAME>_FILE`. Values are checked here, once, so the rest of the server can trust
//! them.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

use digital_id::serving::ConnectionLimits;
use domain::assurance::{AssurancePolicy, IalLevel};
use domain::database::DatabaseUrl;
use serde::Deserialize;

use crate::client_address::TrustedProxies;

/// Each key of `Leptos.toml`, the environment variable that overrides it, and whether it is a secret (secrets may
/// also come from `<NAME>_FILE`). The README's configuration table lists the same.
pub const KEYS: &[(&str, &str, Secrecy)] = &[
    ("site.address", "LEPTOS_SITE_ADDR", Secrecy::Public),
    ("site.base_url", "APP_BASE_URL", Secrecy::Public),
    ("site.root", "LEPTOS_SITE_ROOT", Secrecy::Public),
    ("site.header_read_timeout_seconds", "SITE_HEADER_READ_TIMEOUT_SECONDS", Secrecy::Public),
    ("site.idle_timeout_seconds", "SITE_IDLE_TIMEOUT_SECONDS", Secrecy::Public),
    ("site.body_timeout_seconds", "SITE_BODY_TIMEOUT_SECONDS", Secrecy::Public),
    ("site.max_connections", "SITE_MAX_CONNECTIONS", Secrecy::Public),
    ("site.trusted_proxies", "SITE_TRUSTED_PROXIES", Secrecy::Public),
    ("site.shutdown_grace_seconds", "SITE_SHUTDOWN_GRACE_SECONDS", Secrecy::Public),
    ("operator.address", "OPERATOR_ADDRESS", Secrecy::Public),
    ("housekeeping.interval_seconds", "HOUSEKEEPING_INTERVAL_SECONDS", Secrecy::Public),
    ("housekeeping.audit_retention_days", "AUDIT_RETENTION_DAYS", Secrecy::Public),
    ("database.url", "DATABASE_URL", Secrecy::Secret),
    ("digital_id.issuer", "DIGITAL_ID_ISSUER", Secrecy::Public),
    ("digital_id.client_id", "DIGITAL_ID_CLIENT_ID", Secrecy::Public),
    ("digital_id.client_secret", "DIGITAL_ID_CLIENT_SECRET", Secrecy::Secret),
    ("digital_id.secret_hashing", "DIGITAL_ID_SECRET_HASHING", Secrecy::Public),
    ("digital_id.scopes", "DIGITAL_ID_SCOPES", Secrecy::Public),
    ("digital_id.assurance_url", "DIGITAL_ID_ASSURANCE_URL", Secrecy::Public),
    ("session.idle_timeout_minutes", "SESSION_IDLE_TIMEOUT_MINUTES", Secrecy::Public),
    ("session.absolute_timeout_hours", "SESSION_ABSOLUTE_TIMEOUT_HOURS", Secrecy::Public),
    ("privacy.citizen_id_key", "CITIZEN_ID_KEY", Secrecy::Secret),
    ("assurance.citizen_id_min_ial", "ASSURANCE_CITIZEN_ID_MIN_IAL", Secrecy::Public),
    ("assurance.contact_center_min_ial", "ASSURANCE_CONTACT_CENTER_MIN_IAL", Secrecy::Public),
    ("assurance.central_min_ial", "ASSURANCE_CENTRAL_MIN_IAL", Secrecy::Public),
    ("assurance.agency_min_ial", "ASSURANCE_AGENCY_MIN_IAL", Secrecy::Public),
    ("assurance.service_point_min_ial", "ASSURANCE_SERVICE_POINT_MIN_IAL", Secrecy::Public),
    ("simulator.address", "SIMULATOR_ADDR", Secrecy::Public),
    ("simulator.database_url", "SIMULATOR_DATABASE_URL", Secrecy::Secret),
    ("simulator.enable_faults", "SIMULATOR_ENABLE_FAULTS", Secrecy::Public),
];

/// Whether a key may hold a secret (and so may also be read from `<NAME>_FILE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Secrecy {
    /// An ordinary value.
    Public,
    /// A password, key or URL with credentials.
    Secret,
}

/// The whole, checked configuration.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Where and how the site is served.
    pub site: SiteSettings,
    /// The database URL (SQLite or PostgreSQL).
    pub database_url: DatabaseUrl,
    /// How to reach Digital ID.
    pub digital_id: DigitalIdSettings,
    /// Officers' session lifetimes.
    pub session: SessionSettings,
    /// The key of the citizen ID's keyed hash (`CITIZEN_ID_KEY`[`_FILE`]).
    pub citizen_id_key: Secret,
    /// How well Digital ID must know a person: for their citizen ID to count, and per role (`[assurance]`,
    /// `ASSURANCE_*_MIN_IAL`).
    pub assurance: AssurancePolicy,
    /// The built-in Digital ID simulator; `Some` exactly when no external issuer is configured.
    pub simulator: Option<SimulatorSettings>,
    /// The operators' listener (metrics), `None` when switched off (`OPERATOR_ADDRESS` empty).
    pub operator_address: Option<SocketAddr>,
    /// Clearing out what has expired, and how long the audit log is kept.
    pub housekeeping: HousekeepingSettings,
}

/// `[housekeeping]`
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HousekeepingSettings {
    /// How often expired sessions, logins in progress, flashes and old activation tries are deleted, by one instance
    /// at a time (`HOUSEKEEPING_INTERVAL_SECONDS`).
    pub interval: std::time::Duration,
    /// Audit entries older than this are deleted; `None` keeps every entry (`AUDIT_RETENTION_DAYS`, 0 = keep).
    pub audit_retention_days: Option<u32>,
}

/// The shortest audit retention accepted, in days. The database's own trigger refuses to delete a younger entry
/// (`m20261213_000001_audit_retention`), whatever the configuration or a compromised server says.
pub const AUDIT_RETENTION_MINIMUM_DAYS: u32 = domain::housekeeping::AUDIT_RETENTION_FLOOR_DAYS;

/// `[simulator]`: the built-in Digital ID simulator, started with the server when `digital_id.issuer` is empty.
#[derive(Clone, Debug)]
pub struct SimulatorSettings {
    /// Where it listens (`SIMULATOR_ADDR`); its issuer is `http://{address}`.
    pub address: SocketAddr,
    /// Its own database of accounts, consents and keys (`SIMULATOR_DATABASE_URL`).
    pub database_url: DatabaseUrl,
    /// Whether tests may switch fault modes on at run time (`SIMULATOR_ENABLE_FAULTS`).
    pub enable_faults: bool,
}

impl SimulatorSettings {
    /// The simulator's issuer identifier.
    pub fn issuer(&self) -> String {
        format!("http://{}", self.address)
    }
}

/// `[site]`
#[derive(Clone, Debug)]
pub struct SiteSettings {
    /// The listening address (`LEPTOS_SITE_ADDR`).
    pub address: SocketAddr,
    /// The public base URL without a trailing slash (`APP_BASE_URL`).
    pub base_url: String,
    /// The folder of the built site assets (`LEPTOS_SITE_ROOT`).
    pub root: PathBuf,
    /// Connection timeouts and cap, for the site and the built-in simulator alike (`SITE_HEADER_READ_TIMEOUT_SECONDS`,
    /// `SITE_IDLE_TIMEOUT_SECONDS`, `SITE_BODY_TIMEOUT_SECONDS`, `SITE_MAX_CONNECTIONS`; see
    /// [`digital_id::serving`]).
    pub connections: ConnectionLimits,
    /// The reverse proxies whose `X-Forwarded-For` names the client (`SITE_TRUSTED_PROXIES`: addresses and CIDR
    /// ranges separated by spaces or commas); empty believes only the socket peer.
    pub trusted_proxies: TrustedProxies,
    /// On SIGTERM, how long `/readyz` says "draining" while the listener still accepts, so load balancers stop
    /// sending before connections are refused (`SITE_SHUTDOWN_GRACE_SECONDS`).
    pub shutdown_grace: std::time::Duration,
}

/// `[digital_id]`
#[derive(Clone, Debug)]
pub struct DigitalIdSettings {
    /// The external issuer, or `None` for the built-in simulator (`DIGITAL_ID_ISSUER`).
    pub issuer: Option<String>,
    /// Our client id (`DIGITAL_ID_CLIENT_ID`).
    pub client_id: String,
    /// Our client secret (`DIGITAL_ID_CLIENT_SECRET`[`_FILE`]); required with an external issuer.
    pub client_secret: Option<Secret>,
    /// How the secret is sent (`DIGITAL_ID_SECRET_HASHING`).
    pub secret_hashing: SecretHashing,
    /// Scopes requested at sign-in, always including `openid` (`DIGITAL_ID_SCOPES`).
    pub scopes: Vec<String>,
    /// Digital ID's page where a person raises their identity assurance, linked from the page for an account below
    /// its role's level (`DIGITAL_ID_ASSURANCE_URL`); `None`: see [`Settings::assurance_url`].
    pub assurance_url: Option<String>,
}

/// How the client secret is presented to the token endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SecretHashing {
    /// The real Digital ID's scheme: md5 of secret + "EGA", 7 rounds, lowercase hex.
    Dga,
    /// The secret as it is (standard OpenID Providers).
    Plain,
}

/// `[session]`
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionSettings {
    /// Minutes without a request after which a session ends (`SESSION_IDLE_TIMEOUT_MINUTES`).
    pub idle_timeout_minutes: u32,
    /// Hours after sign-in after which a session ends regardless (`SESSION_ABSOLUTE_TIMEOUT_HOURS`).
    pub absolute_timeout_hours: u32,
}

/// A secret string whose `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Why the configuration was refused. Each message names the key and its environment variable.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read the configuration file {path}: {source}")]
    ReadFile {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A `<NAME>_FILE` could not be read.
    #[error("cannot read {variable} ({path}): {source}")]
    ReadSecretFile {
        /// The `<NAME>_FILE` variable.
        variable: String,
        /// The file it names.
        path: String,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// Both `<NAME>` and `<NAME>_FILE` are set.
    #[error("both {0} and {0}_FILE are set; set only one")]
    Ambiguous(&'static str),
    /// The file's syntax or a value's type is wrong, or a key is unknown.
    #[error("invalid configuration: {0}")]
    Parse(#[from] config::ConfigError),
    /// A value is well-formed but not acceptable.
    #[error("invalid {key} (environment variable {variable}): {reason}")]
    Invalid {
        /// The key in `Leptos.toml`.
        key: &'static str,
        /// Its environment variable.
        variable: &'static str,
        /// What is wrong.
        reason: String,
    },
}

/// The file as written, before checks.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    site: RawSite,
    database: RawDatabase,
    digital_id: RawDigitalId,
    session: RawSession,
    privacy: RawPrivacy,
    assurance: RawAssurance,
    simulator: RawSimulator,
    operator: RawOperator,
    housekeeping: RawHousekeeping,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOperator {
    address: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHousekeeping {
    interval_seconds: u64,
    audit_retention_days: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAssurance {
    citizen_id_min_ial: String,
    contact_center_min_ial: String,
    central_min_ial: String,
    agency_min_ial: String,
    service_point_min_ial: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrivacy {
    citizen_id_key: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSimulator {
    address: String,
    database_url: String,
    enable_faults: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    address: String,
    base_url: String,
    root: String,
    header_read_timeout_seconds: u64,
    idle_timeout_seconds: u64,
    body_timeout_seconds: u64,
    max_connections: usize,
    trusted_proxies: String,
    shutdown_grace_seconds: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDatabase {
    url: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDigitalId {
    issuer: String,
    client_id: String,
    client_secret: String,
    secret_hashing: SecretHashing,
    scopes: String,
    assurance_url: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSession {
    idle_timeout_minutes: u32,
    absolute_timeout_hours: u32,
}

impl Settings {
    /// Reads `path` and applies the process environment.
    pub fn load(path: &std::path::Path) -> Result<Self, ConfigError> {
        let text =
            std::fs::read_to_string(path).map_err(|source| ConfigError::ReadFile { path: path.to_owned(), source })?;
        Self::from_sources(&text, |name| std::env::var(name).ok())
    }

    /// Parses the TOML `text`, then applies overrides from `env` (a lookup such as `std::env::var`).
    pub fn from_sources(text: &str, env: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mut builder = config::Config::builder().add_source(config::File::from_str(text, config::FileFormat::Toml));
        for &(key, variable, secrecy) in KEYS {
            builder = builder.set_override_option(key, lookup(&env, variable, secrecy)?)?;
        }
        let raw: RawSettings = builder.build()?.try_deserialize()?;
        raw.check()
    }
}

/// The value of `variable`, or for a secret the trimmed contents of the file named by `<variable>_FILE`.
fn lookup(
    env: &impl Fn(&str) -> Option<String>,
    variable: &'static str,
    secrecy: Secrecy,
) -> Result<Option<String>, ConfigError> {
    let direct = env(variable);
    if secrecy == Secrecy::Public {
        return Ok(direct);
    }
    let file_variable = format!("{variable}_FILE");
    match (direct, env(&file_variable)) {
        (Some(_), Some(_)) => Err(ConfigError::Ambiguous(variable)),
        (Some(value), None) => Ok(Some(value)),
        (None, Some(path)) => std::fs::read_to_string(&path)
            .map(|contents| Some(contents.trim().to_owned()))
            .map_err(|source| ConfigError::ReadSecretFile { variable: file_variable, path, source }),
        (None, None) => Ok(None),
    }
}

/// The longest drain accepted: beyond it a deployment waits for nothing.
const MAX_SHUTDOWN_GRACE_SECONDS: u64 = 300;

fn invalid(key: &'static str, reason: impl Into<String>) -> ConfigError {
    let variable = KEYS.iter().find(|(k, _, _)| *k == key).map_or("?", |(_, variable, _)| variable);
    ConfigError::Invalid { key, variable, reason: reason.into() }
}

impl RawSettings {
    fn check(self) -> Result<Settings, ConfigError> {
        let address = self
            .site
            .address
            .parse()
            .map_err(|_| invalid("site.address", "expected host:port, e.g. 127.0.0.1:3000"))?;
        let base_url = check_url(&self.site.base_url).map_err(|reason| invalid("site.base_url", reason))?;
        if self.site.root.trim().is_empty() {
            return Err(invalid("site.root", "must name a folder"));
        }
        let connections = ConnectionLimits::from_settings(
            self.site.header_read_timeout_seconds,
            self.site.idle_timeout_seconds,
            self.site.body_timeout_seconds,
            self.site.max_connections,
        )
        .map_err(|error| {
            let key = match error.setting {
                "header_read_timeout_seconds" => "site.header_read_timeout_seconds",
                "idle_timeout_seconds" => "site.idle_timeout_seconds",
                "body_timeout_seconds" => "site.body_timeout_seconds",
                _ => "site.max_connections",
            };
            invalid(key, format!("must be {}", error.allowed))
        })?;
        let trusted_proxies = TrustedProxies::parse(&self.site.trusted_proxies).map_err(|reason| {
            invalid("site.trusted_proxies", format!("{reason}; expected addresses or CIDR ranges"))
        })?;
        if self.site.shutdown_grace_seconds > MAX_SHUTDOWN_GRACE_SECONDS {
            return Err(invalid("site.shutdown_grace_seconds", format!("must be 0 to {MAX_SHUTDOWN_GRACE_SECONDS}")));
        }
        let shutdown_grace = std::time::Duration::from_secs(self.site.shutdown_grace_seconds);
        let operator_address = match self.operator.address.trim() {
            "" => None,
            text => {
                let operator: SocketAddr = text
                    .parse()
                    .map_err(|_| invalid("operator.address", "expected host:port, e.g. 127.0.0.1:9464, or empty"))?;
                if operator == address || (operator.port() == address.port() && operator.ip().is_unspecified()) {
                    return Err(invalid(
                        "operator.address",
                        "must differ from site.address (never the public listener)",
                    ));
                }
                Some(operator)
            }
        };
        let housekeeping = HousekeepingSettings {
            interval: match self.housekeeping.interval_seconds {
                seconds @ 10..=86_400 => std::time::Duration::from_secs(seconds),
                _ => return Err(invalid("housekeeping.interval_seconds", "must be 10 to 86400")),
            },
            audit_retention_days: match self.housekeeping.audit_retention_days {
                0 => None,
                days if days < AUDIT_RETENTION_MINIMUM_DAYS => {
                    return Err(invalid(
                        "housekeeping.audit_retention_days",
                        format!("must be 0 (keep every entry) or at least {AUDIT_RETENTION_MINIMUM_DAYS}"),
                    ));
                }
                days => Some(days),
            },
        };
        let database_url = self.database.url.trim();
        if !(database_url.starts_with("sqlite:") || database_url.starts_with("postgres")) {
            return Err(invalid("database.url", "expected a sqlite:… or postgres://… URL"));
        }

        let issuer = match self.digital_id.issuer.trim() {
            "" => None,
            issuer => Some(check_url(issuer).map_err(|reason| invalid("digital_id.issuer", reason))?),
        };
        let client_id = self.digital_id.client_id.trim().to_owned();
        if client_id.is_empty() {
            return Err(invalid("digital_id.client_id", "must not be empty"));
        }
        let client_secret =
            Some(self.digital_id.client_secret.trim()).filter(|s| !s.is_empty()).map(|s| Secret(s.into()));
        if issuer.is_some() && client_secret.is_none() {
            return Err(invalid("digital_id.client_secret", "is required when an external issuer is configured"));
        }
        let assurance_url = match self.digital_id.assurance_url.trim() {
            "" => None,
            url => Some(check_url(url).map_err(|reason| invalid("digital_id.assurance_url", reason))?),
        };
        let scopes: Vec<String> = self.digital_id.scopes.split_whitespace().map(str::to_owned).collect();
        if !scopes.iter().any(|scope| scope == "openid") {
            return Err(invalid("digital_id.scopes", "must include openid"));
        }

        let session = SessionSettings {
            idle_timeout_minutes: self.session.idle_timeout_minutes,
            absolute_timeout_hours: self.session.absolute_timeout_hours,
        };
        if session.idle_timeout_minutes == 0 {
            return Err(invalid("session.idle_timeout_minutes", "must be at least 1"));
        }
        if session.absolute_timeout_hours == 0 {
            return Err(invalid("session.absolute_timeout_hours", "must be at least 1"));
        }
        if u64::from(session.idle_timeout_minutes) > u64::from(session.absolute_timeout_hours) * 60 {
            return Err(invalid("session.idle_timeout_minutes", "must not exceed the absolute timeout"));
        }

        // Officers' citizen IDs are stored only as a keyed hash; against the real Digital ID the key must be a real
        // secret. With the simulator (development, demos, tests: made-up people) a fixed key keeps data readable
        // across restarts.
        let citizen_id_key = match (self.privacy.citizen_id_key.trim(), &issuer) {
            ("", Some(_)) => {
                return Err(invalid("privacy.citizen_id_key", "is required when an external issuer is configured"));
            }
            ("", None) => Secret::new(DEVELOPMENT_CITIZEN_ID_KEY),
            (key, _) if key.len() < 32 => {
                return Err(invalid("privacy.citizen_id_key", "must be at least 32 characters"));
            }
            (key, _) => Secret::new(key),
        };

        let level = |key: &'static str, text: &str| {
            IalLevel::parse(text).ok_or_else(|| invalid(key, "expected an identity assurance level such as 1.3 or 2.3"))
        };
        let assurance = AssurancePolicy {
            citizen_id_minimum: level("assurance.citizen_id_min_ial", &self.assurance.citizen_id_min_ial)?,
            contact_center: level("assurance.contact_center_min_ial", &self.assurance.contact_center_min_ial)?,
            central: level("assurance.central_min_ial", &self.assurance.central_min_ial)?,
            agency: level("assurance.agency_min_ial", &self.assurance.agency_min_ial)?,
            service_point: level("assurance.service_point_min_ial", &self.assurance.service_point_min_ial)?,
        };
        // Below 1.3 Digital ID has checked nothing: a citizen ID that counts from there would be one merely typed.
        if assurance.citizen_id_minimum < IalLevel::LASER_CODE {
            return Err(invalid("assurance.citizen_id_min_ial", "must be at least 1.3 (below it nothing was proofed)"));
        }
        // Without these claims every person reads as unproofed, and nobody could get in.
        for claim in ["citizen_id_verified", "ial_level"] {
            if !scopes.iter().any(|scope| scope == claim) {
                return Err(invalid("digital_id.scopes", format!("must include {claim} (identity assurance)")));
            }
        }

        let simulator = match issuer {
            Some(_) => None,
            None => {
                let simulator_address: SocketAddr = self
                    .simulator
                    .address
                    .parse()
                    .map_err(|_| invalid("simulator.address", "expected host:port, e.g. 127.0.0.1:3002"))?;
                if !simulator_address.ip().is_loopback() {
                    return Err(invalid("simulator.address", "the simulator listens on a loopback address only"));
                }
                if simulator_address == address {
                    return Err(invalid("simulator.address", "must differ from site.address"));
                }
                let database_url = self.simulator.database_url.trim();
                if !database_url.starts_with("sqlite:") && !database_url.starts_with("postgres") {
                    return Err(invalid("simulator.database_url", "expected a sqlite:… or postgres://… URL"));
                }
                if database_url == self.database.url.trim() {
                    return Err(invalid("simulator.database_url", "must differ from database.url"));
                }
                Some(SimulatorSettings {
                    address: simulator_address,
                    database_url: DatabaseUrl::new(database_url),
                    enable_faults: self.simulator.enable_faults,
                })
            }
        };

        Ok(Settings {
            site: SiteSettings {
                address,
                base_url,
                root: PathBuf::from(self.site.root),
                connections,
                trusted_proxies,
                shutdown_grace,
            },
            database_url: DatabaseUrl::new(database_url),
            digital_id: DigitalIdSettings {
                issuer,
                client_id,
                client_secret,
                secret_hashing: self.digital_id.secret_hashing,
                scopes,
                assurance_url,
            },
            session,
            citizen_id_key,
            assurance,
            simulator,
            operator_address,
            housekeeping,
        })
    }
}

/// The built-in simulator's page where an account raises its identity assurance level.
const SIMULATOR_ASSURANCE_PATH: &str = "/Account/Assurance";

/// The citizen-ID hash key used with the built-in simulator only (never with a real Digital ID).
const DEVELOPMENT_CITIZEN_ID_KEY: &str = "info-backoffice development key: simulator only, never production";

impl Settings {
    /// The Digital ID issuer in use: the configured one, or the built-in simulator's.
    pub fn issuer(&self) -> String {
        match (&self.digital_id.issuer, &self.simulator) {
            (Some(issuer), _) => issuer.clone(),
            (None, Some(simulator)) => simulator.issuer(),
            (None, None) => unreachable!("checked: the simulator runs exactly when no issuer is configured"),
        }
    }

    /// Where a person raises their identity assurance at Digital ID: the configured page, else the built-in
    /// simulator's (`/Account/Assurance`) when it runs, else none (the page then explains without a link).
    pub fn assurance_url(&self) -> Option<String> {
        self.digital_id.assurance_url.clone().or_else(|| {
            self.simulator.as_ref().map(|simulator| format!("{}{SIMULATOR_ASSURANCE_PATH}", simulator.issuer()))
        })
    }

    /// Whether cookies can carry `Secure` and the `__Host-` prefix: the site is served over https.
    pub fn secure_cookies(&self) -> bool {
        self.site.base_url.starts_with("https://")
    }
}

/// An absolute http(s) URL without query or fragment, returned without its trailing slash. Plain `http` is allowed
/// only for loopback hosts (development and tests).
fn check_url(url: &str) -> Result<String, String> {
    let url = url.trim().trim_end_matches('/');
    let rest = if let Some(rest) = url.strip_prefix("https://") {
        rest
    } else if let Some(rest) = url.strip_prefix("http://") {
        let loopback = ["127.0.0.1", "localhost", "[::1]"]
            .iter()
            .any(|host| rest.strip_prefix(host).is_some_and(|after| after.is_empty() || after.starts_with([':', '/'])));
        if !loopback {
            return Err("must use https:// (plain http:// only for 127.0.0.1, localhost or [::1])".into());
        }
        rest
    } else {
        return Err("must start with https://".into());
    };
    if rest.is_empty() || rest.starts_with('/') {
        return Err("has no host".into());
    }
    if rest.contains(['?', '#', ' ']) {
        return Err("must not contain a query, fragment or space".into());
    }
    Ok(url.to_owned())
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    const SHIPPED: &str = include_str!("../../Leptos.toml");

    fn load(env: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let env: HashMap<String, String> = env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        Settings::from_sources(SHIPPED, |name| env.get(name).cloned())
    }

    #[test]
    fn the_shipped_file_gives_a_local_sqlite_setup_with_the_simulator() {
        let settings = load(&[]).expect("shipped Leptos.toml is valid");
        assert_eq!(settings.site.address, "127.0.0.1:3000".parse().expect("address"));
        assert_eq!(settings.site.base_url, "http://127.0.0.1:3000");
        assert!(settings.database_url.is_sqlite());
        assert_eq!(settings.digital_id.issuer, None);
        assert_eq!(settings.digital_id.secret_hashing, SecretHashing::Dga);
        assert_eq!(settings.session, SessionSettings { idle_timeout_minutes: 30, absolute_timeout_hours: 12 });
        assert_eq!(settings.assurance, AssurancePolicy::default(), "the file says what the code's defaults say");
        assert_eq!(settings.assurance_url().as_deref(), Some("http://127.0.0.1:3002/Account/Assurance"));
        assert_eq!(settings.site.connections, ConnectionLimits::DEFAULT, "the file repeats the code's defaults");
    }

    #[test]
    fn every_key_is_overridden_by_its_environment_variable() {
        let settings = load(&[
            ("LEPTOS_SITE_ADDR", "0.0.0.0:8080"),
            ("APP_BASE_URL", "https://admin.info.go.th/"),
            ("LEPTOS_SITE_ROOT", "/srv/site"),
            ("SITE_HEADER_READ_TIMEOUT_SECONDS", "5"),
            ("SITE_IDLE_TIMEOUT_SECONDS", "20"),
            ("SITE_BODY_TIMEOUT_SECONDS", "15"),
            ("SITE_MAX_CONNECTIONS", "256"),
            ("DATABASE_URL", "postgres://info:pw@db/info"),
            ("DIGITAL_ID_ISSUER", "https://connect.egov.go.th"),
            ("DIGITAL_ID_CLIENT_ID", "abc"),
            ("DIGITAL_ID_CLIENT_SECRET", "s3cret"),
            ("DIGITAL_ID_SECRET_HASHING", "plain"),
            ("DIGITAL_ID_SCOPES", "openid citizen_id citizen_id_verified ial_level"),
            ("DIGITAL_ID_ASSURANCE_URL", "https://connect.egov.go.th/Account/Assurance"),
            ("SESSION_IDLE_TIMEOUT_MINUTES", "15"),
            ("SESSION_ABSOLUTE_TIMEOUT_HOURS", "8"),
            ("CITIZEN_ID_KEY", "a production key of at least thirty-two characters"),
            ("ASSURANCE_CITIZEN_ID_MIN_IAL", "2.3"),
            ("ASSURANCE_CONTACT_CENTER_MIN_IAL", "2.3"),
            ("ASSURANCE_CENTRAL_MIN_IAL", "1.3"),
            ("ASSURANCE_AGENCY_MIN_IAL", "1.1"),
            ("ASSURANCE_SERVICE_POINT_MIN_IAL", "IAL1.2"),
        ])
        .expect("valid");
        assert_eq!(settings.site.address.port(), 8080);
        assert_eq!(settings.site.base_url, "https://admin.info.go.th", "trailing slash dropped");
        assert_eq!(settings.site.root, PathBuf::from("/srv/site"));
        assert_eq!(
            settings.site.connections,
            ConnectionLimits::from_settings(5, 20, 15, 256).expect("valid limits"),
            "connection limits"
        );
        assert_eq!(settings.database_url.expose(), "postgres://info:pw@db/info");
        assert_eq!(settings.digital_id.issuer.as_deref(), Some("https://connect.egov.go.th"));
        assert_eq!(settings.digital_id.client_id, "abc");
        assert_eq!(settings.digital_id.client_secret.as_ref().map(Secret::expose), Some("s3cret"));
        assert_eq!(settings.digital_id.secret_hashing, SecretHashing::Plain);
        assert_eq!(settings.digital_id.scopes, ["openid", "citizen_id", "citizen_id_verified", "ial_level"]);
        let level = |text| IalLevel::parse(text).expect("a level");
        assert_eq!(
            settings.assurance,
            AssurancePolicy {
                citizen_id_minimum: level("2.3"),
                contact_center: level("2.3"),
                central: level("1.3"),
                agency: level("1.1"),
                service_point: level("1.2"),
            }
        );
        assert_eq!(settings.session, SessionSettings { idle_timeout_minutes: 15, absolute_timeout_hours: 8 });
        assert_eq!(settings.citizen_id_key.expose(), "a production key of at least thirty-two characters");
        assert!(settings.secure_cookies());
        assert_eq!(settings.issuer(), "https://connect.egov.go.th");
        assert_eq!(settings.assurance_url().as_deref(), Some("https://connect.egov.go.th/Account/Assurance"));
    }

    #[test]
    fn the_documented_keys_match_the_file_one_to_one() {
        let table: toml_keys::Keys = toml_keys::of(SHIPPED);
        let documented: Vec<&str> = KEYS.iter().map(|(key, _, _)| *key).collect();
        assert_eq!(table, documented);
    }

    #[test]
    fn a_secret_is_read_from_its_file_variable_and_trimmed() {
        let dir = std::env::temp_dir().join(format!("info-config-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("secret");
        std::fs::write(&file, "from-file\n").expect("write");
        let path = file.to_string_lossy().into_owned();
        let settings = load(&[("DIGITAL_ID_CLIENT_SECRET_FILE", &path)]).expect("valid");
        assert_eq!(settings.digital_id.client_secret.as_ref().map(Secret::expose), Some("from-file"));
        let both = load(&[("DIGITAL_ID_CLIENT_SECRET_FILE", &path), ("DIGITAL_ID_CLIENT_SECRET", "x")]);
        assert!(matches!(both, Err(ConfigError::Ambiguous("DIGITAL_ID_CLIENT_SECRET"))));
        let missing = load(&[("DATABASE_URL_FILE", "/nonexistent/info-db-url")]);
        assert!(matches!(missing, Err(ConfigError::ReadSecretFile { .. })));
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }

    #[test]
    fn secrets_never_appear_in_debug_output() {
        let settings = load(&[
            ("DATABASE_URL", "postgres://info:db-password@db/info"),
            ("DIGITAL_ID_ISSUER", "https://connect.egov.go.th"),
            ("DIGITAL_ID_CLIENT_SECRET", "client-secret-value"),
            ("CITIZEN_ID_KEY", "citizen-id-key-value-of-thirty-two-chars"),
        ])
        .expect("valid");
        let debug = format!("{settings:?}");
        assert!(!debug.contains("db-password"), "{debug}");
        assert!(!debug.contains("client-secret-value"), "{debug}");
        assert!(!debug.contains("citizen-id-key-value"), "{debug}");
    }

    #[test]
    fn bad_values_are_refused_with_the_key_and_variable_named() {
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[("LEPTOS_SITE_ADDR", "nowhere")], "LEPTOS_SITE_ADDR"),
            (&[("SITE_HEADER_READ_TIMEOUT_SECONDS", "0")], "SITE_HEADER_READ_TIMEOUT_SECONDS"),
            (&[("SITE_IDLE_TIMEOUT_SECONDS", "0")], "SITE_IDLE_TIMEOUT_SECONDS"),
            (&[("SITE_BODY_TIMEOUT_SECONDS", "86400")], "SITE_BODY_TIMEOUT_SECONDS"),
            (&[("SITE_MAX_CONNECTIONS", "0")], "SITE_MAX_CONNECTIONS"),
            (&[("APP_BASE_URL", "http://info.example.go.th")], "APP_BASE_URL"),
            (&[("APP_BASE_URL", "ftp://x")], "APP_BASE_URL"),
            (&[("DIGITAL_ID_ISSUER", "http://connect.egov.go.th")], "DIGITAL_ID_ISSUER"),
            (&[("DATABASE_URL", "mysql://x")], "DATABASE_URL"),
            (&[("DIGITAL_ID_ISSUER", "https://connect.egov.go.th")], "DIGITAL_ID_CLIENT_SECRET"),
            (
                &[("DIGITAL_ID_ISSUER", "https://connect.egov.go.th"), ("DIGITAL_ID_CLIENT_SECRET", "s")],
                "CITIZEN_ID_KEY",
            ),
            (&[("CITIZEN_ID_KEY", "too short")], "CITIZEN_ID_KEY"),
            (&[("DIGITAL_ID_SCOPES", "profile email")], "DIGITAL_ID_SCOPES"),
            (&[("DIGITAL_ID_SCOPES", "openid citizen_id ial_level")], "DIGITAL_ID_SCOPES"),
            (&[("ASSURANCE_CENTRAL_MIN_IAL", "high")], "ASSURANCE_CENTRAL_MIN_IAL"),
            (&[("DIGITAL_ID_ASSURANCE_URL", "http://connect.egov.go.th/raise")], "DIGITAL_ID_ASSURANCE_URL"),
            (&[("ASSURANCE_CITIZEN_ID_MIN_IAL", "1.1")], "ASSURANCE_CITIZEN_ID_MIN_IAL"),
            (&[("SESSION_IDLE_TIMEOUT_MINUTES", "0")], "SESSION_IDLE_TIMEOUT_MINUTES"),
            (&[("SESSION_IDLE_TIMEOUT_MINUTES", "900")], "SESSION_IDLE_TIMEOUT_MINUTES"),
            (&[("SIMULATOR_ADDR", "0.0.0.0:3002")], "SIMULATOR_ADDR"),
            (&[("SIMULATOR_ADDR", "127.0.0.1:3000")], "SIMULATOR_ADDR"),
            (&[("SIMULATOR_DATABASE_URL", "sqlite://data/info-backoffice.db?mode=rwc")], "SIMULATOR_DATABASE_URL"),
        ];
        for (env, variable) in cases {
            let error = load(env).expect_err("refused").to_string();
            assert!(error.contains(variable), "{env:?}: {error}");
        }
    }

    #[test]
    fn the_simulator_runs_only_without_an_external_issuer() {
        let local = load(&[("SIMULATOR_ENABLE_FAULTS", "true")]).expect("valid");
        let simulator = local.simulator.expect("the simulator stands in for Digital ID");
        assert_eq!(simulator.issuer(), "http://127.0.0.1:3002");
        assert!(simulator.enable_faults);
        let external = load(&[
            ("DIGITAL_ID_ISSUER", "https://connect.egov.go.th"),
            ("DIGITAL_ID_CLIENT_SECRET", "s"),
            ("CITIZEN_ID_KEY", "a production key of at least thirty-two characters"),
        ])
        .expect("valid");
        assert!(external.simulator.is_none(), "never started beside the real Digital ID");
        assert_eq!(external.assurance_url(), None, "no link to a page we do not know");
    }

    #[test]
    fn an_unknown_hashing_scheme_or_key_is_refused() {
        assert!(load(&[("DIGITAL_ID_SECRET_HASHING", "sha1")]).is_err());
        let typo = SHIPPED.replace("idle_timeout_minutes", "idle_timout_minutes");
        assert!(Settings::from_sources(&typo, |_| None).is_err());
    }

    #[test]
    fn j7_no_proxy_is_trusted_by_default_and_site_trusted_proxies_takes_addresses_and_ranges() {
        assert!(load(&[]).expect("valid").site.trusted_proxies.is_empty(), "only the socket peer is believed");
        let settings = load(&[("SITE_TRUSTED_PROXIES", "10.0.0.5, 10.1.0.0/16 2001:db8::/32")]).expect("valid");
        let proxies = &settings.site.trusted_proxies;
        assert!(proxies.contains("10.0.0.5".parse().expect("ip")));
        assert!(proxies.contains("10.1.200.7".parse().expect("ip")));
        assert!(proxies.contains("2001:db8::1".parse().expect("ip")));
        assert!(!proxies.contains("10.0.0.6".parse().expect("ip")));
        for bad in ["proxy.internal", "10.0.0.0/40", "0.0.0.0/0"] {
            let error = load(&[("SITE_TRUSTED_PROXIES", bad)]).expect_err("refused").to_string();
            assert!(error.contains("SITE_TRUSTED_PROXIES") && error.contains("site.trusted_proxies"), "{error}");
        }
    }

    /// Lists the dotted keys of a two-level TOML file in order (enough for `Leptos.toml`).
    mod toml_keys {
        pub type Keys = Vec<String>;

        pub fn of(text: &str) -> Keys {
            let mut section = String::new();
            let mut keys = Vec::new();
            for line in text.lines().map(str::trim) {
                if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                    section = name.to_owned();
                } else if let Some((key, _)) = line.split_once('=').filter(|_| !line.starts_with('#')) {
                    keys.push(format!("{section}.{}", key.trim()));
                }
            }
            keys
        }
    }
}
