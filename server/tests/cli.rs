//! The `server` binary's command line, run as a process.

use std::path::PathBuf;
use std::process::{Command, Output};

use domain::database::DatabaseUrl;
use domain::entities::activation_token;
use domain::entities::audit_event::{self, AuditEvent};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("info-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn server(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).args(args).env("RUST_LOG", "warn");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("server runs")
}

#[test]
fn migrate_creates_the_sqlite_file_and_its_folder_then_reports_everything_applied() {
    let dir = scratch_dir("migrate");
    let url = format!("sqlite://{}/nested/info.db?mode=rwc", dir.display());

    let before = server(&["migrate", "--status"], &[("DATABASE_URL", &url)]);
    assert!(before.status.success(), "{before:?}");
    assert!(String::from_utf8_lossy(&before.stdout).starts_with("pending  m20261124_000001"), "{before:?}");

    let migrate = server(&["migrate"], &[("DATABASE_URL", &url)]);
    assert!(migrate.status.success(), "{migrate:?}");
    assert!(dir.join("nested/info.db").is_file());

    let after = server(&["migrate", "--status"], &[("DATABASE_URL", &url)]);
    let listing = String::from_utf8_lossy(&after.stdout);
    assert!(listing.lines().all(|line| line.starts_with("applied ")), "{listing}");
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn a_bad_setting_stops_the_server_with_the_variable_named() {
    let output = server(&["migrate"], &[("SESSION_IDLE_TIMEOUT_MINUTES", "0")]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("SESSION_IDLE_TIMEOUT_MINUTES"), "{stderr}");
}

#[test]
fn a_missing_configuration_file_is_reported() {
    let output = server(&["--config", "/nonexistent/Leptos.toml", "migrate"], &[]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/Leptos.toml"));
}

#[test]
fn the_bootstrap_commands_create_units_import_officers_and_print_a_token_on_the_last_line() {
    let dir = scratch_dir("bootstrap");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let url = format!("sqlite://{}/info.db?mode=rwc", dir.display());
    let env = [("DATABASE_URL", url.as_str())];
    let add = |code: &str, kind: &str, parent: Option<&str>| {
        let mut args = vec!["units", "add", "--code", code, "--name-th", "หน่วยงานทดสอบ", "--kind", kind];
        if let Some(parent) = parent {
            args.extend(["--parent", parent]);
        }
        server(&args, &env)
    };
    assert!(add("MIN", "ministry", None).status.success());
    assert!(add("DEPT", "department", Some("MIN")).status.success());
    let wrong_parent = add("DIV", "division", Some("MIN"));
    assert!(!wrong_parent.status.success());
    assert!(String::from_utf8_lossy(&wrong_parent.stderr).contains("must be a department"), "{wrong_parent:?}");

    let csv = dir.join("officers.csv");
    std::fs::write(
        &csv,
        "digital_id_sub,citizen_id,name_th,unit_code,role\n,1101700207030,นางสาวสมศรี ตั้งใจงาน,DEPT,central\n",
    )
    .expect("write csv");
    let imported = server(&["import-officers", &csv.to_string_lossy()], &env);
    assert!(imported.status.success(), "{imported:?}");
    assert!(String::from_utf8_lossy(&imported.stdout).contains("imported 1 officer"));

    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "digital_id_sub,citizen_id,name_th,unit_code,role\n,1101700230705,นาย ก,DEPT,central\n,,นาย ข,NOPE,agency\n",
    )
    .expect("write csv");
    let refused = server(&["import-officers", &bad.to_string_lossy()], &env);
    assert!(!refused.status.success());
    let report = String::from_utf8_lossy(&refused.stderr);
    assert!(report.contains("line 2, citizen_id") && report.contains("line 3, unit_code"), "{report}");
    assert!(!report.contains("1101700230705"), "citizen IDs never reach the report");

    let issued = server(&["issue-token", "--role", "central", "--unit", "DEPT", "--expires-in", "3d"], &env);
    assert!(issued.status.success(), "{issued:?}");
    let stdout = String::from_utf8_lossy(&issued.stdout);
    let token = stdout.lines().last().expect("a last line");
    assert_eq!(token.len(), 34, "{stdout}");
    assert!(domain::activation::ActivationToken::parse(token).is_ok(), "{token}");
    assert!(!String::from_utf8_lossy(&issued.stderr).contains(token), "the token never reaches the log");

    let too_long = server(&["issue-token", "--role", "central", "--unit", "DEPT", "--expires-in", "31d"], &env);
    assert!(!too_long.status.success());
    let misfit = server(&["issue-token", "--role", "central", "--unit", "MIN"], &env);
    assert!(!misfit.status.success());
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

/// A scratch SQLite database holding a ministry `MIN` and its department `DEPT`: its folder and `DATABASE_URL`.
fn database_with_a_department(name: &str) -> (PathBuf, String) {
    let dir = scratch_dir(name);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let url = format!("sqlite://{}/info.db?mode=rwc", dir.display());
    let env = [("DATABASE_URL", url.as_str())];
    for args in [
        ["units", "add", "--code", "MIN", "--name-th", "กระทรวงทดสอบ", "--kind", "ministry"].as_slice(),
        &["units", "add", "--code", "DEPT", "--name-th", "กรมทดสอบ", "--kind", "department", "--parent", "MIN"],
    ] {
        let added = server(args, &env);
        assert!(added.status.success(), "{added:?}");
    }
    (dir, url)
}

/// The Tokens and the `token_issued` audit entries in the database at `url`.
async fn tokens_and_issued_entries(url: &str) -> (Vec<activation_token::Model>, Vec<audit_event::Model>) {
    let db = domain::database::connect(&DatabaseUrl::new(url)).await.expect("the database opens");
    let tokens =
        activation_token::Entity::find().order_by_asc(activation_token::Column::Id).all(&db).await.expect("tokens");
    let issued = audit_event::Entity::find()
        .filter(audit_event::Column::Event.eq(AuditEvent::TokenIssued))
        .all(&db)
        .await
        .expect("audit");
    let every = audit_event::Entity::find().count(&db).await.expect("count");
    assert_eq!(every, issued.len() as u64, "issuing leaves no other entry");
    let _ = db.close().await;
    (tokens, issued)
}

#[tokio::test]
async fn a_token_issued_on_the_command_line_leaves_a_token_issued_audit_entry_naming_no_officer() {
    let (dir, url) = database_with_a_department("issue-audited");
    let env = [("DATABASE_URL", url.as_str())];
    let args = ["issue-token", "--role", "central", "--unit", "DEPT", "--name", "นางสาวสมศรี ตั้งใจงาน"];
    let issued = server(&[args.as_slice(), &["--reference", "สพร 0001/2569"]].concat(), &env);
    assert!(issued.status.success(), "{issued:?}");

    let (tokens, entries) = tokens_and_issued_entries(&url).await;
    assert_eq!((tokens.len(), entries.len()), (1, 1), "{entries:?}");
    let (token, entry) = (&tokens[0], &entries[0]);
    assert_eq!(token.issued_by_officer_id, None, "the Tokens list shows the administrator");
    assert_eq!((entry.token_id, entry.unit_id, entry.succeeded), (Some(token.id), Some(token.unit_id), true));
    assert_eq!((entry.actor_officer_id, entry.actor_name.as_deref()), (None, None), "no officer acted");
    assert_eq!(entry.client_ip, None, "no request came in");
    assert_eq!(entry.target_name.as_deref(), Some("นางสาวสมศรี ตั้งใจงาน"));
    let detail = entry.detail.as_deref().unwrap_or_default();
    for part in ["role central", "reference สพร 0001/2569", "; on the server's command line"] {
        assert!(detail.contains(part), "{part:?} in {detail:?}");
    }
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[tokio::test]
async fn the_command_line_refuses_a_token_living_less_than_a_day_or_more_than_thirty_days_and_states_the_limits() {
    let (dir, url) = database_with_a_department("issue-lifetime");
    let env = [("DATABASE_URL", url.as_str())];
    let issue = |expires_in: &str| {
        server(&["issue-token", "--role", "central", "--unit", "DEPT", "--expires-in", expires_in], &env)
    };
    // 500,000,000 years is more than a chrono duration holds: refused the same way, not as an overflow.
    for expires_in in ["0s", "1h", "23h 59m", "30d 1s", "31d", "500000000y"] {
        let refused = issue(expires_in);
        assert!(!refused.status.success(), "{expires_in}: {refused:?}");
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(stderr.contains("--expires-in: "), "{expires_in}: the option is named: {stderr}");
        assert!(
            stderr.contains("a Token lives from 1 day to 30 days"),
            "{expires_in}: the limits are stated: {stderr}"
        );
        assert!(refused.stdout.is_empty(), "{expires_in}: no Token is printed");
    }
    let (tokens, entries) = tokens_and_issued_entries(&url).await;
    assert_eq!((tokens.len(), entries.len()), (0, 0), "nothing refused is stored or audited");

    for expires_in in ["1d", "24h", "30d"] {
        let issued = issue(expires_in);
        assert!(issued.status.success(), "{expires_in}: {issued:?}");
    }
    let (tokens, entries) = tokens_and_issued_entries(&url).await;
    let lifetimes: Vec<i64> = tokens.iter().map(|token| (token.expires_at - token.created_at).num_hours()).collect();
    assert_eq!(lifetimes, [24, 24, 720], "kept as asked, never clamped");
    assert_eq!(entries.len(), 3, "each is audited");
    std::fs::remove_dir_all(&dir).expect("cleanup");
}
