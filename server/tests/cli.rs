//! The `server` binary's command line, run as a process.

use std::path::PathBuf;
use std::process::{Command, Output};

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
