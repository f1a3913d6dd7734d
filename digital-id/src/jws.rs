//! Compact JWS (RFC 7515) with RS256, written out here because the simulator must also produce what no JWT library
//! would (unsigned `alg: none` tokens, broken signatures, missing `kid`) for its fault modes. The cryptography is
//! the `rsa` crate's PKCS#1 v1.5 signature over SHA-256.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::sha2::Sha256;
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde_json::{Value, json};

/// Signs `claims` with RS256. `kid: None` leaves the `kid` header out; `typ` is e.g. `JWT` or `at+jwt`.
pub fn sign(claims: &Value, key: &RsaPrivateKey, kid: Option<&str>, typ: &str) -> String {
    let mut header = json!({ "alg": "RS256", "typ": typ });
    if let Some(kid) = kid {
        header["kid"] = json!(kid);
    }
    sign_with_header(&header, claims, key)
}

/// Signs `claims` with RS256 under exactly this `header` (whatever its `alg` says), for tokens no provider should
/// send: a missing `typ`, a `crit` parameter, a header that lies about its algorithm.
pub fn sign_with_header(header: &Value, claims: &Value, key: &RsaPrivateKey) -> String {
    let signing_input = format!("{}.{}", encode_json(header), encode_json(claims));
    let signature = SigningKey::<Sha256>::new(key.clone()).sign(signing_input.as_bytes());
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()))
}

/// Signs `claims` with HS256 under `secret` — only ever for fault modes: Digital ID signs with RS256, and a relying
/// party that accepted this would let anyone who knows the key (a client secret, a public key) forge ID tokens.
pub fn hs256(claims: &Value, secret: &[u8], kid: Option<&str>) -> String {
    use hmac::{Hmac, Mac};
    let mut header = json!({ "alg": "HS256", "typ": "JWT" });
    if let Some(kid) = kid {
        header["kid"] = json!(kid);
    }
    let signing_input = format!("{}.{}", encode_json(&header), encode_json(claims));
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(signing_input.as_bytes());
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()))
}

/// A public key's SPKI PEM text, the "secret" of the algorithm-confusion attack.
pub fn public_key_pem(key: &RsaPublicKey) -> String {
    use rsa::pkcs8::{EncodePublicKey, LineEnding};
    key.to_public_key_pem(LineEnding::LF).unwrap_or_default()
}

/// An unsigned token (`alg: none`, empty signature), which every relying party must refuse.
pub fn unsigned(claims: &Value) -> String {
    format!("{}.{}.", encode_json(&json!({ "alg": "none", "typ": "JWT" })), encode_json(claims))
}

/// Why a token was not accepted.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// Not three base64url parts of JSON.
    #[error("malformed token")]
    Malformed,
    /// Not RS256, or no published key verifies the signature.
    #[error("bad signature")]
    BadSignature,
}

/// Verifies an RS256 token against the published keys (by `kid` when present, else each key) and returns its claims.
/// Expiry and audience are the caller's business.
pub fn verify(token: &str, keys: &[(String, RsaPublicKey)]) -> Result<Value, VerifyError> {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(VerifyError::Malformed);
    };
    let header = decode_json(header)?;
    if header.get("alg").and_then(Value::as_str) != Some("RS256") {
        return Err(VerifyError::BadSignature);
    }
    let signature = URL_SAFE_NO_PAD.decode(signature).map_err(|_| VerifyError::Malformed)?;
    let signature = Signature::try_from(signature.as_slice()).map_err(|_| VerifyError::BadSignature)?;
    let signing_input = &token[..header_and_payload_len(token)];
    let kid = header.get("kid").and_then(Value::as_str);
    let verified = keys
        .iter()
        .filter(|(key_id, _)| kid.is_none_or(|kid| kid == key_id))
        .any(|(_, key)| VerifyingKey::<Sha256>::new(key.clone()).verify(signing_input.as_bytes(), &signature).is_ok());
    if !verified {
        return Err(VerifyError::BadSignature);
    }
    decode_json(payload)
}

/// The base64url of `data`'s SHA-256 left half: OpenID Connect's `at_hash` for RS256.
pub fn left_half_hash(data: &str) -> String {
    use rsa::sha2::Digest;
    let digest = Sha256::digest(data.as_bytes());
    URL_SAFE_NO_PAD.encode(&digest[..digest.len() / 2])
}

/// The base64url SHA-256 of `data` (PKCE S256).
pub fn sha256_base64url(data: &str) -> String {
    use rsa::sha2::Digest;
    URL_SAFE_NO_PAD.encode(Sha256::digest(data.as_bytes()))
}

/// Replaces the signature with a different one of the same length (fault mode `bad_signature`).
pub fn corrupt_signature(token: &str) -> String {
    let split = header_and_payload_len(token);
    let mut signature = URL_SAFE_NO_PAD.decode(&token[split + 1..]).unwrap_or_default();
    if let Some(first) = signature.first_mut() {
        *first ^= 0xff;
    }
    format!("{}.{}", &token[..split], URL_SAFE_NO_PAD.encode(signature))
}

fn header_and_payload_len(token: &str) -> usize {
    token.rfind('.').unwrap_or(token.len())
}

fn encode_json(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

fn decode_json(part: &str) -> Result<Value, VerifyError> {
    let bytes = URL_SAFE_NO_PAD.decode(part).map_err(|_| VerifyError::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| VerifyError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> RsaPrivateKey {
        RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).expect("key generation")
    }

    #[test]
    fn a_signed_token_verifies_with_its_public_key_only() {
        let (key, other) = (key(), key());
        let token = sign(&json!({ "sub": "a" }), &key, Some("k1"), "JWT");
        let published = vec![("k1".to_owned(), key.to_public_key())];
        assert_eq!(verify(&token, &published), Ok(json!({ "sub": "a" })));
        assert_eq!(verify(&token, &[("k1".to_owned(), other.to_public_key())]), Err(VerifyError::BadSignature));
        assert_eq!(verify(&corrupt_signature(&token), &published), Err(VerifyError::BadSignature));
        assert_eq!(verify(&unsigned(&json!({ "sub": "a" })), &published), Err(VerifyError::BadSignature));
    }

    #[test]
    fn pkce_s256_matches_rfc_7636_appendix_b() {
        assert_eq!(
            sha256_base64url("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }
}
