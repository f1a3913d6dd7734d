//! The relying party against the Digital ID simulator: the happy path, and a refusal for every fault the simulator
//! can produce (security.md §1a–1b, 2a–2c).

use digital_id::faults::{AuthorizationResponseFault, Faults, IdTokenFault, TokenEndpointFault, UserinfoFault};
use digital_id::testing::{self, PASSWORD, TestBrowser, TestSimulator};
use server::config::Settings;
use server::relying_party::{CallbackParams, LoginError, RelyingParty, SignedIn, dga_hash};

fn settings(issuer: &str, hashing: &str) -> Settings {
    let env = [
        ("DIGITAL_ID_ISSUER", issuer.to_owned()),
        ("DIGITAL_ID_CLIENT_ID", testing::CLIENT_ID.to_owned()),
        ("DIGITAL_ID_CLIENT_SECRET", testing::CLIENT_SECRET.to_owned()),
        ("DIGITAL_ID_SECRET_HASHING", hashing.to_owned()),
        // The test client's redirect URI is http://127.0.0.1:9/auth/callback.
        ("APP_BASE_URL", "http://127.0.0.1:9".to_owned()),
        ("CITIZEN_ID_KEY", "a test key of at least thirty-two characters".to_owned()),
    ];
    Settings::from_sources(include_str!("../../Leptos.toml"), |name| {
        env.iter().find(|(key, _)| *key == name).map(|(_, value)| value.clone())
    })
    .expect("valid settings")
}

async fn relying_party(sim: &TestSimulator) -> RelyingParty {
    RelyingParty::discover(&settings(&sim.issuer, "dga"), &sim.issuer).await.expect("discovery")
}

fn params(callback: &url::Url) -> CallbackParams {
    let get = |name: &str| callback.query_pairs().find(|(key, _)| key == name).map(|(_, value)| value.into_owned());
    CallbackParams { code: get("code"), state: get("state"), iss: get("iss"), error: get("error") }
}

/// A whole login in a fresh browser: sign in, consent, callback, finish.
async fn login(sim: &TestSimulator, rp: &RelyingParty, username: &str) -> Result<SignedIn, LoginError> {
    let start = rp.start_login(false);
    let callback = TestBrowser::new(&sim.issuer).authorize(start.authorize_url.as_str(), username, PASSWORD).await;
    rp.finish_login(&start.transaction, &params(&callback)).await
}

async fn login_with(faults: Faults) -> Result<SignedIn, LoginError> {
    let sim = TestSimulator::start(vec![]).await;
    let rp = relying_party(&sim).await;
    let (username, _) = sim.add_account().await;
    sim.simulator.state().faults.set(faults);
    login(&sim, &rp, &username).await
}

fn id_token_fault(fault: IdTokenFault) -> Faults {
    Faults { id_token: Some(fault), ..Faults::default() }
}

#[tokio::test]
async fn a1_a3_a4_a5_b1_b2_an_officer_signs_in_and_the_relying_party_learns_who_from_the_verified_tokens() {
    let sim = TestSimulator::start(vec![]).await;
    let rp = relying_party(&sim).await;
    let (username, sub) = sim.add_account().await;
    let start = rp.start_login(false);
    let url = start.authorize_url.as_str();
    assert!(url.contains("code_challenge_method=S256") && url.contains("nonce=") && url.contains("state="), "{url}");

    let signed_in = login(&sim, &rp, &username).await.expect("a successful login");
    assert_eq!(signed_in.subject, sub);
    assert_eq!(signed_in.issuer, sim.issuer);
    assert_eq!(signed_in.given_name.as_deref(), Some("ทดสอบ"));
    assert_eq!(signed_in.family_name.as_deref(), Some("ระบบ"));
    assert_eq!(signed_in.phone_number.as_deref(), Some("0812345678"));
    assert_eq!(signed_in.claims.title.as_deref(), Some("นาย"));
    assert_eq!(signed_in.claims.citizen_id.as_ref().map(String::len), Some(13));
    assert!(signed_in.auth_time.is_some());
    assert!(rp.end_session_endpoint().is_some());
    assert!(!format!("{signed_in:?}").contains(&signed_in.id_token), "the ID token never shows in Debug");
}

#[tokio::test]
async fn our_dga_hashing_is_what_the_simulator_accepts_and_a_plain_secret_is_refused() {
    assert_eq!(dga_hash(testing::CLIENT_SECRET), digital_id::client_secret::dga_hash(testing::CLIENT_SECRET));
    let sim = TestSimulator::start(vec![]).await;
    let plain = RelyingParty::discover(&settings(&sim.issuer, "plain"), &sim.issuer).await.expect("discovery");
    let (username, _) = sim.add_account().await;
    let result = login(&sim, &plain, &username).await;
    assert!(matches!(&result, Err(LoginError::Token(reason)) if reason.contains("invalid_client")), "{result:?}");
}

/// Logs in while the simulator spoils the ID token with `fault`: the login must fail on the ID token's checks.
async fn assert_id_token_refused(fault: IdTokenFault) {
    let result = login_with(id_token_fault(fault)).await;
    assert!(matches!(result, Err(LoginError::IdToken(_))), "{fault:?}: {result:?}");
}

#[tokio::test]
async fn a6_an_id_token_from_another_issuer_is_refused() {
    assert_id_token_refused(IdTokenFault::WrongIss).await;
}

#[tokio::test]
async fn a7_an_id_token_for_another_audience_is_refused() {
    assert_id_token_refused(IdTokenFault::WrongAud).await;
}

#[tokio::test]
async fn a7_an_id_token_without_aud_is_refused() {
    assert_id_token_refused(IdTokenFault::MissingAud).await;
}

#[tokio::test]
async fn a8_an_id_token_also_for_another_client_named_as_azp_is_refused() {
    assert_id_token_refused(IdTokenFault::ForeignAzp).await;
}

#[tokio::test]
async fn a11_an_expired_id_token_is_refused() {
    assert_id_token_refused(IdTokenFault::Expired).await;
}

#[tokio::test]
async fn a12_an_id_token_with_another_nonce_is_refused() {
    assert_id_token_refused(IdTokenFault::NonceMismatch).await;
}

#[tokio::test]
async fn a13_an_unsigned_alg_none_id_token_is_refused() {
    assert_id_token_refused(IdTokenFault::AlgNone).await;
}

#[tokio::test]
async fn a14_an_id_token_whose_signature_does_not_verify_is_refused() {
    assert_id_token_refused(IdTokenFault::BadSignature).await;
}

#[tokio::test]
async fn a19_an_id_token_signed_by_a_key_missing_from_the_jwks_is_refused() {
    assert_id_token_refused(IdTokenFault::UnknownKid).await;
}

#[tokio::test]
async fn a21_an_id_token_whose_at_hash_is_of_another_access_token_is_refused() {
    assert_id_token_refused(IdTokenFault::WrongAtHash).await;
}

#[tokio::test]
async fn a9_a10_an_id_token_without_sub_or_iat_is_refused() {
    for fault in [IdTokenFault::MissingSub, IdTokenFault::MissingIat] {
        // openidconnect refuses to parse such a token response at all.
        let result = login_with(id_token_fault(fault)).await;
        assert!(matches!(result, Err(LoginError::Token(_) | LoginError::IdToken(_))), "{fault:?}: {result:?}");
    }
}

#[tokio::test]
async fn b5_a_key_rotated_just_before_signing_is_fetched_and_accepted() {
    let result = login_with(id_token_fault(IdTokenFault::RotateKeysBeforeSigning)).await;
    assert!(result.is_ok(), "{result:?}");
}

#[tokio::test]
async fn a15_a_token_without_kid_is_accepted_while_the_jwks_has_a_single_key() {
    let result = login_with(id_token_fault(IdTokenFault::KidAbsent)).await;
    assert!(result.is_ok(), "{result:?}");
}

#[tokio::test]
async fn a17_userinfo_for_another_subject_is_refused() {
    let result = login_with(Faults { userinfo: Some(UserinfoFault::SubMismatch), ..Faults::default() }).await;
    assert!(matches!(result, Err(LoginError::Userinfo(_))), "{result:?}");
}

#[tokio::test]
async fn d1_a_failing_token_endpoint_fails_the_login() {
    let faults = Faults { token_endpoint: Some(TokenEndpointFault::ServerError), ..Faults::default() };
    assert!(matches!(login_with(faults).await, Err(LoginError::Token(_))));
}

#[tokio::test]
async fn d4_a_slow_token_endpoint_is_given_up_on_after_five_seconds() {
    let sim = TestSimulator::start(vec![]).await;
    let rp = relying_party(&sim).await;
    let (username, _) = sim.add_account().await;
    let start = rp.start_login(false);
    let callback = TestBrowser::new(&sim.issuer).authorize(start.authorize_url.as_str(), &username, PASSWORD).await;
    sim.simulator.state().faults.set(Faults { delay_ms: 6_000, ..Faults::default() });

    let started = std::time::Instant::now();
    let result = rp.finish_login(&start.transaction, &params(&callback)).await;
    assert!(matches!(result, Err(LoginError::Token(_))), "{result:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(6), "gave up before the simulator answered");
}

#[tokio::test]
async fn c4_c5_a_wrong_or_missing_issuer_in_the_authorization_response_is_refused() {
    for fault in [AuthorizationResponseFault::WrongIss, AuthorizationResponseFault::MissingIss] {
        let result = login_with(Faults { authorization_response: Some(fault), ..Faults::default() }).await;
        assert!(matches!(result, Err(LoginError::Issuer(_))), "{fault:?}: {result:?}");
    }
}

#[tokio::test]
async fn c1_c6_declined_consent_and_a_foreign_state_are_told_apart() {
    let sim = TestSimulator::start(vec![]).await;
    let rp = relying_party(&sim).await;
    let (username, _) = sim.add_account().await;

    let start = rp.start_login(false);
    let browser = TestBrowser::new(&sim.issuer);
    let sign_in_page = browser.open_sign_in(start.authorize_url.as_str()).await;
    let consent_page = browser.follow(browser.sign_in(&sign_in_page, &username, PASSWORD).await).await;
    let denied = browser.answer_consent(&consent_page, "deny").await;
    let callback = url::Url::parse(&denied.location.expect("a redirect")).expect("a URL");
    assert!(matches!(rp.finish_login(&start.transaction, &params(&callback)).await, Err(LoginError::AccessDenied)));

    let other = rp.start_login(false);
    let result = rp.finish_login(&other.transaction, &params(&callback)).await;
    assert!(matches!(result, Err(LoginError::Transaction(_))), "another login's state: {result:?}");
}

#[tokio::test]
async fn c8_a_login_older_than_ten_minutes_is_refused_even_with_a_good_code() {
    let sim = TestSimulator::start(vec![]).await;
    let rp = relying_party(&sim).await;
    let (username, _) = sim.add_account().await;
    let mut start = rp.start_login(false);
    let callback = TestBrowser::new(&sim.issuer).authorize(start.authorize_url.as_str(), &username, PASSWORD).await;
    start.transaction.started_at -= 11 * 60;
    let result = rp.finish_login(&start.transaction, &params(&callback)).await;
    assert!(matches!(result, Err(LoginError::Transaction("expired"))), "{result:?}");
}

#[test]
fn i_a_login_transaction_never_shows_its_secrets_in_debug_output() {
    let transaction = server::relying_party::LoginTransaction {
        state: "state-secret".into(),
        nonce: "nonce-secret".into(),
        pkce_verifier: "verifier-secret".into(),
        issuer: "https://connect.egov.go.th".into(),
        started_at: 0,
    };
    let text = format!("{transaction:?}");
    assert!(!text.contains("secret"), "{text}");
}
