//! The running simulator: its shared state, opening it (database, migrations, first key) and serving it.

use std::future::Future;
use std::sync::Arc;

use rsa::RsaPrivateKey;
use sea_orm::DatabaseConnection;
use sea_orm_migration::MigratorTrait;
use tokio::net::TcpListener;

use crate::faults::{FaultSwitch, RequestCounts};
use crate::grants::Grants;
use crate::keys::{KeyError, KeyStore};
use crate::migration::Migrator;
use crate::serving::ConnectionLimits;
use crate::settings::{Settings, SettingsError};
use crate::throttle::Throttle;

/// Everything a request handler may touch.
pub struct SimState {
    /// The checked settings.
    pub settings: Settings,
    /// The simulator's own database.
    pub db: DatabaseConnection,
    /// Signing keys.
    pub keys: KeyStore,
    /// Sessions, codes and access tokens.
    pub grants: Grants,
    /// Fault modes in force.
    pub faults: FaultSwitch,
    /// What was asked, for tests.
    pub counts: RequestCounts,
    /// Wrong-password counts per login and client address.
    pub throttle: Throttle,
    /// A key that is never published, for the `unknown_kid` fault.
    pub unpublished_key: tokio::sync::OnceCell<RsaPrivateKey>,
}

/// A ready simulator; cheap to clone.
#[derive(Clone)]
pub struct Simulator {
    state: Arc<SimState>,
}

/// Why the simulator could not start.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The settings were refused.
    #[error(transparent)]
    Settings(#[from] SettingsError),
    /// The database could not be opened.
    #[error(transparent)]
    Database(#[from] domain::database::OpenError),
    /// Migrations failed.
    #[error("migrating the simulator's database: {0}")]
    Migrate(#[from] sea_orm::DbErr),
    /// The first signing key could not be made.
    #[error(transparent)]
    Keys(#[from] KeyError),
}

impl Simulator {
    /// Checks the settings, opens and migrates the database and makes sure a signing key exists.
    pub async fn open(settings: Settings) -> Result<Self, OpenError> {
        settings.check()?;
        let db = domain::database::connect(&settings.database_url).await?;
        Migrator::up(&db, None).await?;
        let keys = KeyStore::new(db.clone());
        keys.ensure_active().await?;
        let state = SimState {
            settings,
            db,
            keys,
            grants: Grants::default(),
            faults: FaultSwitch::default(),
            counts: RequestCounts::default(),
            throttle: Throttle::default(),
            unpublished_key: tokio::sync::OnceCell::new(),
        };
        Ok(Self { state: Arc::new(state) })
    }

    /// The shared state (tests switch faults and rotate keys through it).
    pub fn state(&self) -> &Arc<SimState> {
        &self.state
    }

    /// The issuer identifier.
    pub fn issuer(&self) -> &str {
        &self.state.settings.issuer
    }

    /// All routes.
    pub fn router(&self) -> axum::Router {
        crate::router::router(self.state.clone())
    }

    /// Serves within `limits` (connection timeouts and cap) until `shutdown` resolves. Handlers see the peer's
    /// address (password throttling counts per address).
    pub async fn serve(
        self,
        listener: TcpListener,
        limits: ConnectionLimits,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        tracing::info!(issuer = %self.issuer(), clients = self.state.settings.clients.len(), "Digital ID simulator ready");
        crate::serving::serve(listener, self.router(), limits, shutdown).await
    }
}
