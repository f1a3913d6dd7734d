//! The `digital-id` command: key rotation, listing and retirement, and loading the demo accounts, against a scratch
//! database named by `DIGITAL_ID_SIM_DATABASE_URL`.

use std::path::PathBuf;
use std::process::{Command, Output};

fn scratch_database() -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("digital-id-cli-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let url = format!("sqlite://{}?mode=rwc", dir.join("digital-id.db").display());
    (dir, url)
}

fn digital_id(database_url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_digital-id"))
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .args(args)
        .env("DIGITAL_ID_SIM_DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run digital-id")
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn keys(database_url: &str) -> Vec<(String, String)> {
    stdout(&digital_id(database_url, &["keys", "list"]))
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            Some((words.next()?.to_owned(), words.next()?.to_owned()))
        })
        .collect()
}

#[test]
fn keys_are_rotated_listed_and_retired_from_the_command_line() {
    let (dir, url) = scratch_database();
    let first = keys(&url);
    assert_eq!(first.len(), 1, "the first start generates one key: {first:?}");
    assert_eq!(first[0].1, "active");

    let rotated = stdout(&digital_id(&url, &["keys", "rotate"]));
    assert!(rotated.contains("stays published"), "{rotated}");
    let after = keys(&url);
    assert_eq!(after.len(), 2);
    assert_eq!(after[0], (first[0].0.clone(), "published".to_owned()));
    assert_eq!(after[1].1, "active");

    let refused = digital_id(&url, &["keys", "retire", &after[1].0]);
    assert!(!refused.status.success(), "the active key cannot be retired");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("rotate first"));

    stdout(&digital_id(&url, &["keys", "retire", &first[0].0]));
    assert_eq!(keys(&url)[0], (first[0].0.clone(), "retired".to_owned()));
    std::fs::remove_dir_all(dir).expect("cleanup");
}

#[test]
fn the_demo_accounts_load_once_with_one_command() {
    let (dir, url) = scratch_database();
    let first = stdout(&digital_id(&url, &["demo-accounts"]));
    assert!(first.starts_with(&format!("{} demo account(s) added", digital_id::demo::DEMO_ACCOUNTS.len())), "{first}");
    assert!(first.contains(digital_id::demo::DEMO_PASSWORD));
    let again = stdout(&digital_id(&url, &["demo-accounts"]));
    assert!(again.starts_with("0 demo account(s) added"), "{again}");
    std::fs::remove_dir_all(dir).expect("cleanup");
}
