//! The simulator as a relying party meets it. The `openidconnect` crate drives the whole journey (discovery,
//! authorization with PKCE, the token exchange, userinfo and end-session) and verifies the tokens against the
//! simulator's JWKS; the other tests pin down, over plain HTTP, what an integration with Digital ID relies on: the
//! DGA secret hashing, single-use codes, PKCE, redirect URI checks, consent, `prompt`, revocation, bearer tokens
//! only in the header, and registration through the pages.

use std::collections::BTreeSet;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use digital_id::client_secret::dga_hash;
use digital_id::testing::{self, CLIENT_ID, CLIENT_SECRET, PASSWORD, REDIRECT_URI, TestBrowser, TestSimulator};
use md5::Digest;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreGenderClaim};
use openidconnect::{
    AccessTokenHash, AdditionalClaims, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, LogoutRequest,
    Nonce, OAuth2TokenResponse, PkceCodeChallenge, PostLogoutRedirectUrl, ProviderMetadataWithLogout, RedirectUrl,
    Scope, SubjectIdentifier, TokenResponse, UserInfoClaims,
};
use reqwest::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The PKCE pair of RFC 7636 Appendix B, for flows driven by hand.
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const STATE: &str = "state-from-the-test";
const NONCE: &str = "nonce-from-the-test";

/// Digital ID's claims beyond the standard ones; the types of `ial_level` and `citizen_id_verified` are not
/// documented (number or string, boolean or string), so they are kept as JSON.
#[derive(Clone, Debug, Deserialize, Serialize)]
struct DigitalIdClaims {
    citizen_id: Option<String>,
    user_id: Option<String>,
    title: Option<String>,
    ial_level: Option<Value>,
    citizen_id_verified: Option<Value>,
}

impl AdditionalClaims for DigitalIdClaims {}

/// An HTTP client for the relying party's back channel: redirects are never followed.
fn http() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("an HTTP client")
}

/// An authorization URL built by hand: the test client, `openid user_id citizen_id given_name`, [`STATE`], [`NONCE`]
/// and the RFC 7636 challenge; each change replaces a parameter (`Some`) or removes it (`None`).
fn authorize_url(issuer: &str, changes: &[(&str, Option<&str>)]) -> String {
    let mut params = vec![
        ("client_id", CLIENT_ID),
        ("redirect_uri", REDIRECT_URI),
        ("response_type", "code"),
        ("scope", "openid user_id citizen_id given_name"),
        ("state", STATE),
        ("nonce", NONCE),
        ("code_challenge", CHALLENGE),
        ("code_challenge_method", "S256"),
    ];
    for (name, value) in changes {
        params.retain(|(key, _)| key != name);
        if let Some(value) = value {
            params.push((name, value));
        }
    }
    let mut url = url::Url::parse(&format!("{issuer}/connect/authorize")).expect("the issuer is a URL");
    url.query_pairs_mut().extend_pairs(params);
    url.to_string()
}

/// The value of the query parameter `name`.
fn query(url: &url::Url, name: &str) -> Option<String> {
    url.query_pairs().find(|(key, _)| key == name).map(|(_, value)| value.into_owned())
}

/// A location as a URL (relative ones resolved against the simulator).
fn location(issuer: &str, page: &testing::Page) -> url::Url {
    let location =
        page.location.as_deref().unwrap_or_else(|| panic!("expected a redirect, got {}: {}", page.status, page.body));
    url::Url::parse(issuer).and_then(|base| base.join(location)).expect("a valid Location")
}

/// The redirect URI without its query, to compare with a registered one.
fn without_query(url: &url::Url) -> String {
    let mut url = url.clone();
    url.set_query(None);
    url.to_string()
}

/// `Basic` credentials as RFC 6749 §2.3.1 wants them: id and secret form-urlencoded before base64.
fn basic(client_id: &str, secret: &str) -> String {
    let encode = |text: &str| url::form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>();
    format!("Basic {}", STANDARD.encode(format!("{}:{}", encode(client_id), encode(secret))))
}

/// The test client's credentials as the real Digital ID wants them (DGA-hashed secret).
fn client_auth() -> String {
    basic(CLIENT_ID, &dga_hash(CLIENT_SECRET))
}

/// `POST /connect/token` for `code`, with `authorization` and `code_verifier`.
async fn token_request(issuer: &str, authorization: &str, code: &str, verifier: &str) -> (StatusCode, Value) {
    let response = http()
        .post(format!("{issuer}/connect/token"))
        .header("authorization", authorization)
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT_URI),
            ("code_verifier", verifier),
        ])
        .send()
        .await
        .expect("the token endpoint answers");
    let status = response.status();
    (status, response.json().await.expect("a JSON token response"))
}

/// Signs `login` in with a fresh browser through [`authorize_url`] and returns the code.
async fn code_for(sim: &TestSimulator, login: &str) -> String {
    let redirect = TestBrowser::new(&sim.issuer).authorize(&authorize_url(&sim.issuer, &[]), login, PASSWORD).await;
    query(&redirect, "code").expect("the redirect carries a code")
}

/// A fresh account's access token (scopes of [`authorize_url`]).
async fn access_token_for(sim: &TestSimulator) -> String {
    let (username, _) = sim.add_account().await;
    let code = code_for(sim, &username).await;
    let (status, body) = token_request(&sim.issuer, &client_auth(), &code, VERIFIER).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["access_token"].as_str().expect("an access token").to_owned()
}

/// `GET /connect/userinfo` with the token as a bearer.
async fn userinfo_status(issuer: &str, access_token: &str) -> StatusCode {
    http()
        .get(format!("{issuer}/connect/userinfo"))
        .bearer_auth(access_token)
        .send()
        .await
        .expect("the userinfo endpoint answers")
        .status()
}

/// Form fields as [`TestBrowser::post`] takes them.
fn borrowed<'f>(fields: &'f [(&'static str, String)]) -> Vec<(&'static str, &'f str)> {
    fields.iter().map(|(name, value)| (*name, value.as_str())).collect()
}

/// The JSON of a compact JWT's header (`0`) or payload (`1`).
fn jwt_part(token: &str, index: usize) -> Value {
    let part = token.split('.').nth(index).expect("a compact JWT");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).expect("base64url")).expect("JSON")
}

#[tokio::test]
async fn a_relying_party_using_openidconnect_completes_the_whole_journey_and_verifies_every_token() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, sub) = sim.add_account().await;
    let account = digital_id::accounts::find(&sim.simulator.state().db, &sub)
        .await
        .expect("the database answers")
        .expect("the account exists");
    let http = http();

    // Discovery (which also fetches the JWKS).
    let issuer = IssuerUrl::new(sim.issuer.clone()).expect("an issuer URL");
    let metadata = ProviderMetadataWithLogout::discover_async(issuer, &http).await.expect("discovery succeeds");
    let end_session_url = metadata.additional_metadata().end_session_endpoint.clone().expect("an end_session_endpoint");
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(CLIENT_ID.into()),
        Some(ClientSecret::new(dga_hash(CLIENT_SECRET))),
    )
    .set_redirect_uri(RedirectUrl::new(REDIRECT_URI.into()).expect("a redirect URL"));

    // Authorization with PKCE, state and nonce.
    let scopes = [
        "user_id",
        "citizen_id",
        "citizen_id_verified",
        "ial_level",
        "title",
        "given_name",
        "family_name",
        "phone_number",
        "preferred_username",
    ];
    let (pkce_challenge, pkce_verifier) = PkceCodeChallenge::new_random_sha256();
    let (authorize_url, state, nonce) = client
        .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
        .add_scopes(scopes.map(|scope| Scope::new(scope.into())))
        .set_pkce_challenge(pkce_challenge)
        .url();
    let browser = TestBrowser::new(&sim.issuer);
    let redirect = browser.authorize(authorize_url.as_str(), &username, PASSWORD).await;
    assert_eq!(without_query(&redirect), REDIRECT_URI);
    assert_eq!(query(&redirect, "state").as_deref(), Some(state.secret().as_str()));
    assert_eq!(query(&redirect, "iss").as_deref(), Some(sim.issuer.as_str()), "RFC 9207 iss");
    let code = query(&redirect, "code").expect("the redirect carries a code");

    // The token exchange with the PKCE verifier.
    let tokens = client
        .exchange_code(AuthorizationCode::new(code))
        .expect("a token endpoint was discovered")
        .set_pkce_verifier(pkce_verifier)
        .request_async(&http)
        .await
        .expect("the code is exchanged");
    assert_eq!(tokens.expires_in(), Some(Duration::from_secs(3600)));
    assert_eq!(jwt_part(tokens.access_token().secret(), 0)["typ"], "at+jwt");

    // The ID token verifies against the JWKS (signature, iss, aud, exp, nonce) and binds the access token.
    let id_token = tokens.id_token().expect("an ID token");
    let verifier = client.id_token_verifier();
    let claims = id_token.claims(&verifier, &nonce).expect("the ID token verifies");
    assert_eq!(claims.subject().as_str(), sub);
    let at_hash = AccessTokenHash::from_token(
        tokens.access_token(),
        id_token.signing_alg().expect("a signed ID token"),
        id_token.signing_key(&verifier).expect("the signing key is in the JWKS"),
    )
    .expect("at_hash can be computed");
    assert_eq!(claims.access_token_hash(), Some(&at_hash));

    // Digital ID's ID token carries no profile data and lives 300 s.
    let payload = jwt_part(&id_token.to_string(), 1);
    let names: BTreeSet<&str> = payload.as_object().expect("a claims object").keys().map(String::as_str).collect();
    for required in ["iss", "aud", "sub", "iat", "exp", "auth_time", "sid", "idp", "amr", "at_hash", "nonce"] {
        assert!(names.contains(required), "{required} missing from {payload}");
    }
    let allowed = ["iss", "aud", "sub", "iat", "nbf", "exp", "auth_time", "sid", "idp", "amr", "at_hash", "nonce"];
    assert!(names.iter().all(|name| allowed.contains(name)), "unexpected claims in {payload}");
    assert_eq!(payload["exp"].as_i64().zip(payload["iat"].as_i64()).map(|(exp, iat)| exp - iat), Some(300));
    assert_eq!(payload["amr"], serde_json::json!(["pwd"]));

    // Userinfo releases the claims of the granted scopes.
    let userinfo: UserInfoClaims<DigitalIdClaims, CoreGenderClaim> = client
        .user_info(tokens.access_token().clone(), Some(SubjectIdentifier::new(sub.clone())))
        .expect("a userinfo endpoint was discovered")
        .request_async(&http)
        .await
        .expect("userinfo answers for the same subject");
    let extra = userinfo.additional_claims();
    assert_eq!(extra.user_id.as_deref(), Some(sub.as_str()));
    assert_eq!(extra.citizen_id.as_deref(), Some(account.citizen_id.as_str()));
    assert_eq!(extra.title, account.title);
    assert_eq!(extra.ial_level, Some(serde_json::json!(1.1)), "a number, as the real Digital ID sends it");
    assert_eq!(extra.citizen_id_verified, Some(Value::Bool(false)), "self-registered accounts are not proofed");
    assert_eq!(userinfo.given_name().and_then(|name| name.get(None)).map(|name| name.as_str()), Some("ทดสอบ"));
    assert_eq!(userinfo.family_name().and_then(|name| name.get(None)).map(|name| name.as_str()), Some("ระบบ"));
    assert_eq!(userinfo.phone_number().map(|phone| phone.as_str()), Some(account.phone_number.as_str()));
    assert_eq!(userinfo.preferred_username().map(|name| name.as_str()), Some(username.as_str()));

    // Still signed in at the simulator: a new authorization comes straight back with a code.
    let [fresh_before, fresh_after] = [(); 2].map(|()| {
        client
            .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .set_pkce_challenge(PkceCodeChallenge::new_random_sha256().0)
            .url()
            .0
    });
    let before = browser.get(fresh_before.as_str()).await;
    let before = location(&sim.issuer, &before);
    assert_eq!(without_query(&before), REDIRECT_URI);
    assert!(query(&before, "code").is_some(), "{before}");

    // End-session returns to the registered post-logout URI with the state, and ends the session.
    let logout_state = CsrfToken::new_random();
    let logout_url = LogoutRequest::from(end_session_url)
        .set_id_token_hint(id_token)
        .set_post_logout_redirect_uri(
            PostLogoutRedirectUrl::new(testing::POST_LOGOUT_REDIRECT_URI.into()).expect("a URL"),
        )
        .set_state(logout_state.clone())
        .http_get_url();
    let signed_out = browser.get(logout_url.as_str()).await;
    assert_eq!(signed_out.status, StatusCode::FOUND);
    let back = location(&sim.issuer, &signed_out);
    assert_eq!(without_query(&back), testing::POST_LOGOUT_REDIRECT_URI);
    assert_eq!(query(&back, "state").as_deref(), Some(logout_state.secret().as_str()));

    let after = browser.get(fresh_after.as_str()).await;
    let after = after.location.expect("authorize redirects");
    assert!(after.starts_with("/Account/Login?"), "expected the sign-in page after logout, got {after}");
}

#[tokio::test]
async fn the_token_endpoint_refuses_the_plain_secret_and_accepts_the_dga_hash() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, _) = sim.add_account().await;
    let code = code_for(&sim, &username).await;

    let (status, body) = token_request(&sim.issuer, &basic(CLIENT_ID, CLIENT_SECRET), &code, VERIFIER).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"], "invalid_client");

    // Seven rounds of md5(previous lowercase hex + "EGA") over the trimmed secret, computed here independently.
    let mut hashed = CLIENT_SECRET.trim().to_owned();
    for _ in 0..7 {
        hashed = md5::Md5::digest(format!("{hashed}EGA")).iter().map(|byte| format!("{byte:02x}")).collect();
    }
    assert_eq!(hashed, dga_hash(CLIENT_SECRET));
    let (status, body) = token_request(&sim.issuer, &basic(CLIENT_ID, &hashed), &code, VERIFIER).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body["id_token"].is_string(), "{body}");
}

#[tokio::test]
async fn a_code_is_redeemed_once_and_its_replay_revokes_the_access_token() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, _) = sim.add_account().await;
    let code = code_for(&sim, &username).await;

    let (status, first) = token_request(&sim.issuer, &client_auth(), &code, VERIFIER).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    let access_token = first["access_token"].as_str().expect("an access token");
    assert_eq!(userinfo_status(&sim.issuer, access_token).await, StatusCode::OK);

    let (status, replay) = token_request(&sim.issuer, &client_auth(), &code, VERIFIER).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(replay["error"], "invalid_grant");
    assert_eq!(userinfo_status(&sim.issuer, access_token).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_wrong_pkce_verifier_is_an_invalid_grant() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, _) = sim.add_account().await;
    let code = code_for(&sim, &username).await;

    let wrong = "a".repeat(43);
    let (status, body) = token_request(&sim.issuer, &client_auth(), &code, &wrong).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_grant");
}

#[tokio::test]
async fn an_unregistered_redirect_uri_gets_an_error_page_and_no_redirect() {
    let sim = TestSimulator::start(vec![]).await;
    let page = TestBrowser::new(&sim.issuer)
        .get(&authorize_url(&sim.issuer, &[("redirect_uri", Some("http://127.0.0.1:9/elsewhere"))]))
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert_eq!(page.location, None);
    assert!(page.body.contains("redirect_uri"), "the page says what is wrong: {}", page.body);
}

#[tokio::test]
async fn declining_consent_returns_access_denied_with_the_state_and_issuer() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, _) = sim.add_account().await;
    let browser = TestBrowser::new(&sim.issuer);
    let sign_in_page = browser.open_sign_in(&authorize_url(&sim.issuer, &[])).await;
    let consent_page = browser.follow(browser.sign_in(&sign_in_page, &username, PASSWORD).await).await;
    assert!(consent_page.body.contains("name=\"decision\""), "expected the consent page: {}", consent_page.body);

    let refusal = browser.answer_consent(&consent_page, "deny").await;
    let redirect = location(&sim.issuer, &refusal);
    assert_eq!(without_query(&redirect), REDIRECT_URI);
    assert_eq!(query(&redirect, "error").as_deref(), Some("access_denied"));
    assert_eq!(query(&redirect, "state").as_deref(), Some(STATE));
    assert_eq!(query(&redirect, "iss").as_deref(), Some(sim.issuer.as_str()));
    assert_eq!(query(&redirect, "code"), None);
}

#[tokio::test]
async fn consent_once_given_is_not_asked_again_in_a_new_session() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, _) = sim.add_account().await;
    code_for(&sim, &username).await;

    let browser = TestBrowser::new(&sim.issuer);
    let sign_in_page = browser.open_sign_in(&authorize_url(&sim.issuer, &[])).await;
    let next = browser.follow(browser.sign_in(&sign_in_page, &username, PASSWORD).await).await;
    let redirect = location(&sim.issuer, &next);
    assert_eq!(without_query(&redirect), REDIRECT_URI, "no consent page in between");
    assert!(query(&redirect, "code").is_some(), "{redirect}");
}

#[tokio::test]
async fn prompt_login_sends_a_signed_in_browser_back_to_the_sign_in_page() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, _) = sim.add_account().await;
    let browser = TestBrowser::new(&sim.issuer);
    browser.authorize(&authorize_url(&sim.issuer, &[]), &username, PASSWORD).await;

    let without_prompt = browser.get(&authorize_url(&sim.issuer, &[])).await;
    assert!(query(&location(&sim.issuer, &without_prompt), "code").is_some(), "the browser is signed in");

    let with_prompt = browser.get(&authorize_url(&sim.issuer, &[("prompt", Some("login"))])).await;
    let next = with_prompt.location.expect("a redirect");
    assert!(next.starts_with("/Account/Login?"), "expected the sign-in page, got {next}");
}

#[tokio::test]
async fn max_age_sends_a_browser_signed_in_too_long_ago_back_to_sign_in_once() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, _) = sim.add_account().await;
    let browser = TestBrowser::new(&sim.issuer);
    browser.authorize(&authorize_url(&sim.issuer, &[]), &username, PASSWORD).await;

    let recent_enough = browser.get(&authorize_url(&sim.issuer, &[("max_age", Some("3600"))])).await;
    assert!(query(&location(&sim.issuer, &recent_enough), "code").is_some(), "signed in within the hour");

    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let too_old = browser.get(&authorize_url(&sim.issuer, &[("max_age", Some("0"))])).await;
    let next = too_old.location.expect("a redirect");
    assert!(next.starts_with("/Account/Login?"), "expected the sign-in page, got {next}");
    // The fresh sign-in satisfies max_age: the browser returns with a code instead of looping back to sign-in.
    let sign_in_page = browser.get(&next).await;
    let back = browser.follow(browser.sign_in(&sign_in_page, &username, PASSWORD).await).await;
    assert!(query(&location(&sim.issuer, &back), "code").is_some(), "{:?}", back.location);
}

#[tokio::test]
async fn prompt_none_without_a_session_returns_login_required() {
    let sim = TestSimulator::start(vec![]).await;
    let page = TestBrowser::new(&sim.issuer).get(&authorize_url(&sim.issuer, &[("prompt", Some("none"))])).await;
    let redirect = location(&sim.issuer, &page);
    assert_eq!(without_query(&redirect), REDIRECT_URI);
    assert_eq!(query(&redirect, "error").as_deref(), Some("login_required"));
    assert_eq!(query(&redirect, "state").as_deref(), Some(STATE));
    assert_eq!(query(&redirect, "iss").as_deref(), Some(sim.issuer.as_str()));
}

#[tokio::test]
async fn a_revoked_access_token_no_longer_opens_userinfo() {
    let sim = TestSimulator::start(vec![]).await;
    let access_token = access_token_for(&sim).await;
    assert_eq!(userinfo_status(&sim.issuer, &access_token).await, StatusCode::OK);

    let response = http()
        .post(format!("{}/connect/revocation", sim.issuer))
        .header("authorization", client_auth())
        .form(&[("token", access_token.as_str()), ("token_type_hint", "access_token")])
        .send()
        .await
        .expect("the revocation endpoint answers");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(userinfo_status(&sim.issuer, &access_token).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn userinfo_refuses_an_access_token_in_the_query_string() {
    let sim = TestSimulator::start(vec![]).await;
    let access_token = access_token_for(&sim).await;

    let response = http()
        .get(format!("{}/connect/userinfo", sim.issuer))
        .query(&[("access_token", access_token.as_str())])
        .send()
        .await
        .expect("the userinfo endpoint answers");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(userinfo_status(&sim.issuer, &access_token).await, StatusCode::OK, "the token itself is good");
}

#[tokio::test]
async fn an_authorization_request_without_a_pkce_challenge_is_refused_through_the_redirect() {
    let sim = TestSimulator::start(vec![]).await;
    let page = TestBrowser::new(&sim.issuer)
        .get(&authorize_url(&sim.issuer, &[("code_challenge", None), ("code_challenge_method", None)]))
        .await;
    let redirect = location(&sim.issuer, &page);
    assert_eq!(without_query(&redirect), REDIRECT_URI);
    assert_eq!(query(&redirect, "error").as_deref(), Some("invalid_request"));
    assert_eq!(query(&redirect, "state").as_deref(), Some(STATE));
}

#[tokio::test]
async fn a_person_registers_through_the_pages_and_then_signs_in_to_the_consent_page() {
    let sim = TestSimulator::start(vec![]).await;
    let browser = TestBrowser::new(&sim.issuer);
    let sign_in_page = browser.open_sign_in(&authorize_url(&sim.issuer, &[])).await;
    let return_url = sign_in_page.field("ReturnUrl").expect("the sign-in page carries the pending request");
    let query_string =
        url::form_urlencoded::Serializer::new(String::new()).append_pair("ReturnUrl", &return_url).finish();
    let register_page = browser.get(&format!("/Account/Register?{query_string}")).await;
    assert_eq!(register_page.status, StatusCode::OK);
    assert_eq!(register_page.field("ReturnUrl").as_deref(), Some(return_url.as_str()));
    let csrf = register_page.field("csrf").expect("a CSRF field");

    let valid_citizen_id = testing::random_citizen_id();
    let last = valid_citizen_id.chars().last().and_then(|digit| digit.to_digit(10)).expect("a digit");
    let invalid_citizen_id = format!("{}{}", &valid_citizen_id[..12], (last + 1) % 10);
    let username = format!("r{}", &uuid::Uuid::new_v4().simple().to_string()[..12]);
    let form = |citizen_id: &str| -> Vec<(&'static str, String)> {
        vec![
            ("ReturnUrl", return_url.clone()),
            ("csrf", csrf.clone()),
            ("title", "นางสาว".to_owned()),
            ("given_name", "สมหญิง".to_owned()),
            ("family_name", "ใจดี".to_owned()),
            ("citizen_id", citizen_id.to_owned()),
            ("phone_number", "0898765432".to_owned()),
            ("username", username.clone()),
            ("password", PASSWORD.to_owned()),
            ("password_confirmation", PASSWORD.to_owned()),
        ]
    };

    let refused = browser.post("/Account/Register", &borrowed(&form(&invalid_citizen_id))).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("id=\"citizen_id-error\""), "the citizen ID is marked: {}", refused.body);
    assert_eq!(refused.body.matches("class=\"field-error\"").count(), 1, "and nothing else: {}", refused.body);
    assert!(refused.body.contains("value=\"นางสาว\" selected"), "the title stays chosen: {}", refused.body);
    assert_eq!(refused.field("given_name").as_deref(), Some("สมหญิง"));
    assert_eq!(refused.field("family_name").as_deref(), Some("ใจดี"));
    assert_eq!(refused.field("citizen_id").as_deref(), Some(invalid_citizen_id.as_str()));
    assert_eq!(refused.field("phone_number").as_deref(), Some("0898765432"));
    assert_eq!(refused.field("username").as_deref(), Some(username.as_str()));
    assert_eq!(refused.field("ReturnUrl").as_deref(), Some(return_url.as_str()));
    assert_eq!(refused.field("password").unwrap_or_default(), "", "passwords are never sent back");
    assert_eq!(refused.field("password_confirmation").unwrap_or_default(), "", "passwords are never sent back");
    assert!(!refused.body.contains(PASSWORD), "passwords are never sent back");

    let registered = browser.post("/Account/Register", &borrowed(&form(&valid_citizen_id))).await;
    assert_eq!(registered.status, StatusCode::SEE_OTHER, "{}", registered.body);
    let next = registered.location.clone().expect("a redirect to sign-in");
    assert!(next.starts_with("/Account/Login?") && next.ends_with("&registered=1"), "{next}");

    let sign_in_page = browser.get(&next).await;
    assert_eq!(sign_in_page.field("ReturnUrl").as_deref(), Some(return_url.as_str()), "the pending request survives");
    let consent_page = browser.follow(browser.sign_in(&sign_in_page, &username, PASSWORD).await).await;
    assert_eq!(consent_page.status, StatusCode::OK);
    assert!(consent_page.body.contains("name=\"decision\""), "expected the consent page: {}", consent_page.body);
}

#[tokio::test]
async fn the_home_page_names_the_signed_in_person_and_offers_to_sign_out() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, _) = sim.add_account().await;
    let browser = TestBrowser::new(&sim.issuer);
    let anonymous = browser.get("/").await;
    assert!(anonymous.body.contains("/Account/Register"), "a stranger is offered registration");

    browser.authorize(&authorize_url(&sim.issuer, &[]), &username, PASSWORD).await;
    let signed_in = browser.get("/").await;
    assert!(signed_in.body.contains("นายทดสอบ ระบบ"), "{}", signed_in.body);
    assert!(signed_in.body.contains("/connect/endsession"));
    assert!(signed_in.body.contains("IAL 1.1"), "the account's level is shown: {}", signed_in.body);
    assert!(signed_in.body.contains("href=\"/Account/Assurance\""), "with the way to raise it");

    // The sign-out link asks first (J14), then signs out.
    assert_eq!(browser.sign_out().await.status, StatusCode::OK);
    assert!(!browser.get("/").await.body.contains("นายทดสอบ ระบบ"), "signed out");
}
