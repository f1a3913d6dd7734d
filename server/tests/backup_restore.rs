//! Backup and restore as an operator runs them, through `deploy/backup.sh` and `deploy/restore.sh`: a database with an
//! imported officer is backed up while the back office serves from it, restored into a fresh database, and the
//! officer signs in on the restored one. On SQLite (`server backup`) always; on PostgreSQL (`pg_dump`, `pg_restore`)
//! when `TEST_DATABASE_URL` is set.

#[allow(dead_code, reason = "shared test support; this binary uses part of it")]
mod support {
    pub mod test_app;
}

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use axum::http::StatusCode;
use domain::citizen_id::{CitizenId, CitizenIdKey};
use domain::database::{self, DatabaseUrl};
use domain::entities::officer;
use domain::entities::organisation_unit::UnitKind;
use domain::officers::SignInMatch;
use domain::testing::{TestDatabase, with_database_name};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use support::test_app::TestApp;

/// The workspace: the scripts' and `Leptos.toml`'s folder.
const WORKSPACE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
const SERVER: &str = env!("CARGO_BIN_EXE_server");
const LEPTOS_TOML: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../Leptos.toml");

#[tokio::test]
async fn an_officer_signs_in_on_a_sqlite_database_restored_from_an_online_backup() {
    let scratch = Scratch::new();
    let source = format!("sqlite://{}?mode=rwc", scratch.0.join("info-backoffice.db").display());
    let restored = format!("sqlite://{}?mode=rwc", scratch.0.join("restored/info-backoffice.db").display());

    back_up_restore_and_sign_in(&source, &restored, &scratch.0.join("info-backoffice.sqlite")).await;

    let replaced = script("restore.sh", &[&path(&scratch.0.join("info-backoffice.sqlite"))], &restored);
    assert!(!replaced.status.success(), "an existing database is not replaced without --force: {replaced:?}");
    assert!(stderr(&replaced).contains("--force"), "{replaced:?}");
}

#[tokio::test]
async fn an_officer_signs_in_on_a_postgresql_database_restored_from_pg_dump() {
    let Some(admin_url) = std::env::var("TEST_DATABASE_URL").ok().filter(|url| !url.is_empty()) else { return };
    let admin = database::connect(&DatabaseUrl::new(admin_url.clone())).await.expect("TEST_DATABASE_URL connects");
    let suffix = uuid::Uuid::new_v4().simple().to_string();
    let names = [format!("info_backup_source_{suffix}"), format!("info_backup_restored_{suffix}")];
    for name in &names {
        admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("database created");
    }
    let [source, restored] = names.clone().map(|name| with_database_name(&admin_url, &name));
    let scratch = Scratch::new();
    let backup = scratch.0.join("info-backoffice.pgdump");

    // In a task of its own, so the databases are dropped whatever the outcome.
    let outcome = tokio::spawn(async move {
        back_up_restore_and_sign_in(&source, &restored, &backup).await;
        let again = script("restore.sh", &[&path(&backup)], &restored);
        assert!(!again.status.success(), "a database that is not empty is refused: {again:?}");
        assert!(stderr(&again).contains("not empty"), "{again:?}");
    })
    .await;

    for name in &names {
        admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await.expect("dropped");
    }
    if let Err(failure) = outcome {
        std::panic::resume_unwind(failure.into_panic());
    }
}

/// The story on either database: `source_url` gets an imported officer and is backed up to `backup` by
/// `deploy/backup.sh` while a back office serves from it; `deploy/restore.sh` restores that into `restored_url` (a
/// file that does not exist yet, or an empty PostgreSQL database); a new back office on the restored database, with
/// the same citizen-ID key and a new Digital ID account carrying the officer's citizen ID, signs the officer in.
async fn back_up_restore_and_sign_in(source_url: &str, restored_url: &str, backup: &Path) {
    let before = TestApp::start_on(TestDatabase::at(source_url).await).await;
    before.unit_tree("BACKUP").await;
    let person = before.person("สมหมาย").await;
    before.import_officer_by_citizen_id(&person.citizen_id, "นายสมหมาย นำเข้า", "BACKUP", "central").await;

    // Online: the back office is still open on the database (on SQLite, the rows may still sit in its WAL file).
    let backed_up =
        script("backup.sh", &["--server", SERVER, "--config", LEPTOS_TOML, "--to", &path(backup)], source_url);
    assert!(backed_up.status.success(), "{backed_up:?}");
    let size = std::fs::metadata(backup).expect("the backup file").len();
    assert!(size > 0 && stdout(&backed_up).contains("backup written"), "{backed_up:?}");
    before.add_unit("AFTER-BACKUP", "หน่วยที่เพิ่มหลังสำรองข้อมูล", UnitKind::Ministry, None).await;

    let again = script("backup.sh", &["--server", SERVER, "--config", LEPTOS_TOML, "--to", &path(backup)], source_url);
    assert!(!again.status.success(), "a backup never overwrites a file: {again:?}");
    assert_eq!(std::fs::metadata(backup).expect("the backup file").len(), size, "the first backup is untouched");
    before.close().await;

    let restored = script("restore.sh", &["--server", SERVER, "--config", LEPTOS_TOML, &path(backup)], restored_url);
    assert!(restored.status.success(), "{restored:?}");
    let listing = stdout(&restored);
    let migrations: Vec<&str> = listing.lines().filter(|line| line.contains(" m20")).collect();
    assert!(!migrations.is_empty(), "the server read the restored database: {listing}");
    assert!(migrations.iter().all(|line| line.starts_with("applied ")), "every migration came along: {listing}");
    for output in [&backed_up, &again, &restored] {
        assert_no_password(source_url, output);
        assert_no_password(restored_url, output);
    }

    let mut after = TestApp::start_on(TestDatabase::at(restored_url).await).await;
    let db = &after.state.db;
    let units = domain::units::find_by_code(db, "AFTER-BACKUP").await.expect("query");
    assert!(units.is_none(), "the backup is the database as it was when taken");
    let citizen_id = CitizenId::parse(&person.citizen_id).expect("valid");
    let imported = officer::Entity::find()
        .filter(officer::Column::CitizenIdHash.eq(citizen_id.keyed_hash(&after.state.citizen_id_key)))
        .one(db)
        .await
        .expect("query")
        .expect("the imported officer is in the restored database");
    assert!(imported.subject.is_none() && imported.activated_at.is_none(), "not signed in yet");

    // The citizen-ID key is not in the backup: under another key the officer matches nobody.
    let other_key = CitizenIdKey::new(b"not the key the officers were imported under".to_vec());
    let mut stranger = after.digital_id_identity("someone-at-digital-id");
    stranger.citizen_id_hash = Some(citizen_id.keyed_hash(&other_key));
    let policy = &after.state.settings.assurance;
    let matched = domain::officers::find_for_sign_in(db, &stranger, policy).await.expect("query");
    assert!(matches!(matched, SignInMatch::Nobody), "another key finds nobody");

    // Under the same key, the officer's Digital ID account (made anew: this is another Digital ID) gets in.
    let account = after.unproofed_person_with("สมหมาย", &person.citizen_id).await;
    after.set_assurance(&account, "2.3", true).await;
    after.sign_in_afresh(&account, "/backend/home").await;
    let home = after.get("/backend/home").await;
    assert_eq!(home.status, StatusCode::OK, "{home:?}");
    assert!(home.body.contains("นางสาวสมหมาย ทดสอบระบบ"), "the officer's name, from Digital ID");
    assert!(home.body.contains("กรมทดสอบการบริการ"), "the officer's department, from the backup");
    after.close().await;
}

/// Runs `deploy/{name}` from the workspace with `DATABASE_URL` (and nothing else naming a database).
fn script(name: &str, args: &[&str], database_url: &str) -> Output {
    Command::new(format!("{WORKSPACE}/deploy/{name}"))
        .current_dir(WORKSPACE)
        .args(args)
        .env("DATABASE_URL", database_url)
        .env_remove("DATABASE_URL_FILE")
        .env("RUST_LOG", "warn")
        .output()
        .expect("the script runs")
}

/// Fails if the password of `url`, if it has one, appears in what a script printed.
fn assert_no_password(url: &str, output: &Output) {
    let Some(password) = url::Url::parse(url).ok().and_then(|url| url.password().map(str::to_owned)) else { return };
    assert!(!stdout(output).contains(&password) && !stderr(output).contains(&password), "a script printed a password");
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn path(path: &Path) -> String {
    path.to_str().expect("a UTF-8 path").to_owned()
}

/// A fresh folder under the system's temporary folder; removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("info-backup-restore-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir(&dir).expect("a scratch folder");
        Self(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
