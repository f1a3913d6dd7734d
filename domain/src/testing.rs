//! Test databases with the real migrations applied: in-memory SQLite always, and PostgreSQL when
//! `TEST_DATABASE_URL` is set (each test gets its own throw-away database there).

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};

use crate::database::{self, DatabaseUrl};

/// A migrated database for one test; call [`TestDatabase::close`] at the end to drop a PostgreSQL one.
pub struct TestDatabase {
    /// The connection the test uses.
    pub db: DatabaseConnection,
    /// For PostgreSQL: the server's maintenance connection and the name of the database to drop afterwards.
    cleanup: Option<(DatabaseConnection, String)>,
}

impl TestDatabase {
    /// An empty in-memory SQLite database with every migration applied.
    pub async fn sqlite() -> Self {
        let db = database::connect(&DatabaseUrl::new("sqlite::memory:")).await.expect("in-memory SQLite opens");
        database::migrate(&db).await.expect("migrations apply on SQLite");
        Self { db, cleanup: None }
    }

    /// A fresh PostgreSQL database on the server at `TEST_DATABASE_URL`, with every migration applied;
    /// `None` when the variable is unset.
    pub async fn postgres() -> Option<Self> {
        let admin_url = std::env::var("TEST_DATABASE_URL").ok().filter(|url| !url.is_empty())?;
        let admin = database::connect(&DatabaseUrl::new(admin_url.clone())).await.expect("TEST_DATABASE_URL connects");
        let name = format!("info_test_{}", uuid::Uuid::new_v4().simple());
        admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("test database is created");
        let db = database::connect(&DatabaseUrl::new(with_database_name(&admin_url, &name)))
            .await
            .expect("the new test database connects");
        database::migrate(&db).await.expect("migrations apply on PostgreSQL");
        Some(Self { db, cleanup: Some((admin, name)) })
    }

    /// The existing database at `url` (a file, or one restored from a backup), with any pending migration applied;
    /// [`TestDatabase::close`] only closes it: whoever made it removes it.
    pub async fn at(url: &str) -> Self {
        let db = database::connect(&DatabaseUrl::new(url)).await.expect("the database at the URL connects");
        database::migrate(&db).await.expect("migrations apply");
        Self { db, cleanup: None }
    }

    /// Every backend this run tests against: SQLite, then PostgreSQL if configured.
    pub async fn all() -> Vec<Self> {
        let mut all = vec![Self::sqlite().await];
        all.extend(Self::postgres().await);
        all
    }

    /// The backend's name, for assertion messages.
    pub fn backend(&self) -> &'static str {
        match self.db.get_database_backend() {
            DbBackend::Sqlite => "SQLite",
            DbBackend::Postgres => "PostgreSQL",
            _ => "other",
        }
    }

    /// Closes the connection and drops a PostgreSQL test database.
    pub async fn close(self) {
        let _ = self.db.close().await;
        if let Some((admin, name)) = self.cleanup {
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await
                .expect("test database is dropped");
        }
    }
}

/// Replaces the database name (the URL path) of a PostgreSQL URL, keeping credentials and query.
pub fn with_database_name(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(base, query)| (base, Some(query)));
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[authority_start..].find('/').map_or(base.len(), |i| authority_start + i);
    let mut out = format!("{}/{name}", &base[..path_start]);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::with_database_name;

    #[test]
    fn the_database_name_is_replaced_and_the_rest_kept() {
        assert_eq!(with_database_name("postgres://127.0.0.1:5432/test", "t1"), "postgres://127.0.0.1:5432/t1");
        assert_eq!(
            with_database_name("postgres://u:p@h/test?sslmode=disable", "t1"),
            "postgres://u:p@h/t1?sslmode=disable"
        );
        assert_eq!(with_database_name("postgres://h:5432", "t1"), "postgres://h:5432/t1");
    }
}
