//! Interoperability: the relying party against an independent, OpenID Certified provider (npm `oidc-provider`,
//! pinned in `tests/oidc-provider/package-lock.json`, started here on a loopback port) — the happy path, key
//! rotation and consent denial. Proves we speak standard OpenID Connect, not just our own simulator's dialect.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use digital_id::testing::TestBrowser;
use server::config::Settings;
use server::relying_party::{CallbackParams, LoginError, RelyingParty, SignedIn};

const CLIENT_ID: &str = "info-backoffice-interop";
const CLIENT_SECRET: &str = "interop secret with + and %";
const ACCOUNT: &str = "interop-officer";

/// The provider process; killed when dropped.
struct InteropProvider {
    child: Child,
    issuer: String,
}

impl Drop for InteropProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_provider() -> InteropProvider {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oidc-provider");
    assert!(
        std::path::Path::new(dir).join("node_modules/oidc-provider").is_dir(),
        "oidc-provider is not installed: run scripts/install-tools.sh (npm ci in {dir})"
    );
    let mut child = Command::new("node")
        .arg("op.mjs")
        .current_dir(dir)
        .env("CLIENT_ID", CLIENT_ID)
        .env("CLIENT_SECRET", CLIENT_SECRET)
        .env("REDIRECT_URI", "http://127.0.0.1:9/auth/callback")
        .env("POST_LOGOUT_REDIRECT_URI", "http://127.0.0.1:9/backend")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start node");
    // The provider keeps printing notices: read its output to the end, or it dies of a broken pipe.
    let stdout = child.stdout.take().expect("stdout");
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let value: serde_json::Value = serde_json::from_str(&line).unwrap_or_default();
            if let Some(issuer) = value["issuer"].as_str() {
                let _ = sender.send(issuer.to_owned());
            }
        }
    });
    let issuer = receiver.recv_timeout(std::time::Duration::from_secs(20)).expect("the provider prints its issuer");
    InteropProvider { child, issuer }
}

fn settings(issuer: &str) -> Settings {
    let env = [
        ("DIGITAL_ID_ISSUER", issuer),
        ("DIGITAL_ID_CLIENT_ID", CLIENT_ID),
        ("DIGITAL_ID_CLIENT_SECRET", CLIENT_SECRET),
        ("DIGITAL_ID_SECRET_HASHING", "plain"),
        ("APP_BASE_URL", "http://127.0.0.1:9"),
        ("CITIZEN_ID_KEY", "a test key of at least thirty-two characters"),
    ];
    Settings::from_sources(include_str!("../../Leptos.toml"), |name| {
        env.iter().find(|(key, _)| *key == name).map(|(_, value)| (*value).to_owned())
    })
    .expect("valid settings")
}

/// Walks the provider's interactions (sign-in, then consent answered with `decision`: `confirm` or `abort`) and
/// returns the redirect to our callback.
async fn authorize(provider: &InteropProvider, authorize_url: &str, decision: &str) -> url::Url {
    let browser = TestBrowser::new(&provider.issuer);
    let mut response = browser.get(authorize_url).await;
    for _ in 0..12 {
        let location = response.location.clone().unwrap_or_else(|| panic!("expected a redirect: {response:?}"));
        let path = location.strip_prefix(&provider.issuer).unwrap_or(&location).to_owned();
        if !path.starts_with('/') {
            return url::Url::parse(&location).expect("an absolute redirect");
        }
        response = if path.starts_with("/interaction/") {
            let details: serde_json::Value = serde_json::from_str(&browser.get(&path).await.body).expect("JSON");
            match details["prompt"].as_str() {
                Some("login") => browser.post(&format!("{path}/login"), &[("login", ACCOUNT)]).await,
                Some("consent") => browser.post(&format!("{path}/{decision}"), &[]).await,
                other => panic!("unexpected prompt {other:?}"),
            }
        } else {
            browser.get(&path).await
        };
    }
    panic!("too many redirects")
}

async fn login(provider: &InteropProvider, rp: &RelyingParty, decision: &str) -> Result<SignedIn, LoginError> {
    let start = rp.start_login(false);
    let callback = authorize(provider, start.authorize_url.as_str(), decision).await;
    let get = |name: &str| callback.query_pairs().find(|(key, _)| key == name).map(|(_, value)| value.into_owned());
    let params = CallbackParams { code: get("code"), state: get("state"), iss: get("iss"), error: get("error") };
    rp.finish_login(&start.transaction, &params).await
}

#[tokio::test]
async fn an_officer_signs_in_through_a_certified_provider() {
    let provider = start_provider();
    let rp = RelyingParty::discover(&settings(&provider.issuer), &provider.issuer).await.expect("discovery");
    let signed_in = login(&provider, &rp, "confirm").await.expect("login");
    assert_eq!(signed_in.subject, ACCOUNT);
    assert_eq!(signed_in.given_name.as_deref(), Some("มาตรฐาน"));
    assert_eq!(signed_in.claims.citizen_id.as_deref(), Some("1101700207030"));
    assert!(rp.end_session_endpoint().is_some(), "RP-initiated logout is discovered");
}

#[tokio::test]
async fn after_the_provider_rotates_its_keys_the_next_login_still_verifies() {
    let provider = start_provider();
    let rp = RelyingParty::discover(&settings(&provider.issuer), &provider.issuer).await.expect("discovery");
    login(&provider, &rp, "confirm").await.expect("login before the rotation");
    let rotated = reqwest::Client::new()
        .post(format!("{}/_test/rotate", provider.issuer))
        .send()
        .await
        .expect("rotate the provider's keys");
    assert!(rotated.status().is_success());
    let after = login(&provider, &rp, "confirm").await;
    assert!(after.is_ok(), "the new key is fetched on its unknown kid: {after:?}");
}

#[tokio::test]
async fn a_declined_consent_at_a_certified_provider_is_access_denied() {
    let provider = start_provider();
    let rp = RelyingParty::discover(&settings(&provider.issuer), &provider.issuer).await.expect("discovery");
    let result = login(&provider, &rp, "abort").await;
    assert!(matches!(result, Err(LoginError::AccessDenied)), "{result:?}");
}
