//! Random secrets and their hashes: session, login and activation secrets are made here from the operating system's
//! CSPRNG, and only their SHA-256 is stored, so a copy of the database replays nothing; and the keyed hash (HMAC)
//! that values compared without being kept are stored or checked under.

use base64::Engine;
use sha2::{Digest, Sha256};

/// A fresh secret of 256 random bits, URL-safe base64 without padding (43 characters).
pub fn random_secret() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

/// `N` bytes from the operating system's CSPRNG.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::getrandom(&mut bytes).expect("the operating system's random number generator works");
    bytes
}

/// SHA-256 of `value`, lowercase hex: how secrets are stored and looked up.
pub fn sha256_hex(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}

/// HMAC-SHA256 of `message` under `key`: the citizen ID's keyed hash and the check of a failure reference.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    use hmac::Mac;
    let mut mac = hmac::Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_carry_256_bits_and_never_repeat() {
        let secrets: std::collections::HashSet<String> = (0..1000).map(|_| random_secret()).collect();
        assert_eq!(secrets.len(), 1000);
        assert!(secrets.iter().all(|secret| secret.len() == 43));
    }

    #[test]
    fn the_stored_hash_is_sha256_hex() {
        assert_eq!(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
