//! Interoperability: the relying party against an independent, OpenID Certified provider (npm `oidc-provider`,
//! pinned in `tests/oidc-provider/package-lock.json`, started here on a loopback port) — the happy path, key
//! rotation, consent denial, RP-initiated logout and back-channel logout. Proves we speak standard OpenID Connect,
//! not just our own simulator's dialect.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use digital_id::testing::TestBrowser;
use server::config::Settings;
use server::relying_party::{CallbackParams, LoginError, RelyingParty, SignedIn};

const CLIENT_ID: &str = "info-backoffice-interop";
const CLIENT_SECRET: &str = "interop secret with + and %";
const ACCOUNT: &str = "interop-officer";
const POST_LOGOUT_REDIRECT_URI: &str = "http://127.0.0.1:9/backend";

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
    start_provider_with(None)
}

/// The provider, with the client registered for back-channel logout at `backchannel_logout_uri` if given.
fn start_provider_with(backchannel_logout_uri: Option<&str>) -> InteropProvider {
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
        .env("POST_LOGOUT_REDIRECT_URI", POST_LOGOUT_REDIRECT_URI)
        .env("BACKCHANNEL_LOGOUT_URI", backchannel_logout_uri.unwrap_or_default())
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

/// Walks the provider's interactions (sign-in as [`ACCOUNT`], then consent answered with `decision`: `confirm` or
/// `abort`) and returns the redirect to our callback.
async fn authorize(provider: &InteropProvider, browser: &TestBrowser, authorize_url: &str, decision: &str) -> url::Url {
    authorize_as(provider, browser, authorize_url, ACCOUNT, decision).await
}

/// The same, signed in as `account`.
async fn authorize_as(
    provider: &InteropProvider,
    browser: &TestBrowser,
    authorize_url: &str,
    account: &str,
    decision: &str,
) -> url::Url {
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
                Some("login") => browser.post(&format!("{path}/login"), &[("login", account)]).await,
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
    login_in(provider, &TestBrowser::new(&provider.issuer), rp, decision).await
}

/// A login in `browser`, whose session at the provider stays for later (logout).
async fn login_in(
    provider: &InteropProvider,
    browser: &TestBrowser,
    rp: &RelyingParty,
    decision: &str,
) -> Result<SignedIn, LoginError> {
    let start = rp.start_login(false);
    let callback = authorize(provider, browser, start.authorize_url.as_str(), decision).await;
    let get = |name: &str| callback.query_pairs().find(|(key, _)| key == name).map(|(_, value)| value.into_owned());
    let params = CallbackParams { code: get("code"), state: get("state"), iss: get("iss"), error: get("error") };
    rp.finish_login(&start.transaction, &params).await
}

#[tokio::test]
async fn a2_b1_b2_c11_an_officer_signs_in_through_a_certified_provider() {
    let provider = start_provider();
    let rp = RelyingParty::discover(&settings(&provider.issuer), &provider.issuer).await.expect("discovery");
    let signed_in = login(&provider, &rp, "confirm").await.expect("login");
    assert_eq!(signed_in.subject, ACCOUNT);
    assert_eq!(signed_in.given_name.as_deref(), Some("มาตรฐาน"));
    assert_eq!(signed_in.claims.citizen_id.as_deref(), Some("1101700207030"));
    assert!(rp.end_session_endpoint().is_some(), "RP-initiated logout is discovered");
}

#[tokio::test]
async fn j4_identity_assurance_from_a_certified_provider_is_read_verified_as_strings_false_or_missing() {
    use domain::assurance::{Assurance, AssurancePolicy, IalLevel};
    let provider = start_provider();
    let rp = RelyingParty::discover(&settings(&provider.issuer), &provider.issuer).await.expect("discovery");
    let policy = AssurancePolicy::default();
    let cases = [
        (ACCOUNT, Assurance { citizen_id_verified: true, ial: Some(IalLevel::THAID) }, true),
        ("interop-strings", Assurance { citizen_id_verified: true, ial: Some(IalLevel::LASER_CODE) }, true),
        ("interop-unverified", Assurance { citizen_id_verified: false, ial: Some(IalLevel::UNPROOFED) }, false),
        ("interop-no-assurance", Assurance::default(), false),
    ];
    for (account, expected, counts) in cases {
        let browser = TestBrowser::new(&provider.issuer);
        let start = rp.start_login(false);
        let scope =
            start.authorize_url.query_pairs().find(|(key, _)| key == "scope").map(|(_, value)| value.into_owned());
        let scope = scope.unwrap_or_default();
        assert!(scope.split(' ').any(|s| s == "ial_level") && scope.split(' ').any(|s| s == "citizen_id_verified"));
        let callback = authorize_as(&provider, &browser, start.authorize_url.as_str(), account, "confirm").await;
        let get = |name: &str| callback.query_pairs().find(|(key, _)| key == name).map(|(_, value)| value.into_owned());
        let params = CallbackParams { code: get("code"), state: get("state"), iss: get("iss"), error: get("error") };
        let signed_in = rp.finish_login(&start.transaction, &params).await.expect("login");
        assert_eq!(signed_in.assurance(), expected, "{account}");
        assert_eq!(policy.citizen_id_counts(&signed_in.assurance()), counts, "{account}");
        assert!(signed_in.claims.citizen_id.is_some(), "{account}: the citizen ID is there, counted or not");
    }
}

#[tokio::test]
async fn b4_b6_after_the_provider_rotates_its_keys_the_next_login_still_verifies() {
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
async fn c6_a_declined_consent_at_a_certified_provider_is_access_denied() {
    let provider = start_provider();
    let rp = RelyingParty::discover(&settings(&provider.issuer), &provider.issuer).await.expect("discovery");
    let result = login(&provider, &rp, "abort").await;
    assert!(matches!(result, Err(LoginError::AccessDenied)), "{result:?}");
}

/// A loopback endpoint standing in for `/auth/backchannel-logout`: it hands each posted `logout_token` to the test.
async fn logout_token_receiver() -> (String, tokio::sync::mpsc::UnboundedReceiver<String>) {
    use axum::extract::Form;
    let (sender, receiver) = tokio::sync::mpsc::unbounded_channel();
    let route = axum::routing::post(move |Form(form): Form<std::collections::HashMap<String, String>>| {
        let sender = sender.clone();
        async move {
            let _ = sender.send(form.get("logout_token").cloned().unwrap_or_default());
            axum::http::StatusCode::OK
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let uri = format!("http://{}/auth/backchannel-logout", listener.local_addr().expect("address"));
    tokio::spawn(async move {
        let _ = axum::serve(listener, axum::Router::new().route("/auth/backchannel-logout", route)).await;
    });
    (uri, receiver)
}

#[tokio::test]
async fn e6_e10_e12_rp_init_logout_and_rp_backchannel_rpinitlogout_with_a_certified_provider() {
    let (backchannel_logout_uri, mut logout_tokens) = logout_token_receiver().await;
    let provider = start_provider_with(Some(&backchannel_logout_uri));
    let rp = RelyingParty::discover(&settings(&provider.issuer), &provider.issuer).await.expect("discovery");
    let browser = TestBrowser::new(&provider.issuer);
    let signed_in = login_in(&provider, &browser, &rp, "confirm").await.expect("login");
    let sid = signed_in.session_id.clone().expect("the provider's ID token carries sid");

    // RP-initiated logout: id_token_hint, the registered post_logout_redirect_uri and a state.
    let end_session = rp
        .end_session_url(&signed_in.id_token, POST_LOGOUT_REDIRECT_URI, "logout-state")
        .expect("end_session_endpoint");
    let confirm = browser.get(end_session.as_str()).await;
    let xsrf = confirm.field("xsrf").unwrap_or_else(|| panic!("the provider asks to confirm: {confirm:?}"));
    let done = browser.post("/session/end/confirm", &[("xsrf", xsrf.as_str()), ("logout", "yes")]).await;
    let back = done.location.clone().unwrap_or_else(|| panic!("a redirect back: {done:?}"));
    let back = url::Url::parse(&back).expect("URL");
    assert_eq!(&back[..url::Position::AfterPath], POST_LOGOUT_REDIRECT_URI);
    assert_eq!(
        back.query_pairs().find(|(key, _)| key == "state").map(|(_, value)| value.into_owned()).as_deref(),
        Some("logout-state")
    );

    // Back-channel logout: the provider's server posted a Logout Token, and it is valid for that session.
    let token = tokio::time::timeout(std::time::Duration::from_secs(5), logout_tokens.recv())
        .await
        .expect("a Logout Token within 5 s")
        .expect("a Logout Token");
    let request = rp.validate_logout_token(&token).await.expect("a certified provider's Logout Token is accepted");
    assert_eq!(request.session_id.as_deref(), Some(sid.as_str()));
    assert_eq!(request.subject.as_deref(), Some(ACCOUNT));
    assert_eq!(rp.validate_logout_token(&token).await, Err(server::relying_party::LogoutTokenError::Replayed));
}
