//! What signing in and activating hand over: the person signed in at Digital ID, and the SHA-256 under which the
//! secrets handed out — session cookies, login transactions, activation tokens — are stored.

use domain::assurance::{Assurance, IalLevel};
use domain::citizen_id::CitizenId;
use domain::officers::DigitalIdIdentity;
use sha2::{Digest, Sha256};

use super::digital_id::{ISSUER, citizen, key};

/// Someone signed in at Digital ID, with or without a citizen ID, proofed through the ThaID app (IAL 2.3, citizen ID
/// verified), as officers' accounts should be.
pub fn identity(subject: &str, citizen_id: Option<&str>) -> DigitalIdIdentity {
    identity_at(subject, citizen_id, Assurance { citizen_id_verified: true, ial: Some(IalLevel::THAID) })
}

/// Someone who registered at Digital ID by typing a citizen ID, without identity proofing (IAL 1.1).
#[allow(dead_code, reason = "used by some of the test binaries that include this file")]
pub fn unproofed(subject: &str, citizen_id: Option<&str>) -> DigitalIdIdentity {
    identity_at(subject, citizen_id, Assurance { citizen_id_verified: false, ial: Some(IalLevel::UNPROOFED) })
}

/// Someone signed in at Digital ID with the given assurance.
pub fn identity_at(subject: &str, citizen_id: Option<&str>, assurance: Assurance) -> DigitalIdIdentity {
    let citizen_id = citizen_id.map(citizen);
    DigitalIdIdentity {
        issuer: ISSUER.to_owned(),
        subject: subject.to_owned(),
        name_th: format!("นายทดสอบ {subject}"),
        phone_number: Some("0812345678".to_owned()),
        email: Some(format!("{subject}@example.go.th")),
        citizen_id_hash: citizen_id.as_ref().map(|id| id.keyed_hash(&key())),
        citizen_id_masked: citizen_id.as_ref().map(CitizenId::masked),
        assurance,
    }
}

/// The lowercase hex SHA-256 of `value`: the key a secret is stored under.
pub fn sha256_hex(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}
