//! The relying party against the Digital ID simulator: the happy path, and a refusal for every fault the simulator
//! can produce (security.md §1a–1b, 2a–2c).

use digital_id::faults::{
    AuthorizationResponseFault, Faults, IdTokenFault, KeysFault, TokenEndpointFault, UserinfoFault,
};
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
async fn a19_an_id_token_signed_by_a_key_missing_from_the_jwks_is_refused_after_one_fetch_of_the_keys() {
    let sim = TestSimulator::start(vec![]).await;
    let rp = relying_party(&sim).await;
    let (username, _) = sim.add_account().await;
    let fetched_at_discovery = sim.simulator.state().counts.jwks();
    sim.simulator.state().faults.set(id_token_fault(IdTokenFault::UnknownKid));
    let result = login(&sim, &rp, &username).await;
    assert!(matches!(result, Err(LoginError::IdToken(_))), "{result:?}");
    assert_eq!(sim.simulator.state().counts.jwks(), fetched_at_discovery + 1, "exactly one re-fetch of the keys");
}

#[tokio::test]
async fn a19_keys_carried_in_the_jwk_and_jku_headers_are_ignored() {
    // The token is signed by the key its own `jwk` header carries and `jku` points to: trusting either would let
    // anyone sign ID tokens. The key is not Digital ID's, so the token is refused.
    assert_id_token_refused(IdTokenFault::KeyInHeader).await;
}

#[tokio::test]
async fn a8_an_id_token_for_us_alone_whose_azp_names_another_client_is_refused() {
    let result = login_with(id_token_fault(IdTokenFault::ForeignAzpOnly)).await;
    assert!(matches!(&result, Err(LoginError::IdToken(reason)) if reason.contains("azp")), "{result:?}");
}

#[tokio::test]
async fn a11_an_id_token_issued_in_the_future_is_refused() {
    assert_id_token_refused(IdTokenFault::IssuedInFuture).await;
}

#[tokio::test]
async fn a11_an_id_token_issued_more_than_ten_minutes_ago_is_refused() {
    let result = login_with(id_token_fault(IdTokenFault::IssuedLongAgo)).await;
    assert!(matches!(&result, Err(LoginError::IdToken(reason)) if reason.contains("too long ago")), "{result:?}");
}

#[tokio::test]
async fn a11_an_id_token_without_exp_is_refused() {
    // openidconnect refuses to parse a token response whose ID token lacks the required `exp`.
    let result = login_with(id_token_fault(IdTokenFault::MissingExp)).await;
    assert!(matches!(result, Err(LoginError::Token(_) | LoginError::IdToken(_))), "{result:?}");
}

#[tokio::test]
async fn a12_an_id_token_without_the_nonce_we_sent_is_refused() {
    assert_id_token_refused(IdTokenFault::MissingNonce).await;
}

#[tokio::test]
async fn a14_an_id_token_signed_by_another_key_under_the_published_kid_is_refused() {
    assert_id_token_refused(IdTokenFault::OtherKeyUnderPublishedKid).await;
}

#[tokio::test]
async fn a16_a_token_without_kid_is_refused_while_the_jwks_has_several_keys() {
    let sim = TestSimulator::start(vec![]).await;
    sim.simulator.state().keys.rotate().await.expect("a second key");
    let rp = relying_party(&sim).await;
    let (username, _) = sim.add_account().await;
    sim.simulator.state().faults.set(id_token_fault(IdTokenFault::KidAbsent));
    let result = login(&sim, &rp, &username).await;
    assert!(matches!(result, Err(LoginError::IdToken(_))), "an ambiguous key: {result:?}");
}

#[tokio::test]
async fn a18_an_hs256_id_token_keyed_with_the_client_secret_is_refused() {
    assert_id_token_refused(IdTokenFault::HmacWithClientSecret).await;
}

#[tokio::test]
async fn a18_an_hs256_id_token_keyed_with_the_public_key_is_refused() {
    assert_id_token_refused(IdTokenFault::HmacWithPublicKey).await;
}

#[tokio::test]
async fn a20_a_logout_token_presented_as_an_id_token_is_refused() {
    // openidconnect allows only `typ` JWT (or none) on an ID token; a `logout+jwt` fails verification or parsing.
    let result = login_with(id_token_fault(IdTokenFault::TypedAsLogoutToken)).await;
    assert!(matches!(result, Err(LoginError::Token(_) | LoginError::IdToken(_))), "{result:?}");
}

#[tokio::test]
async fn a3_userinfo_is_asked_with_a_bearer_header_never_with_the_token_in_the_query() {
    let sim = TestSimulator::start(vec![]).await;
    let rp = relying_party(&sim).await;
    let (username, _) = sim.add_account().await;
    login(&sim, &rp, &username).await.expect("a successful login");
    assert_eq!(sim.simulator.state().counts.userinfo_with_token_in_query(), 0);
}

#[tokio::test]
async fn b3_discovery_naming_another_issuer_is_refused() {
    let sim = TestSimulator::start(vec![]).await;
    sim.simulator.state().faults.set(Faults { keys: Some(KeysFault::DiscoveryWrongIssuer), ..Faults::default() });
    let result = RelyingParty::discover(&settings(&sim.issuer, "dga"), &sim.issuer).await;
    assert!(result.is_err(), "metadata for https://attacker.example must not be used");
}

#[tokio::test]
async fn b4_after_a_rotation_the_next_login_costs_exactly_one_fetch_of_the_keys() {
    let sim = TestSimulator::start(vec![]).await;
    let rp = relying_party(&sim).await;
    let (username, _) = sim.add_account().await;
    login(&sim, &rp, &username).await.expect("a login before the rotation");
    let before = sim.simulator.state().counts.jwks();
    sim.simulator.state().keys.rotate().await.expect("a new key");
    login(&sim, &rp, &username).await.expect("a login after the rotation");
    login(&sim, &rp, &username).await.expect("another login after the rotation");
    assert_eq!(sim.simulator.state().counts.jwks(), before + 1);
}

#[tokio::test]
async fn b7_unparseable_keys_in_the_jwks_are_skipped() {
    let sim = TestSimulator::start(vec![]).await;
    sim.simulator.state().faults.set(Faults { keys: Some(KeysFault::UnparseableKeyInJwks), ..Faults::default() });
    let rp = relying_party(&sim).await;
    let (username, _) = sim.add_account().await;
    let result = login(&sim, &rp, &username).await;
    assert!(result.is_ok(), "{result:?}");
}

#[tokio::test]
async fn b8_many_unknown_kids_cost_one_fetch_of_the_keys_and_are_all_refused() {
    let sim = TestSimulator::start(vec![]).await;
    let rp = relying_party(&sim).await;
    let (username, _) = sim.add_account().await;
    let before = sim.simulator.state().counts.jwks();
    sim.simulator.state().faults.set(id_token_fault(IdTokenFault::UnknownKid));
    for _ in 0..4 {
        let result = login(&sim, &rp, &username).await;
        assert!(matches!(result, Err(LoginError::IdToken(_))), "{result:?}");
    }
    assert_eq!(sim.simulator.state().counts.jwks(), before + 1, "one fetch per refresh interval");
}

#[tokio::test]
async fn b9_with_the_jwks_endpoint_down_a_known_key_still_verifies_and_an_unknown_one_is_refused() {
    let sim = TestSimulator::start(vec![]).await;
    let rp = relying_party(&sim).await;
    let (username, _) = sim.add_account().await;
    sim.simulator.state().faults.set(Faults { keys: Some(KeysFault::JwksUnavailable), ..Faults::default() });
    let known = login(&sim, &rp, &username).await;
    assert!(known.is_ok(), "the cached key: {known:?}");
    sim.simulator.state().faults.set(Faults {
        keys: Some(KeysFault::JwksUnavailable),
        id_token: Some(IdTokenFault::UnknownKid),
        ..Faults::default()
    });
    let unknown = login(&sim, &rp, &username).await;
    assert!(matches!(unknown, Err(LoginError::IdToken(_))), "{unknown:?}");
}

#[tokio::test]
async fn d2_a_token_response_without_an_id_token_is_refused() {
    let faults = Faults { token_endpoint: Some(TokenEndpointFault::NoIdToken), ..Faults::default() };
    let result = login_with(faults).await;
    assert!(matches!(result, Err(LoginError::Token(_) | LoginError::IdToken(_))), "{result:?}");
}

#[tokio::test]
async fn d3_a_failing_userinfo_endpoint_fails_the_login() {
    let result = login_with(Faults { userinfo: Some(UserinfoFault::ServerError), ..Faults::default() }).await;
    assert!(matches!(result, Err(LoginError::Userinfo(_))), "{result:?}");
}

#[tokio::test]
async fn d6_a_redirecting_token_endpoint_is_not_followed() {
    let sim = TestSimulator::start(vec![]).await;
    let rp = relying_party(&sim).await;
    let (username, _) = sim.add_account().await;
    let before = sim.simulator.state().counts.token();
    sim.simulator
        .state()
        .faults
        .set(Faults { token_endpoint: Some(TokenEndpointFault::RedirectOnce), ..Faults::default() });
    let result = login(&sim, &rp, &username).await;
    assert!(matches!(result, Err(LoginError::Token(_))), "{result:?}");
    assert_eq!(sim.simulator.state().counts.token(), before + 1, "the redirect was not followed");
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
async fn c1_a_callback_with_another_logins_state_never_redeems_the_code() {
    let sim = TestSimulator::start(vec![]).await;
    let rp = relying_party(&sim).await;
    let (username, _) = sim.add_account().await;
    let start = rp.start_login(false);
    let callback = TestBrowser::new(&sim.issuer).authorize(start.authorize_url.as_str(), &username, PASSWORD).await;
    let before = sim.simulator.state().counts.token();
    let other = rp.start_login(false);
    let result = rp.finish_login(&other.transaction, &params(&callback)).await;
    assert!(matches!(result, Err(LoginError::Transaction(_))), "{result:?}");
    assert_eq!(sim.simulator.state().counts.token(), before, "no token request");
    // The code is still good for the login it belongs to.
    assert!(rp.finish_login(&start.transaction, &params(&callback)).await.is_ok());
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

#[tokio::test]
async fn e13_a_step_up_login_asks_for_the_password_again_and_checks_auth_time() {
    let sim = TestSimulator::start(vec![]).await;
    let rp = relying_party(&sim).await;
    let (username, _) = sim.add_account().await;
    let start = rp.start_login(true);
    let url = start.authorize_url.as_str();
    assert!(url.contains("prompt=login") && url.contains("max_age=0"), "{url}");
    let callback = TestBrowser::new(&sim.issuer).authorize(url, &username, PASSWORD).await;
    let signed_in = rp.finish_login(&start.transaction, &params(&callback)).await.expect("a fresh sign-in");
    assert!(signed_in.auth_time.is_some_and(|at| at >= start.transaction.started_at - 60));

    // A provider that ignored the request and answered with a sign-in from before it started: refused.
    let mut stale = rp.start_login(true);
    let callback = TestBrowser::new(&sim.issuer).authorize(stale.authorize_url.as_str(), &username, PASSWORD).await;
    stale.transaction.started_at += 5 * 60;
    let result = rp.finish_login(&stale.transaction, &params(&callback)).await;
    assert!(matches!(result, Err(LoginError::NotFresh)), "{result:?}");
}

#[test]
fn i_a_login_transaction_never_shows_its_secrets_in_debug_output() {
    let transaction = server::relying_party::LoginTransaction {
        state: "state-secret".into(),
        nonce: "nonce-secret".into(),
        pkce_verifier: "verifier-secret".into(),
        issuer: "https://connect.egov.go.th".into(),
        started_at: 0,
        fresh: false,
    };
    let text = format!("{transaction:?}");
    assert!(!text.contains("secret"), "{text}");
}

#[tokio::test]
async fn i_an_error_code_holding_a_newline_cannot_split_a_log_line() {
    let sim = TestSimulator::start(vec![]).await;
    let rp = relying_party(&sim).await;
    let start = rp.start_login(false);
    for (sent, kept) in [
        ("server_error", "server_error"),
        ("server_error\n2026-12-04T00:00:00Z INFO login_ok officer_id=1", "(not an OAuth error code)"),
        ("ผิดพลาด", "(not an OAuth error code)"),
    ] {
        let callback = CallbackParams {
            code: None,
            state: Some(start.transaction.state.clone()),
            iss: Some(sim.issuer.clone()),
            error: Some(sent.to_owned()),
        };
        let result = rp.finish_login(&start.transaction, &callback).await;
        assert!(matches!(&result, Err(LoginError::Provider(code)) if code == kept), "{sent:?}: {result:?}");
        assert!(!result.expect_err("refused").to_string().contains('\n'));
    }
}

#[tokio::test]
async fn a4_the_authorize_request_asks_for_exactly_the_configured_scopes_and_email_comes_from_userinfo() {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
    let sim = TestSimulator::start(vec![]).await;
    let rp = relying_party(&sim).await;
    let configured = settings(&sim.issuer, "dga").digital_id.scopes;
    let start = rp.start_login(false);
    let sent = start.authorize_url.query_pairs().find(|(key, _)| key == "scope").expect("a scope").1.into_owned();
    let mut sent: Vec<&str> = sent.split(' ').collect();
    let mut expected: Vec<&str> = configured.iter().map(String::as_str).collect();
    sent.sort_unstable();
    expected.sort_unstable();
    assert_eq!(sent, expected, "no more and no less than configured");

    let (username, sub) = sim.add_account().await;
    let db = &sim.simulator.state().db;
    let account = digital_id::entities::account::Entity::find_by_id(sub).one(db).await.expect("query").expect("found");
    let mut account: digital_id::entities::account::ActiveModel = account.into();
    account.email = Set(Some("somchai.t@dopa.go.th".to_owned()));
    account.update(db).await.expect("e-mail set");
    let signed_in = login(&sim, &rp, &username).await.expect("a login");
    assert_eq!(signed_in.email.as_deref(), Some("somchai.t@dopa.go.th"));
}
