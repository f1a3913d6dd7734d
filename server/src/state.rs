//! What every request handler and server function can reach.

use std::sync::Arc;

use axum::extract::FromRef;
use domain::activation::AttemptLimits;
use domain::citizen_id::CitizenIdKey;
use domain::sessions::SessionPolicy;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;

use crate::config::Settings;
use crate::cookies::CookiePolicy;
use crate::metrics::{DigitalIdCalls, Metrics};
use crate::probes::Readiness;
use crate::relying_party::{DiscoveryError, RelyingParty};
use crate::web_security::origin_of;

/// Shared, cheaply cloned application state.
#[derive(Clone, Debug)]
pub struct AppState {
    /// Leptos's options, derived from [`Settings`].
    pub leptos_options: LeptosOptions,
    /// The database pool.
    pub db: DatabaseConnection,
    /// The checked configuration.
    pub settings: Arc<Settings>,
    /// Digital ID, discovered on first use.
    pub digital_id: Arc<DigitalId>,
    /// How cookies are named and flagged.
    pub cookies: CookiePolicy,
    /// Our origin (`scheme://host[:port]`): the only one allowed to POST.
    pub site_origin: String,
    /// Digital ID's origin (forms may redirect there).
    pub digital_id_origin: String,
    /// The key of the citizen ID's keyed hash.
    pub citizen_id_key: CitizenIdKey,
    /// Session lifetimes.
    pub session_policy: SessionPolicy,
    /// Activation guessing limits.
    pub attempt_limits: AttemptLimits,
    /// Whether this instance is being taken out of service (`/readyz`).
    pub readiness: Arc<Readiness>,
    /// The Prometheus metrics, served on the operator address only ([`crate::operator`]).
    pub metrics: Metrics,
}

impl AppState {
    /// The state for these settings and database.
    pub fn new(settings: Settings, db: DatabaseConnection) -> Self {
        let issuer = settings.issuer();
        let session_policy = SessionPolicy {
            idle_timeout: chrono::Duration::minutes(i64::from(settings.session.idle_timeout_minutes)),
            absolute_timeout: chrono::Duration::hours(i64::from(settings.session.absolute_timeout_hours)),
        };
        let settings = Arc::new(settings);
        let metrics = Metrics::new();
        let calls = metrics.digital_id();
        Self {
            leptos_options: leptos_options(&settings),
            db,
            cookies: CookiePolicy { secure: settings.secure_cookies() },
            site_origin: origin_of(&settings.site.base_url),
            digital_id_origin: origin_of(&issuer),
            citizen_id_key: CitizenIdKey::new(settings.citizen_id_key.expose().as_bytes().to_vec()),
            session_policy,
            attempt_limits: AttemptLimits::default(),
            readiness: Arc::default(),
            metrics,
            digital_id: Arc::new(DigitalId {
                settings: settings.clone(),
                issuer,
                calls,
                relying_party: Default::default(),
            }),
            settings,
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// Digital ID as the back office uses it: discovered on first use (not at start, so the back office starts — and
/// signed-in officers keep working — while Digital ID is unreachable), and again on the next use after a failure.
#[derive(Debug)]
pub struct DigitalId {
    settings: Arc<Settings>,
    /// The issuer in use.
    pub issuer: String,
    /// Where its requests are timed and their failures counted.
    calls: DigitalIdCalls,
    relying_party: tokio::sync::OnceCell<Arc<RelyingParty>>,
}

impl DigitalId {
    /// The relying party, discovering Digital ID first if that has not succeeded yet.
    pub async fn relying_party(&self) -> Result<Arc<RelyingParty>, DiscoveryError> {
        self.relying_party
            .get_or_try_init(|| async {
                RelyingParty::discover_measured(&self.settings, &self.issuer, self.calls.clone()).await.map(Arc::new)
            })
            .await
            .cloned()
    }
}

/// The name cargo-leptos gives the JS, WASM and CSS bundles (`output-name` in Cargo.toml).
pub const OUTPUT_NAME: &str = "info-backoffice";

/// Leptos's options for these settings.
pub fn leptos_options(settings: &Settings) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(settings.site.root.to_string_lossy().as_ref())
        .site_pkg_dir("pkg")
        .site_addr(settings.site.address)
        .build()
}
