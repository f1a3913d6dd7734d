//! Online backups of an SQLite database (`server backup --to FILE`): `VACUUM INTO` a new file, a consistent snapshot
//! taken while the server runs and writes, with no `sqlite3` program on the host. PostgreSQL is backed up with its
//! own tools (`pg_dump`, as `deploy/backup.sh` does). A backup holds the database only: the citizen-ID key and the
//! Digital ID client secret are kept apart from it (docs/DEPLOYMENT.md).

use std::path::{Path, PathBuf};

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement};

/// Why no backup was written.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The database is PostgreSQL, whose own tools make its backups.
    #[error("the database is not SQLite: back up PostgreSQL with pg_dump (deploy/backup.sh does)")]
    NotSqlite,
    /// The database lives in memory: SQLite would copy it into another in-memory database and write no file.
    #[error("the SQLite database is in memory: there is no file to back up")]
    InMemory,
    /// The database holds no applied migration: most likely a mistyped URL that SQLite created empty.
    #[error("the database holds no Info Backoffice tables (no migration applied): is DATABASE_URL right?")]
    NoSchema,
    /// The destination exists: a backup never overwrites a file.
    #[error("{} exists already; a backup never overwrites a file", .0.display())]
    Exists(PathBuf),
    /// The destination could not be created or read back.
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        /// The destination.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// SQLite takes file names as text.
    #[error("{} is not valid UTF-8", .0.display())]
    NotUtf8(PathBuf),
    /// SQLite refused or failed the copy, or wrote nothing (the file has been removed).
    #[error("the backup failed: {0}")]
    Database(#[from] DbErr),
}

/// Writes a consistent copy of the SQLite database file behind `db` to the new file `to`, readable by its owner only,
/// and returns its size in bytes. Refuses to touch an existing file; on failure leaves no file behind.
///
/// Takes the pool itself, not a transaction: `VACUUM` cannot run inside one. Readers and the writer carry on
/// meanwhile (the copy is one read transaction over a WAL database).
pub async fn sqlite_into(db: &DatabaseConnection, to: &Path) -> Result<u64, BackupError> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Err(BackupError::NotSqlite);
    }
    let file: Option<String> = scalar(db, "SELECT file AS value FROM pragma_database_list WHERE name = 'main'").await?;
    if file.is_none_or(|file| file.is_empty()) {
        return Err(BackupError::InMemory);
    }
    let migrations: Option<i64> =
        scalar(db, "SELECT count(*) AS value FROM sqlite_master WHERE type = 'table' AND name = 'seaql_migrations'")
            .await?;
    if migrations != Some(1) {
        return Err(BackupError::NoSchema);
    }
    let name = to.to_str().ok_or_else(|| BackupError::NotUtf8(to.to_owned()))?;
    // Creating the file first claims the name atomically (never two backups into one file, never an existing file)
    // and gives it owner-only permissions: it holds officers' names, telephone numbers and the audit log. SQLite
    // writes into an existing file when it is empty.
    create_private(to)?;
    // The file name is bound as a parameter (INTO takes any expression), so no quoting can go wrong.
    let copied =
        db.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "VACUUM INTO ?", [name.into()])).await;
    let written = copied.map_err(BackupError::from).and_then(|_| match std::fs::metadata(to) {
        Ok(metadata) if metadata.len() > 0 => Ok(metadata.len()),
        Ok(_) => Err(BackupError::Database(DbErr::Custom("SQLite wrote nothing into the file".into()))),
        Err(source) => Err(BackupError::Write { path: to.to_owned(), source }),
    });
    if written.is_err() {
        let _ = std::fs::remove_file(to);
    }
    written
}

/// The single value (column `value`) of a one-row query.
async fn scalar<T: sea_orm::TryGetable>(db: &DatabaseConnection, sql: &str) -> Result<Option<T>, DbErr> {
    db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql))
        .await?
        .map(|row| row.try_get::<T>("", "value"))
        .transpose()
}

/// Creates the empty file `path`, readable and writable by its owner only; refuses an existing one.
fn create_private(path: &Path) -> Result<(), BackupError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Err(BackupError::Exists(path.to_owned())),
        Err(source) => Err(BackupError::Write { path: path.to_owned(), source }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::database::{self, DatabaseUrl};
    use crate::entities::organisation_unit::UnitKind;
    use crate::testing::TestDatabase;

    /// A fresh folder under the system's temporary folder whose name holds a quote and a space, as a careless
    /// operator's might; removed when dropped.
    struct Folder(PathBuf);

    impl Folder {
        fn new() -> Self {
            let path = std::env::temp_dir().join(format!("info backup's {}", uuid::Uuid::new_v4().simple()));
            std::fs::create_dir(&path).expect("a temporary folder");
            Self(path)
        }

        /// A migrated SQLite database in a file of this folder (a backup copies a file: an in-memory database has
        /// none).
        async fn database(&self) -> TestDatabase {
            TestDatabase::at(&format!("sqlite://{}?mode=rwc", self.0.join("source.db").display())).await
        }
    }

    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[tokio::test]
    async fn a_backup_is_a_private_database_file_holding_what_was_written_even_under_a_name_with_quotes() {
        let folder = Folder::new();
        let source = folder.database().await;
        let unit = crate::units::NewUnit {
            code: "MOI".into(),
            name_th: "กระทรวงมหาดไทย".into(),
            name_en: None,
            kind: UnitKind::Ministry,
            parent_code: None,
        };
        crate::units::create(&source.db, unit, chrono::Utc::now()).await.expect("unit created");
        let to = folder.0.join("it's the '; DROP TABLE backup.db");

        let bytes = sqlite_into(&source.db, &to).await.expect("backed up");

        assert!(bytes > 0, "SQLite wrote the copy into the file");
        assert_eq!(bytes, std::fs::metadata(&to).expect("the file").len());
        #[cfg(unix)]
        assert_eq!(
            std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&to).expect("the file").permissions()) & 0o777,
            0o600,
            "officers' personal data: the owner's only"
        );
        let copy = database::connect(&DatabaseUrl::new(format!("sqlite://{}", to.display()))).await.expect("opens");
        let found = crate::units::find_by_code(&copy, "MOI").await.expect("query").expect("the unit is in the backup");
        assert_eq!(found.name_th, "กระทรวงมหาดไทย");
        assert_eq!(database::migrate(&copy).await.expect("migrations checked"), 0, "the schema came along");
        source.close().await;
    }

    #[tokio::test]
    async fn a_backup_never_overwrites_an_existing_file() {
        let folder = Folder::new();
        let source = folder.database().await;
        let to = folder.0.join("yesterday.db");
        std::fs::write(&to, "yesterday's backup").expect("written");

        let refused = sqlite_into(&source.db, &to).await;

        assert!(matches!(refused, Err(BackupError::Exists(ref path)) if *path == to), "{refused:?}");
        assert_eq!(std::fs::read_to_string(&to).expect("still there"), "yesterday's backup");
        source.close().await;
    }

    #[tokio::test]
    async fn a_database_without_our_tables_is_not_backed_up_and_leaves_no_file() {
        let folder = Folder::new();
        let url = DatabaseUrl::new(format!("sqlite://{}?mode=rwc", folder.0.join("mistyped.db").display()));
        let empty = database::connect(&url).await.expect("opens");
        let to = folder.0.join("empty.db");

        let refused = sqlite_into(&empty, &to).await;

        assert!(matches!(refused, Err(BackupError::NoSchema)), "{refused:?}");
        assert!(!to.exists());
    }

    #[tokio::test]
    async fn an_in_memory_database_is_refused_rather_than_copied_into_memory() {
        let source = TestDatabase::sqlite().await;
        let folder = Folder::new();
        let to = folder.0.join("memory.db");

        let refused = sqlite_into(&source.db, &to).await;

        assert!(matches!(refused, Err(BackupError::InMemory)), "{refused:?}");
        assert!(!to.exists());
        source.close().await;
    }

    #[tokio::test]
    async fn postgresql_is_left_to_pg_dump() {
        let Some(database) = TestDatabase::postgres().await else { return };
        let folder = Folder::new();
        let to = folder.0.join("pg.db");

        let refused = sqlite_into(&database.db, &to).await;

        assert!(matches!(refused, Err(BackupError::NotSqlite)), "{refused:?}");
        assert!(!to.exists());
        database.close().await;
    }
}
