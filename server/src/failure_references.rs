//! A failure reference is shown only when we issued it. The sign-in-failed page shows the `reference` of its URL,
//! which an officer reads out to the DGA Contact Center; anyone can write that URL, so a link could make our page
//! show "call the Contact Center with reference …" for a reference we never logged — or, before references were
//! checked for shape, any text at all.
//!
//! So the redirect to that page carries a `check` beside the reference: HMAC-SHA256 of the reference under a key
//! derived from the configured secret `privacy.citizen_id_key` with a label of its own (so the two uses never share
//! a key, and every server of a deployment agrees without another secret). [`only_issued_references`] adds it to the
//! redirect that [`crate::auth`]'s failure marks with [`IssuedReference`], and drops `reference` from a request for
//! the page when it is not of our exact shape (10 uppercase hexadecimal digits) or its check does not verify: the
//! page is then shown without a reference. The service-error page is rendered in place of the page that failed and
//! never reached by its own URL, so a request for its URL loses its reference always.

use axum::extract::{Request, State};
use axum::http::header::LOCATION;
use axum::http::{HeaderValue, Uri};
use axum::middleware::Next;
use axum::response::Response;
use domain::secrets::hmac_sha256;

use app::paths::{SERVICE_ERROR_PAGE, SIGN_IN_FAILED_PAGE};

use crate::state::AppState;

/// Put into a response's extensions by the code that issued `reference` for the sign-in-failed page, so the
/// redirect gets its check.
#[derive(Clone, Debug)]
pub struct IssuedReference(pub String);

/// The query field carrying the check.
pub const CHECK_FIELD: &str = "check";

/// The label that derives the check's key from the configured secret.
const KEY_LABEL: &[u8] = b"info-backoffice failure reference check v1";

/// How many bytes of the MAC the check keeps: 64 bits cannot be guessed online.
const CHECK_BYTES: usize = 8;

/// Whether `value` has the exact shape of our references ([`app::host::new_reference`]): 10 uppercase hexadecimal
/// digits.
pub use app::app_error::is_reference;

/// The check of `reference` under `secret` (the configured `privacy.citizen_id_key`), in lowercase hex.
pub fn check(secret: &[u8], reference: &str) -> String {
    let derived = hmac_sha256(secret, KEY_LABEL);
    hex::encode(&hmac_sha256(&derived, reference.as_bytes())[..CHECK_BYTES])
}

/// Whether `check` is the check of `reference` (compared in constant time).
fn verifies(secret: &[u8], reference: &str, check: &str) -> bool {
    use subtle::ConstantTimeEq;
    is_reference(reference) && bool::from(self::check(secret, reference).as_bytes().ct_eq(check.as_bytes()))
}

/// Drops a reference we did not issue from a request for the sign-in-failed or service-error page, and adds the
/// check to the redirect of a response marked with [`IssuedReference`].
pub async fn only_issued_references(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let secret = state.settings.citizen_id_key.expose().as_bytes();
    let path = request.uri().path();
    if (path == SIGN_IN_FAILED_PAGE || path == SERVICE_ERROR_PAGE) && request.uri().query().is_some() {
        let query = request.uri().query().unwrap_or_default();
        let field = |name: &str| {
            url::form_urlencoded::parse(query.as_bytes()).find(|(key, _)| key == name).map(|(_, value)| value)
        };
        let issued = path == SIGN_IN_FAILED_PAGE
            && matches!((field("reference"), field(CHECK_FIELD)), (Some(reference), Some(check)) if verifies(secret, &reference, &check));
        if !issued {
            // These pages take nothing else from their query.
            let bare = if path == SIGN_IN_FAILED_PAGE { SIGN_IN_FAILED_PAGE } else { SERVICE_ERROR_PAGE };
            *request.uri_mut() = Uri::from_static(bare);
        }
    }
    let mut response = next.run(request).await;
    if let Some(IssuedReference(reference)) = response.extensions().get::<IssuedReference>().cloned() {
        let location = response.headers().get(LOCATION).and_then(|value| value.to_str().ok()).map(str::to_owned);
        if let Some(location) = location {
            let signed = format!("{location}&{CHECK_FIELD}={}", check(secret, &reference));
            if let Ok(value) = HeaderValue::from_str(&signed) {
                response.headers_mut().insert(LOCATION, value);
            }
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"a test key of at least thirty-two characters";

    #[test]
    fn only_ten_uppercase_hex_digits_are_a_reference() {
        assert!(is_reference("3FA9C01B7E"));
        for value in ["", "3fa9c01b7e", "3FA9C01B7", "3FA9C01B7E0", "CALL-0-2-", "3FA9C01B7G", "3FA9C01B7\u{0660}"] {
            assert!(!is_reference(value), "{value:?}");
        }
    }

    #[test]
    fn a_check_verifies_its_reference_under_its_key_only() {
        let check = check(SECRET, "3FA9C01B7E");
        assert_eq!(check.len(), 2 * CHECK_BYTES);
        assert!(verifies(SECRET, "3FA9C01B7E", &check));
        assert!(!verifies(SECRET, "3FA9C01B7F", &check), "another reference");
        assert!(!verifies(b"another key of at least thirty-two characters", "3FA9C01B7E", &check), "another key");
        assert!(!verifies(SECRET, "3FA9C01B7E", ""), "no check");
        assert!(!verifies(SECRET, "3FA9C01B7E", &check.to_uppercase()), "the exact text only");
    }

    #[test]
    fn the_check_key_is_not_the_citizen_id_hash_key() {
        // The same secret hashes citizen IDs; the label keeps the two MACs apart.
        assert_ne!(check(SECRET, "3FA9C01B7E"), hex::encode(&hmac_sha256(SECRET, b"3FA9C01B7E")[..CHECK_BYTES]));
    }
}
