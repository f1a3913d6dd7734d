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
