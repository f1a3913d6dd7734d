//! Property-based fuzzing (proptest) of what people and files type into the back office: citizen IDs, activation
//! tokens, free text (names and references), and the CITIZENinfo officers file. Ordinary `cargo test` properties: each runs proptest's configured
//! number of cases (`PROPTEST_CASES`, else 256; the import, which needs a database per case, 64), so the test
//! command runs a short bounded fuzz and `PROPTEST_CASES=100000 cargo test -p domain --test fuzz` a long one
//! (docs/FUZZING.md).

mod support {
    pub mod clock;
    #[expect(dead_code, reason = "the import needs the issuer and key, not parsed citizen IDs")]
    pub mod digital_id;
    pub mod officer_count;
    #[expect(dead_code, reason = "the import only needs the tree to exist")]
    pub mod units;
}

mod fuzzing {
    pub mod activation_token;
    pub mod citizen_id;
    pub mod free_text;
    pub mod import;
    pub mod text;
}

use proptest::test_runner::{Config, FileFailurePersistence};

/// proptest's configuration (`PROPTEST_CASES` and the other `PROPTEST_*` variables), with `default_cases` when
/// `PROPTEST_CASES` is unset, and failures kept in `regressions` (relative to `domain/`, where cargo runs tests; the
/// default location assumes a `src/` beside the test file).
pub fn config(default_cases: u32, regressions: &'static str) -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = default_cases;
    }
    if std::env::var_os("PROPTEST_DISABLE_FAILURE_PERSISTENCE").is_none() {
        config.failure_persistence = Some(Box::new(FileFailurePersistence::Direct(regressions)));
    }
    config
}
