//! Client authentication at the token and revocation endpoints, including the real Digital ID's secret hashing.

use base64::Engine;
use md5::{Digest, Md5};
use subtle::ConstantTimeEq;

use crate::settings::{Client, SecretHashing, Settings};

/// How many times the real Digital ID applies md5 (changed from 10 to 7 on 2022-01-13).
pub const DGA_ROUNDS: usize = 7;

/// The real Digital ID's client-secret hashing: `h = secret.trim()`, then `DGA_ROUNDS` times
/// `h = lowercase_hex(md5(h + "EGA"))`. Clients send `h` where a standard provider expects the secret.
pub fn dga_hash(secret: &str) -> String {
    let mut value = secret.trim().to_owned();
    for _ in 0..DGA_ROUNDS {
        let digest = Md5::digest(format!("{value}EGA").as_bytes());
        value = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    }
    value
}

/// Why a client could not be authenticated (`invalid_client` / `invalid_request`).
#[derive(Debug, PartialEq, Eq)]
pub enum ClientAuthError {
    /// No credentials, unknown client or wrong secret: `401 invalid_client`.
    InvalidClient,
    /// Credentials sent in two ways at once: `400 invalid_request`.
    MultipleMethods,
}

/// Authenticates the client from an `Authorization: Basic` header (`client_secret_basic`, credentials
/// form-urlencoded before base64 as RFC 6749 §2.3.1 requires) or from `client_id` + `client_secret` form fields
/// (`client_secret_post`).
pub fn authenticate<'s>(
    settings: &'s Settings,
    authorization: Option<&str>,
    form_client_id: Option<&str>,
    form_secret: Option<&str>,
) -> Result<&'s Client, ClientAuthError> {
    let (client_id, presented) = match (authorization, form_secret) {
        (Some(_), Some(_)) => return Err(ClientAuthError::MultipleMethods),
        (Some(header), None) => {
            let (client_id, secret) = parse_basic(header).ok_or(ClientAuthError::InvalidClient)?;
            if form_client_id.is_some_and(|form_id| form_id != client_id) {
                return Err(ClientAuthError::InvalidClient);
            }
            (client_id, secret)
        }
        (None, Some(secret)) => (form_client_id.ok_or(ClientAuthError::InvalidClient)?.to_owned(), secret.to_owned()),
        (None, None) => return Err(ClientAuthError::InvalidClient),
    };
    let client = settings.client(&client_id).ok_or(ClientAuthError::InvalidClient)?;
    let expected = presented_secret(client);
    if bool::from(expected.as_bytes().ct_eq(presented.as_bytes())) {
        Ok(client)
    } else {
        Err(ClientAuthError::InvalidClient)
    }
}

/// The secret as the client presents it at the token endpoint (and so holds it): hashed for DGA clients.
pub fn presented_secret(client: &Client) -> String {
    match client.secret_hashing {
        SecretHashing::Dga => dga_hash(client.secret.expose()),
        SecretHashing::Plain => client.secret.expose().to_owned(),
    }
}

/// `Basic base64(urlencode(id) ":" urlencode(secret))` → (id, secret).
fn parse_basic(header: &str) -> Option<(String, String)> {
    let (scheme, encoded) = header.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let unescape = |part: &str| -> Option<String> {
        url::form_urlencoded::parse(format!("v={part}").as_bytes()).next().map(|(_, value)| value.into_owned())
    };
    Some((unescape(id)?, unescape(secret)?))
}

#[cfg(test)]
mod tests {
    use domain::database::DatabaseUrl;

    use super::*;
    use crate::settings::ClientSecret;

    /// Computed independently: `s="secret"; for i in range(7): s = md5((s+"EGA").encode()).hexdigest()`.
    const SECRET_HASHED_7_ROUNDS: &str = "f3f25383de5eab0cbfa047b25e10f096";

    fn settings(hashing: SecretHashing, secret: &str) -> Settings {
        Settings {
            issuer: "http://127.0.0.1:3002".into(),
            database_url: DatabaseUrl::new("sqlite::memory:"),
            enable_faults: false,
            clients: vec![Client {
                client_id: "info backoffice".into(),
                name: "ระบบทดสอบ".into(),
                secret: ClientSecret::new(secret),
                secret_hashing: hashing,
                redirect_uris: vec!["http://127.0.0.1:3000/auth/callback".into()],
                post_logout_redirect_uris: vec![],
                backchannel_logout_uri: None,
            }],
        }
    }

    fn basic(id: &str, secret: &str) -> String {
        let encode = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", encode(id), encode(secret)))
        )
    }

    #[test]
    fn the_dga_hash_is_seven_rounds_of_md5_with_ega_appended() {
        assert_eq!(dga_hash("secret"), SECRET_HASHED_7_ROUNDS);
        assert_eq!(dga_hash("  secret \n"), SECRET_HASHED_7_ROUNDS, "the secret is trimmed first");
        assert_eq!(dga_hash("secret").len(), 32);
    }

    #[test]
    fn a_dga_client_must_present_the_hashed_secret() {
        let settings = settings(SecretHashing::Dga, "s3cret+/%");
        let hashed = dga_hash("s3cret+/%");
        assert!(authenticate(&settings, Some(&basic("info backoffice", &hashed)), None, None).is_ok());
        assert_eq!(
            authenticate(&settings, Some(&basic("info backoffice", "s3cret+/%")), None, None).err(),
            Some(ClientAuthError::InvalidClient),
            "the plain secret is refused, as by the real Digital ID"
        );
    }

    #[test]
    fn a_plain_client_presents_its_secret_form_urlencoded_in_basic_auth() {
        let settings = settings(SecretHashing::Plain, "s3cret+/%");
        assert!(authenticate(&settings, Some(&basic("info backoffice", "s3cret+/%")), None, None).is_ok());
        assert!(authenticate(&settings, None, Some("info backoffice"), Some("s3cret+/%")).is_ok());
        assert_eq!(
            authenticate(&settings, Some(&basic("info backoffice", "wrong")), None, None).err(),
            Some(ClientAuthError::InvalidClient)
        );
    }

    #[test]
    fn credentials_sent_two_ways_at_once_are_refused() {
        let settings = settings(SecretHashing::Plain, "s");
        assert_eq!(
            authenticate(&settings, Some(&basic("info backoffice", "s")), Some("info backoffice"), Some("s")).err(),
            Some(ClientAuthError::MultipleMethods)
        );
    }
}
