//! Opening the database: SQLite (the default, a file under `data/`) or PostgreSQL, chosen by the URL's scheme.

use std::fmt;
use std::path::Path;
use std::time::Duration;

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, Statement, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;

use crate::migration::Migrator;

/// A database URL whose `Display` and `Debug` never show a password, so it can be logged.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    /// Wraps a URL such as `sqlite://data/info-backoffice.db?mode=rwc` or `postgres://user:secret@host/db`.
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }

    /// The full URL, password included: only for handing to the driver.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True for `sqlite:` URLs.
    pub fn is_sqlite(&self) -> bool {
        self.0.starts_with("sqlite:")
    }

    /// The file an SQLite URL points at, if it names a file (not `:memory:` or `mode=memory`).
    pub fn sqlite_file(&self) -> Option<&Path> {
        let rest = self.0.strip_prefix("sqlite:")?;
        let rest = rest.strip_prefix("//").unwrap_or(rest);
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        if path.is_empty() || path == ":memory:" || query.split('&').any(|pair| pair == "mode=memory") {
            return None;
        }
        Some(Path::new(path))
    }

    /// The URL with any password replaced by `***`.
    pub fn redacted(&self) -> String {
        let Some((scheme, rest)) = self.0.split_once("://") else {
            return self.0.clone();
        };
        // The authority ends at the first '/', '?' or '#'; a password sits between ':' and '@' inside it.
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(authority_end);
        match authority.rsplit_once('@') {
            Some((userinfo, host)) => {
                let user = userinfo.split_once(':').map_or(userinfo, |(user, _)| user);
                let masked = if userinfo.contains(':') { format!("{user}:***") } else { user.to_owned() };
                format!("{scheme}://{masked}@{host}{tail}")
            }
            None => self.0.clone(),
        }
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DatabaseUrl").field(&self.redacted()).finish()
    }
}

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The directory for the SQLite file could not be created.
    #[error("cannot create the directory {path} for the SQLite database: {source}")]
    CreateDirectory {
        /// The directory that could not be created.
        path: String,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The driver refused the URL or could not connect.
    #[error("cannot connect to the database {url}: {source}")]
    Connect {
        /// The redacted URL.
        url: String,
        /// The driver's error.
        source: DbErr,
    },
}

/// Opens a connection pool; for an SQLite file, creates its directory first and switches the file to WAL mode
/// (readers never wait for the writer; the mode is stored in the file, so this runs once per start).
pub async fn connect(url: &DatabaseUrl) -> Result<DatabaseConnection, OpenError> {
    let sqlite_file = url.sqlite_file();
    if let Some(parent) = sqlite_file.and_then(Path::parent).filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|source| OpenError::CreateDirectory { path: parent.display().to_string(), source })?;
    }
    let mut options = ConnectOptions::new(url.expose());
    options.connect_timeout(Duration::from_secs(5)).acquire_timeout(Duration::from_secs(5)).sqlx_logging(false);
    // The pool pings a connection before lending it only when it has been idle a while, not on every query: a ping is
    // a round trip to the database, and every query already costs one more when the connection is given back (the
    // driver pings then too). A connection that broke while in use fails its next query once and is dropped.
    options.test_before_acquire_if_idle_for(Duration::from_secs(30));
    if url.is_sqlite() && sqlite_file.is_none() {
        // Every connection to `sqlite::memory:` is a separate, empty database: keep exactly one, and never let the
        // pool close it for idleness or age, which would silently empty the database.
        options.max_connections(1).min_connections(1).idle_timeout(None).max_lifetime(None);
    }
    let connect_error = |source| OpenError::Connect { url: url.redacted(), source };
    let db = Database::connect(options).await.map_err(connect_error)?;
    if db.get_database_backend() == DbBackend::Sqlite && sqlite_file.is_some() {
        db.execute_unprepared("PRAGMA journal_mode = WAL").await.map_err(connect_error)?;
    }
    Ok(db)
}

/// Applies every pending migration and returns how many ran.
///
/// On PostgreSQL several instances may start at once on one database (a rolling deploy, a scaled service): each
/// first takes an advisory lock, held by a transaction on a connection of its own, so one migrates while the others
/// wait and then find nothing pending (the migrations run on the pool's other connections: a PostgreSQL pool is never
/// held to one). Without it, two instances creating the same tables collide
/// (`duplicate key value violates unique constraint "pg_type_typname_nsp_index"`) and one exits.
pub async fn migrate(db: &DatabaseConnection) -> Result<usize, DbErr> {
    let lock = match db.get_database_backend() {
        DbBackend::Postgres => {
            let txn = db.begin().await?;
            txn.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_advisory_xact_lock($1)",
                [MIGRATION_LOCK_KEY.into()],
            ))
            .await?;
            Some(txn)
        }
        _ => None,
    };
    let pending = Migrator::get_pending_migrations(db).await?.len();
    Migrator::up(db, None).await?;
    if let Some(txn) = lock {
        txn.commit().await?;
    }
    Ok(pending)
}

/// The advisory-lock key under which migrations run (PostgreSQL): unique among this database's advisory locks.
const MIGRATION_LOCK_KEY: i64 = 0x11F0_316A;

/// Whether every migration this build knows has been applied (for readiness: an instance must not serve a schema it
/// does not expect).
pub async fn schema_is_current(db: &DatabaseConnection) -> Result<bool, DbErr> {
    Ok(Migrator::get_pending_migrations(db).await?.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgres_password_never_appears_in_display_or_debug() {
        let url = DatabaseUrl::new("postgres://info:s3cret@db.internal:5432/info?sslmode=require");
        assert_eq!(url.to_string(), "postgres://info:***@db.internal:5432/info?sslmode=require");
        assert!(!format!("{url:?}").contains("s3cret"));
    }

    #[test]
    fn a_url_without_password_is_shown_unchanged() {
        for raw in ["postgres://127.0.0.1:5432/test", "postgres://info@localhost/test", "sqlite://data/a.db?mode=rwc"] {
            assert_eq!(DatabaseUrl::new(raw).to_string(), raw);
        }
    }

    #[test]
    fn an_at_sign_in_the_path_is_not_mistaken_for_credentials() {
        assert_eq!(DatabaseUrl::new("postgres://host/db?user=a@b").to_string(), "postgres://host/db?user=a@b");
    }

    #[test]
    fn sqlite_file_urls_name_their_file_and_memory_urls_do_not() {
        assert_eq!(
            DatabaseUrl::new("sqlite://data/info-backoffice.db?mode=rwc").sqlite_file(),
            Some(Path::new("data/info-backoffice.db"))
        );
        assert_eq!(
            DatabaseUrl::new("sqlite:///var/lib/info/db.sqlite").sqlite_file(),
            Some(Path::new("/var/lib/info/db.sqlite"))
        );
        assert_eq!(DatabaseUrl::new("sqlite::memory:").sqlite_file(), None);
        assert_eq!(DatabaseUrl::new("sqlite://file.db?mode=memory&cache=shared").sqlite_file(), None);
        assert_eq!(DatabaseUrl::new("postgres://localhost/test").sqlite_file(), None);
    }
}
