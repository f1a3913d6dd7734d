//! The Digital ID the test officers come from, and their citizen IDs: parsed, and hashed under the tests' key.

use domain::citizen_id::{CitizenId, CitizenIdKey};

/// The Digital ID issuer every test officer signs in at.
pub const ISSUER: &str = "https://digital-id.example.go.th";

/// The key citizen IDs are hashed under in these tests.
pub fn key() -> CitizenIdKey {
    CitizenIdKey::new(b"officer-access test key".to_vec())
}

/// A citizen ID the test knows to be valid.
pub fn citizen(digits: &str) -> CitizenId {
    CitizenId::parse(digits).expect("a valid citizen ID")
}
