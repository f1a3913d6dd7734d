//! Every fault mode, switched on through `/_sim/faults` as the end-to-end tests do, and what the simulator then
//! produces: the spoiled property is read from the raw responses, and where a relying party's library decides, the
//! `openidconnect` crate is shown refusing it. Also: the fault switch and key rotation over HTTP, and their absence
//! when faults are not enabled.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use digital_id::client_secret::dga_hash;
use digital_id::testing::{self, CLIENT_ID, CLIENT_SECRET, PASSWORD, REDIRECT_URI, TestBrowser, TestSimulator};
use openidconnect::core::{
    CoreClient, CoreGenderClaim, CoreIdToken, CoreIdTokenClaims, CoreIdTokenVerifier, CoreProviderMetadata,
};
use openidconnect::{
    AccessToken, ClaimsVerificationError, ClientId, ClientSecret, EmptyAdditionalClaims, IssuerUrl, Nonce,
    SignatureVerificationError, SubjectIdentifier, UserInfoClaims, UserInfoError,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The PKCE pair of RFC 7636 Appendix B.
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const STATE: &str = "state-from-the-test";
const NONCE: &str = "nonce-from-the-test";

/// An HTTP client for the relying party's back channel: redirects are never followed.
fn http() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("an HTTP client")
}

/// The test client's authorization URL with [`STATE`], [`NONCE`] and the RFC 7636 challenge.
fn authorize_url(issuer: &str) -> String {
    let mut url = url::Url::parse(&format!("{issuer}/connect/authorize")).expect("the issuer is a URL");
    url.query_pairs_mut().extend_pairs([
        ("client_id", CLIENT_ID),
        ("redirect_uri", REDIRECT_URI),
        ("response_type", "code"),
        ("scope", "openid user_id citizen_id"),
        ("state", STATE),
        ("nonce", NONCE),
        ("code_challenge", CHALLENGE),
        ("code_challenge_method", "S256"),
    ]);
    url.to_string()
}

/// The value of the query parameter `name`.
fn query(url: &url::Url, name: &str) -> Option<String> {
    url.query_pairs().find(|(key, _)| key == name).map(|(_, value)| value.into_owned())
}

/// A simulator with one account; returns it with the account's username and `sub`.
async fn simulator_with_account() -> (TestSimulator, String, String) {
    let sim = TestSimulator::start(vec![]).await;
    let (username, sub) = sim.add_account().await;
    (sim, username, sub)
}

/// Replaces the faults in force through `PUT /_sim/faults` and checks the switch echoes them.
async fn switch_faults(sim: &TestSimulator, faults: Value) {
    let response =
        http().put(format!("{}/_sim/faults", sim.issuer)).json(&faults).send().await.expect("PUT /_sim/faults");
    assert_eq!(response.status(), StatusCode::OK);
    let echoed: Value = response.json().await.expect("the faults in force");
    for (name, value) in faults.as_object().expect("a faults object") {
        assert_eq!(&echoed[name], value, "{name} in {echoed}");
    }
}

/// Signs `login` in with a fresh browser and returns the redirect to the client.
async fn authorization_response(sim: &TestSimulator, login: &str) -> url::Url {
    TestBrowser::new(&sim.issuer).authorize(&authorize_url(&sim.issuer), login, PASSWORD).await
}

/// Signs `login` in and returns the code.
async fn code_for(sim: &TestSimulator, login: &str) -> String {
    query(&authorization_response(sim, login).await, "code").expect("the redirect carries a code")
}

/// `POST /connect/token` for `code` with the DGA-hashed secret in Basic auth and the RFC 7636 verifier.
async fn token_request(sim: &TestSimulator, code: &str) -> reqwest::Response {
    let encode = |text: &str| url::form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>();
    let credentials = STANDARD.encode(format!("{}:{}", encode(CLIENT_ID), encode(&dga_hash(CLIENT_SECRET))));
    http()
        .post(format!("{}/connect/token", sim.issuer))
        .header("authorization", format!("Basic {credentials}"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT_URI),
            ("code_verifier", VERIFIER),
        ])
        .send()
        .await
        .expect("the token endpoint answers")
}

/// A whole sign-in for `login` and the successful token response's JSON.
async fn tokens_for(sim: &TestSimulator, login: &str) -> Value {
    let code = code_for(sim, login).await;
    let response = token_request(sim, &code).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("a JSON token response")
}

/// The raw ID token of a token response.
fn id_token(tokens: &Value) -> &str {
    tokens["id_token"].as_str().expect("an ID token")
}

/// The JSON of a compact JWT's header (`0`) or claims (`1`).
fn jwt_part(token: &str, index: usize) -> Value {
    let part = token.split('.').nth(index).expect("a compact JWT");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).expect("base64url")).expect("JSON")
}

/// The `kid`s of the JWKS published now.
async fn published_kids(sim: &TestSimulator) -> BTreeSet<String> {
    let jwks: Value = http()
        .get(format!("{}/.well-known/openid-configuration/jwks", sim.issuer))
        .send()
        .await
        .expect("the JWKS answers")
        .json()
        .await
        .expect("a JSON JWKS");
    let keys = jwks["keys"].as_array().expect("a key list");
    keys.iter().map(|key| key["kid"].as_str().expect("every key has a kid").to_owned()).collect()
}

/// The verifier a relying party builds from the simulator's metadata and JWKS as discovered now.
async fn discovered_verifier(sim: &TestSimulator) -> CoreIdTokenVerifier<'static> {
    let issuer = IssuerUrl::new(sim.issuer.clone()).expect("an issuer URL");
    let metadata = CoreProviderMetadata::discover_async(issuer, &http()).await.expect("discovery succeeds");
    CoreIdTokenVerifier::new_confidential_client(
        ClientId::new(CLIENT_ID.into()),
        ClientSecret::new(dga_hash(CLIENT_SECRET)),
        metadata.issuer().clone(),
        metadata.jwks().clone(),
    )
}

/// Why `openidconnect` did not accept an ID token.
#[derive(Debug)]
enum Refusal {
    /// It is not even an ID token to the library (a required claim is missing).
    Parse(#[expect(dead_code, reason = "read only through Debug, in assertion messages")] serde_json::Error),
    /// It parsed but did not verify.
    Verification(ClaimsVerificationError),
}

/// What `openidconnect` makes of a raw ID token, expecting [`NONCE`].
fn verdict(verifier: &CoreIdTokenVerifier<'_>, raw: &str) -> Result<CoreIdTokenClaims, Refusal> {
    let token: CoreIdToken = raw.parse().map_err(Refusal::Parse)?;
    token.claims(verifier, &Nonce::new(NONCE.into())).cloned().map_err(Refusal::Verification)
}

/// Runs a sign-in with the ID token fault `fault` and returns the raw ID token and the verifier discovered before.
async fn spoiled_id_token(fault: &str) -> (String, CoreIdTokenVerifier<'static>, TestSimulator) {
    let (sim, username, _) = simulator_with_account().await;
    let verifier = discovered_verifier(&sim).await;
    switch_faults(&sim, json!({ "id_token": fault })).await;
    let tokens = tokens_for(&sim, &username).await;
    (id_token(&tokens).to_owned(), verifier, sim)
}

#[tokio::test]
async fn without_faults_the_id_token_verifies_so_the_refusals_below_are_the_faults_doing() {
    let (sim, username, sub) = simulator_with_account().await;
    let verifier = discovered_verifier(&sim).await;
    let tokens = tokens_for(&sim, &username).await;
    let claims = verdict(&verifier, id_token(&tokens)).expect("a clean ID token verifies");
    assert_eq!(claims.subject().as_str(), sub);
}

#[tokio::test]
async fn the_wrong_iss_fault_names_another_issuer_in_the_id_token() {
    let (raw, verifier, sim) = spoiled_id_token("wrong_iss").await;
    let claims = jwt_part(&raw, 1);
    assert_eq!(claims["iss"], "https://attacker.example");
    assert_ne!(claims["iss"], json!(sim.issuer));
    assert!(matches!(verdict(&verifier, &raw), Err(Refusal::Verification(ClaimsVerificationError::InvalidIssuer(_)))));
}

#[tokio::test]
async fn the_wrong_aud_fault_names_another_client_in_the_id_token() {
    let (raw, verifier, _sim) = spoiled_id_token("wrong_aud").await;
    assert_eq!(jwt_part(&raw, 1)["aud"], "another-client");
    assert!(matches!(
        verdict(&verifier, &raw),
        Err(Refusal::Verification(ClaimsVerificationError::InvalidAudience(_)))
    ));
}

#[tokio::test]
async fn the_missing_aud_fault_leaves_aud_out_of_the_id_token() {
    let (raw, verifier, _sim) = spoiled_id_token("missing_aud").await;
    let claims = jwt_part(&raw, 1);
    assert!(claims.get("aud").is_none(), "{claims}");
    assert!(claims.get("sub").is_some() && claims.get("iss").is_some(), "only aud is missing: {claims}");
    // openidconnect reads a missing aud as an empty list (for lenient providers), which never contains the client.
    assert!(matches!(
        verdict(&verifier, &raw),
        Err(Refusal::Verification(ClaimsVerificationError::InvalidAudience(_)))
    ));
}

#[tokio::test]
async fn the_missing_sub_fault_leaves_sub_out_of_the_id_token() {
    let (raw, verifier, _sim) = spoiled_id_token("missing_sub").await;
    let claims = jwt_part(&raw, 1);
    assert!(claims.get("sub").is_none(), "{claims}");
    assert!(claims.get("aud").is_some() && claims.get("iat").is_some(), "only sub is missing: {claims}");
    assert!(matches!(verdict(&verifier, &raw), Err(Refusal::Parse(_))), "sub is required to parse an ID token");
}

#[tokio::test]
async fn the_missing_iat_fault_leaves_iat_out_of_the_id_token() {
    let (raw, verifier, _sim) = spoiled_id_token("missing_iat").await;
    let claims = jwt_part(&raw, 1);
    assert!(claims.get("iat").is_none(), "{claims}");
    assert!(claims.get("sub").is_some() && claims.get("exp").is_some(), "only iat is missing: {claims}");
    assert!(matches!(verdict(&verifier, &raw), Err(Refusal::Parse(_))), "iat is required to parse an ID token");
}

#[tokio::test]
async fn the_bad_signature_fault_signs_the_id_token_with_a_signature_that_does_not_verify() {
    let (raw, verifier, sim) = spoiled_id_token("bad_signature").await;
    let header = jwt_part(&raw, 0);
    assert_eq!(header["alg"], "RS256");
    let kid = header["kid"].as_str().expect("a kid");
    assert!(published_kids(&sim).await.contains(kid), "the kid is a published one; only the signature is wrong");
    assert_eq!(jwt_part(&raw, 1)["iss"], json!(sim.issuer), "the claims are intact");
    assert!(matches!(
        verdict(&verifier, &raw),
        Err(Refusal::Verification(ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::CryptoError(_)
        )))
    ));
}

#[tokio::test]
async fn the_alg_none_fault_issues_an_unsigned_id_token() {
    let (raw, verifier, _sim) = spoiled_id_token("alg_none").await;
    assert_eq!(jwt_part(&raw, 0)["alg"], "none");
    assert!(raw.ends_with('.'), "an empty signature: {raw}");
    assert!(matches!(
        verdict(&verifier, &raw),
        Err(Refusal::Verification(ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::NoSignature
        )))
    ));
}

#[tokio::test]
async fn the_nonce_mismatch_fault_puts_another_nonce_in_the_id_token() {
    let (raw, verifier, _sim) = spoiled_id_token("nonce_mismatch").await;
    let nonce = jwt_part(&raw, 1)["nonce"].as_str().expect("a nonce").to_owned();
    assert_ne!(nonce, NONCE);
    assert!(matches!(verdict(&verifier, &raw), Err(Refusal::Verification(ClaimsVerificationError::InvalidNonce(_)))));
}

#[tokio::test]
async fn the_wrong_at_hash_fault_hashes_another_access_token() {
    let (sim, username, _) = simulator_with_account().await;
    switch_faults(&sim, json!({ "id_token": "wrong_at_hash" })).await;
    let tokens = tokens_for(&sim, &username).await;
    let at_hash = jwt_part(id_token(&tokens), 1)["at_hash"].as_str().expect("an at_hash").to_owned();
    let access_token = tokens["access_token"].as_str().expect("an access token");
    assert_ne!(at_hash, digital_id::jws::left_half_hash(access_token), "at_hash must not match the access token");
}

#[tokio::test]
async fn the_foreign_azp_fault_adds_another_audience_and_names_it_as_azp() {
    let (raw, verifier, _sim) = spoiled_id_token("foreign_azp").await;
    let claims = jwt_part(&raw, 1);
    assert_eq!(claims["aud"], json!([testing::CLIENT_ID, "another-client"]));
    assert_eq!(claims["azp"], json!("another-client"));
    assert!(verdict(&verifier, &raw).is_err(), "an untrusted extra audience is refused");
}

#[tokio::test]
async fn the_expired_fault_issues_an_id_token_that_expired_before_it_was_received() {
    let (raw, verifier, _sim) = spoiled_id_token("expired").await;
    let claims = jwt_part(&raw, 1);
    let exp = claims["exp"].as_i64().expect("exp");
    let iat = claims["iat"].as_i64().expect("iat");
    assert!(exp < chrono::Utc::now().timestamp() - 60, "exp {exp} is in the past");
    assert_eq!(exp - iat, 300, "still a 300 s token, issued long ago");
    assert!(matches!(verdict(&verifier, &raw), Err(Refusal::Verification(ClaimsVerificationError::Expired(_)))));
}

#[tokio::test]
async fn the_unknown_kid_fault_signs_the_id_token_with_a_key_missing_from_the_jwks() {
    let (raw, verifier, sim) = spoiled_id_token("unknown_kid").await;
    let kid = jwt_part(&raw, 0)["kid"].as_str().expect("a kid").to_owned();
    assert!(!published_kids(&sim).await.contains(&kid), "{kid} must not be published");
    assert!(matches!(
        verdict(&verifier, &raw),
        Err(Refusal::Verification(ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::NoMatchingKey
        )))
    ));
    assert!(
        verdict(&discovered_verifier(&sim).await, &raw).is_err(),
        "discovering again does not help: the key is never published"
    );
}

#[tokio::test]
async fn the_kid_absent_fault_leaves_kid_out_which_only_a_single_key_jwks_can_tolerate() {
    let (raw, verifier, sim) = spoiled_id_token("kid_absent").await;
    let header = jwt_part(&raw, 0);
    assert!(header.get("kid").is_none(), "{header}");
    assert_eq!(header["alg"], "RS256");
    verdict(&verifier, &raw).expect("otherwise valid: the only published key verifies it");

    // With two published keys the key cannot be chosen (OpenID Connect Core §10.1); the fault stays on.
    let rotated = http().post(format!("{}/_sim/keys/rotate", sim.issuer)).send().await.expect("POST /_sim/keys/rotate");
    assert_eq!(rotated.status(), StatusCode::OK);
    let (username, _) = sim.add_account().await;
    let raw = id_token(&tokens_for(&sim, &username).await).to_owned();
    assert!(jwt_part(&raw, 0).get("kid").is_none());
    assert!(matches!(
        verdict(&discovered_verifier(&sim).await, &raw),
        Err(Refusal::Verification(ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::AmbiguousKeyId(_)
        )))
    ));
}

#[tokio::test]
async fn the_rotate_keys_before_signing_fault_signs_once_with_a_key_published_only_after_the_token_request() {
    let (sim, username, _) = simulator_with_account().await;
    let kids_before = published_kids(&sim).await;
    let verifier_before = discovered_verifier(&sim).await;
    switch_faults(&sim, json!({ "id_token": "rotate_keys_before_signing" })).await;

    let raw = id_token(&tokens_for(&sim, &username).await).to_owned();
    let kid = jwt_part(&raw, 0)["kid"].as_str().expect("a kid").to_owned();
    assert!(!kids_before.contains(&kid), "{kid} is new to a relying party that fetched the JWKS before");
    let kids_after = published_kids(&sim).await;
    assert!(kids_after.contains(&kid), "{kid} is published now");
    assert!(kids_before.is_subset(&kids_after), "the previous key stays published");
    assert!(matches!(
        verdict(&verifier_before, &raw),
        Err(Refusal::Verification(ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::NoMatchingKey
        )))
    ));
    verdict(&discovered_verifier(&sim).await, &raw).expect("discovering again finds the new key");

    // Once only: the switch is off again and the next token is signed by the same new key without a rotation.
    let faults: Value = http()
        .get(format!("{}/_sim/faults", sim.issuer))
        .send()
        .await
        .expect("GET /_sim/faults")
        .json()
        .await
        .expect("JSON");
    assert_eq!(faults["id_token"], Value::Null);
    let next = id_token(&tokens_for(&sim, &username).await).to_owned();
    assert_eq!(jwt_part(&next, 0)["kid"], json!(kid));
    assert_eq!(published_kids(&sim).await, kids_after);
}

#[tokio::test]
async fn the_sub_mismatch_fault_answers_userinfo_with_another_persons_sub() {
    let (sim, username, sub) = simulator_with_account().await;
    let tokens = tokens_for(&sim, &username).await;
    assert_eq!(jwt_part(id_token(&tokens), 1)["sub"], json!(sub));
    switch_faults(&sim, json!({ "userinfo": "sub_mismatch" })).await;
    let access_token = tokens["access_token"].as_str().expect("an access token");

    let userinfo: Value = http()
        .get(format!("{}/connect/userinfo", sim.issuer))
        .bearer_auth(access_token)
        .send()
        .await
        .expect("userinfo answers")
        .json()
        .await
        .expect("JSON claims");
    assert!(userinfo["sub"].is_string(), "{userinfo}");
    assert_ne!(userinfo["sub"], json!(sub));
    assert_eq!(userinfo["user_id"], json!(sub), "the rest is still the person's");

    let metadata =
        CoreProviderMetadata::discover_async(IssuerUrl::new(sim.issuer.clone()).expect("an issuer URL"), &http())
            .await
            .expect("discovery succeeds");
    let client = CoreClient::from_provider_metadata(metadata, ClientId::new(CLIENT_ID.into()), None);
    let result: Result<UserInfoClaims<EmptyAdditionalClaims, CoreGenderClaim>, _> = client
        .user_info(AccessToken::new(access_token.to_owned()), Some(SubjectIdentifier::new(sub)))
        .expect("a userinfo endpoint was discovered")
        .request_async(&http())
        .await;
    assert!(
        matches!(result, Err(UserInfoError::ClaimsVerification(ClaimsVerificationError::InvalidSubject(_)))),
        "{result:?}"
    );
}

#[tokio::test]
async fn the_server_error_fault_answers_the_token_request_with_an_html_500() {
    let (sim, username, _) = simulator_with_account().await;
    let code = code_for(&sim, &username).await;
    switch_faults(&sim, json!({ "token_endpoint": "server_error" })).await;

    let response = token_request(&sim, &code).await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let content_type = response.headers().get("content-type").and_then(|value| value.to_str().ok()).map(str::to_owned);
    assert!(content_type.as_deref().is_some_and(|value| value.starts_with("text/html")), "{content_type:?}");
    let body = response.text().await.expect("a body");
    assert!(serde_json::from_str::<Value>(&body).is_err(), "not an OAuth JSON error: {body}");
}

#[tokio::test]
async fn the_delay_fault_holds_the_token_response_for_at_least_the_delay() {
    let (sim, username, _) = simulator_with_account().await;
    let code = code_for(&sim, &username).await;
    switch_faults(&sim, json!({ "delay_ms": 300 })).await;

    let started = Instant::now();
    let response = token_request(&sim, &code).await;
    let elapsed = started.elapsed();
    assert_eq!(response.status(), StatusCode::OK, "a delay, not a failure");
    assert!(elapsed >= Duration::from_millis(300), "answered after {elapsed:?}");
}

#[tokio::test]
async fn the_wrong_iss_authorization_response_fault_names_another_issuer_in_the_redirect() {
    let (sim, username, _) = simulator_with_account().await;
    switch_faults(&sim, json!({ "authorization_response": "wrong_iss" })).await;
    let redirect = authorization_response(&sim, &username).await;
    assert_eq!(query(&redirect, "iss").as_deref(), Some("https://attacker.example"));
    assert!(query(&redirect, "code").is_some(), "{redirect}");
    assert_eq!(query(&redirect, "state").as_deref(), Some(STATE));
}

#[tokio::test]
async fn the_missing_iss_authorization_response_fault_leaves_iss_out_of_the_redirect() {
    let (sim, username, _) = simulator_with_account().await;
    switch_faults(&sim, json!({ "authorization_response": "missing_iss" })).await;
    let redirect = authorization_response(&sim, &username).await;
    assert_eq!(query(&redirect, "iss"), None, "{redirect}");
    assert!(query(&redirect, "code").is_some(), "{redirect}");
    assert_eq!(query(&redirect, "state").as_deref(), Some(STATE));
}

#[tokio::test]
async fn the_fault_switch_is_read_set_and_cleared_over_http() {
    let sim = TestSimulator::start(vec![]).await;
    let url = format!("{}/_sim/faults", sim.issuer);
    let read =
        || async { http().get(&url).send().await.expect("GET /_sim/faults").json::<Value>().await.expect("JSON") };
    let none = json!({
        "id_token": null, "userinfo": null, "token_endpoint": null, "authorization_response": null, "keys": null,
        "delay_ms": 0,
    });
    assert_eq!(read().await, none);

    switch_faults(&sim, json!({ "id_token": "expired", "delay_ms": 5 })).await;
    assert_eq!(read().await["id_token"], "expired");
    assert_eq!(sim.simulator.state().faults.get().delay_ms, 5);

    let unknown = http().put(&url).json(&json!({ "id_token": "no_such_fault" })).send().await.expect("PUT");
    assert!(unknown.status().is_client_error(), "{}", unknown.status());
    let misspelt = http().put(&url).json(&json!({ "idtoken": "expired" })).send().await.expect("PUT");
    assert!(misspelt.status().is_client_error(), "{}", misspelt.status());
    assert_eq!(read().await["id_token"], "expired", "a refused change leaves the faults as they were");

    let cleared = http().delete(&url).send().await.expect("DELETE /_sim/faults");
    assert_eq!(cleared.status(), StatusCode::NO_CONTENT);
    assert_eq!(read().await, none);
}

#[tokio::test]
async fn a_key_rotation_over_http_publishes_the_new_key_next_to_the_old_one() {
    let sim = TestSimulator::start(vec![]).await;
    let before = published_kids(&sim).await;
    let response =
        http().post(format!("{}/_sim/keys/rotate", sim.issuer)).send().await.expect("POST /_sim/keys/rotate");
    assert_eq!(response.status(), StatusCode::OK);
    let kid = response.json::<Value>().await.expect("JSON")["kid"].as_str().expect("the new kid").to_owned();
    let after = published_kids(&sim).await;
    assert!(!before.contains(&kid) && after.contains(&kid), "{kid}: {before:?} → {after:?}");
    assert!(before.is_subset(&after));
}

#[tokio::test]
async fn without_enable_faults_the_test_controls_do_not_exist() {
    let settings = digital_id::Settings {
        issuer: "http://127.0.0.1:1".into(),
        database_url: domain::database::DatabaseUrl::new("sqlite::memory:"),
        enable_faults: false,
        clients: vec![testing::test_client()],
    };
    let simulator = digital_id::Simulator::open(settings).await.expect("the simulator opens");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("an ephemeral port");
    let base = format!("http://{}", listener.local_addr().expect("a local address"));
    let router = simulator.router();
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });

    let discovery = http().get(format!("{base}/.well-known/openid-configuration")).send().await.expect("discovery");
    assert_eq!(discovery.status(), StatusCode::OK, "the simulator itself is up");
    let requests = [
        http().get(format!("{base}/_sim/faults")),
        http().put(format!("{base}/_sim/faults")).json(&json!({ "id_token": "alg_none" })),
        http().delete(format!("{base}/_sim/faults")),
        http().post(format!("{base}/_sim/keys/rotate")),
    ];
    for request in requests {
        let response = request.send().await.expect("an answer");
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{}", response.url());
    }
    assert_eq!(simulator.state().faults.get(), digital_id::faults::Faults::default());
    server.abort();
}

#[tokio::test]
async fn a_simulator_with_a_public_issuer_refuses_to_open_with_faults_enabled() {
    let settings = digital_id::Settings {
        issuer: "https://connect.egov.go.th".into(),
        database_url: domain::database::DatabaseUrl::new("sqlite::memory:"),
        enable_faults: true,
        clients: vec![testing::test_client()],
    };
    let refused = digital_id::Simulator::open(settings).await.err();
    assert!(
        matches!(
            refused,
            Some(digital_id::simulator::OpenError::Settings(
                digital_id::settings::SettingsError::FaultsOutsideLoopback(_)
            ))
        ),
        "{refused:?}"
    );
}
