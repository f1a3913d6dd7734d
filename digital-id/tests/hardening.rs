//! The simulator's end-session confirmation (J14) and password throttling (J15), from docs/CONFORMANCE.md section J:
//! another page cannot sign a person out of Digital ID (and, through back-channel logout, out of every application)
//! by merely linking to `/connect/endsession`; and wrong passwords are limited per login and per client address,
//! atomically, without telling which logins exist.

use std::sync::{Arc, Mutex};

use digital_id::testing::{
    self, CLIENT_ID, PASSWORD, POST_LOGOUT_REDIRECT_URI, Page, TestBrowser, TestSimulator, authorize_url,
};
use digital_id::throttle::{ACCOUNT_LIMIT, ADDRESS_LIMIT};
use reqwest::StatusCode;

const SCOPE: &str = "openid user_id";

/// Whether `browser` is still signed in at the simulator: a new authorization comes straight back with a code.
async fn signed_in(sim: &TestSimulator, browser: &TestBrowser) -> bool {
    let answer = browser.get(&authorize_url(&sim.issuer, SCOPE)).await;
    answer.location.is_some_and(|location| location.contains("code="))
}

/// `/connect/endsession?…` with these parameters.
fn end_session_url(sim: &TestSimulator, params: &[(&str, &str)]) -> String {
    let mut url = url::Url::parse(&format!("{}/connect/endsession", sim.issuer)).expect("a URL");
    url.query_pairs_mut().extend_pairs(params);
    url.to_string()
}

/// The ID token of a fresh sign-in of `login` in `browser`.
async fn id_token(sim: &TestSimulator, browser: &TestBrowser, login: &str) -> String {
    let tokens = sim.tokens_for(browser, login, SCOPE).await;
    tokens["id_token"].as_str().expect("an ID token").to_owned()
}

/// A page is the confirmation: its heading, a POST form to `/Account/Logout` with a CSRF token, a way back.
fn assert_is_confirmation(page: &Page) {
    assert_eq!(page.status, StatusCode::OK, "{page:?}");
    assert!(page.body.contains("<h1>ออกจากระบบ Digital ID?</h1>"), "{}", page.body);
    assert!(page.body.contains("action=\"/Account/Logout\""), "{}", page.body);
    assert!(page.field("csrf").is_some_and(|csrf| !csrf.is_empty()), "{}", page.body);
    assert!(page.body.contains(">ยกเลิก</a>"), "{}", page.body);
}

#[tokio::test]
async fn j14_a_get_of_end_session_without_a_hint_ends_nothing_and_asks_for_confirmation() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, _) = sim.add_account().await;
    let browser = TestBrowser::new(&sim.issuer);
    browser.authorize(&authorize_url(&sim.issuer, SCOPE), &username, PASSWORD).await;

    // What a cross-site link or image would send: the browser's cookies, no hint.
    let page = browser.get("/connect/endsession").await;
    assert_is_confirmation(&page);
    assert!(!page.body.contains("ออกจากระบบ Digital ID แล้ว"), "not signed out yet");
    // Even with a registered post-logout URI and client_id, it neither redirects nor ends the session.
    let with_client = browser
        .get(&end_session_url(
            &sim,
            &[("client_id", CLIENT_ID), ("post_logout_redirect_uri", POST_LOGOUT_REDIRECT_URI)],
        ))
        .await;
    assert_is_confirmation(&with_client);
    assert_eq!(with_client.field("post_logout_redirect_uri").as_deref(), Some(POST_LOGOUT_REDIRECT_URI));
    // Nor does a cross-site form post of the same request.
    assert_is_confirmation(&browser.post("/connect/endsession", &[("client_id", CLIENT_ID)]).await);

    assert!(signed_in(&sim, &browser).await, "the session is still there");
}

#[tokio::test]
async fn j14_a_valid_hint_naming_the_session_ends_it_at_once_and_returns_with_the_state() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, _) = sim.add_account().await;
    let browser = TestBrowser::new(&sim.issuer);
    let hint = id_token(&sim, &browser, &username).await;

    let answer = browser
        .get(&end_session_url(
            &sim,
            &[("id_token_hint", &hint), ("post_logout_redirect_uri", POST_LOGOUT_REDIRECT_URI), ("state", "s-1")],
        ))
        .await;
    assert_eq!(answer.status, StatusCode::FOUND, "{answer:?}");
    assert_eq!(answer.location.as_deref(), Some(format!("{POST_LOGOUT_REDIRECT_URI}?state=s-1").as_str()));
    assert!(!signed_in(&sim, &browser).await, "signed out");
}

#[tokio::test]
async fn j14_a_hint_for_another_session_asks_for_confirmation() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, _) = sim.add_account().await;
    let (other, _) = sim.add_account().await;
    let first = TestBrowser::new(&sim.issuer);
    let first_hint = id_token(&sim, &first, &username).await;
    let second = TestBrowser::new(&sim.issuer);
    let other_hint = id_token(&sim, &second, &other).await;

    // Another person's ID token in this browser.
    let page = first.get(&end_session_url(&sim, &[("id_token_hint", &other_hint)])).await;
    assert_is_confirmation(&page);
    // The same person's token from another session (same sub, another sid).
    let same_person_elsewhere = TestBrowser::new(&sim.issuer);
    id_token(&sim, &same_person_elsewhere, &username).await;
    let page = same_person_elsewhere.get(&end_session_url(&sim, &[("id_token_hint", &first_hint)])).await;
    assert_is_confirmation(&page);

    assert!(signed_in(&sim, &first).await && signed_in(&sim, &second).await, "nobody was signed out");
    assert!(signed_in(&sim, &same_person_elsewhere).await, "nobody was signed out");
}

#[tokio::test]
async fn j14_a_hint_not_signed_by_the_simulator_or_for_another_client_id_is_refused() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, _) = sim.add_account().await;
    let browser = TestBrowser::new(&sim.issuer);
    let hint = id_token(&sim, &browser, &username).await;
    let forged = digital_id::jws::corrupt_signature(&hint);

    let page = browser.get(&end_session_url(&sim, &[("id_token_hint", &forged)])).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    let mismatch =
        browser.get(&end_session_url(&sim, &[("id_token_hint", &hint), ("client_id", "someone-else")])).await;
    assert_eq!(mismatch.status, StatusCode::BAD_REQUEST);
    assert!(signed_in(&sim, &browser).await);
}

/// A relying party's back-channel logout endpoint that keeps what it is sent.
async fn logout_token_receiver() -> (String, Arc<Mutex<Vec<String>>>) {
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = Arc::clone(&received);
    let app = axum::Router::new().route(
        "/backchannel",
        axum::routing::post(move |body: String| {
            let store = Arc::clone(&store);
            async move {
                store.lock().expect("the lock").push(body);
                StatusCode::OK
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("an address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{address}/backchannel"), received)
}

#[tokio::test]
async fn j14_the_confirmation_post_ends_the_session_and_sends_the_logout_tokens() {
    let (backchannel_uri, received) = logout_token_receiver().await;
    let client = digital_id::Client { backchannel_logout_uri: Some(backchannel_uri), ..testing::test_client() };
    let sim = TestSimulator::start(vec![client]).await;
    let (username, sub) = sim.add_account().await;
    let browser = TestBrowser::new(&sim.issuer);
    browser.authorize(&authorize_url(&sim.issuer, SCOPE), &username, PASSWORD).await;

    let page = browser
        .get(&end_session_url(
            &sim,
            &[("client_id", CLIENT_ID), ("post_logout_redirect_uri", POST_LOGOUT_REDIRECT_URI), ("state", "s-2")],
        ))
        .await;
    assert_is_confirmation(&page);
    let csrf = page.field("csrf").expect("a CSRF token");

    // Without the CSRF token (a forged post) nothing happens.
    let forged = browser.post("/Account/Logout", &[("csrf", "not-the-token"), ("client_id", CLIENT_ID)]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(received.lock().expect("the lock").is_empty());
    assert!(signed_in(&sim, &browser).await);

    let confirmed = browser
        .post(
            "/Account/Logout",
            &[
                ("csrf", &csrf),
                ("client_id", CLIENT_ID),
                ("post_logout_redirect_uri", POST_LOGOUT_REDIRECT_URI),
                ("state", "s-2"),
            ],
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::FOUND, "{confirmed:?}");
    assert_eq!(confirmed.location.as_deref(), Some(format!("{POST_LOGOUT_REDIRECT_URI}?state=s-2").as_str()));
    assert!(!signed_in(&sim, &browser).await, "signed out");

    let tokens = received.lock().expect("the lock").clone();
    assert_eq!(tokens.len(), 1, "one Logout Token for the one client: {tokens:?}");
    let token = tokens[0].strip_prefix("logout_token=").expect("a form with the Logout Token");
    let published = sim.simulator.state().keys.published().await.expect("keys");
    let claims = digital_id::jws::verify(token, &published).expect("signed by the simulator");
    assert_eq!(claims["sub"], sub.as_str());
    assert_eq!(claims["aud"], CLIENT_ID);
    assert!(claims["sid"].is_string(), "{claims}");
}

#[tokio::test]
async fn j14_the_testing_browser_signs_out_through_the_confirmation() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, _) = sim.add_account().await;
    let browser = TestBrowser::new(&sim.issuer);
    browser.authorize(&authorize_url(&sim.issuer, SCOPE), &username, PASSWORD).await;
    let signed_out = browser.sign_out().await;
    assert_eq!(signed_out.status, StatusCode::OK);
    assert!(signed_out.body.contains("ออกจากระบบ Digital ID แล้ว"), "{}", signed_out.body);
    assert!(!signed_in(&sim, &browser).await);
}

/// Posts the sign-in form of `page` with `login` and `password`.
async fn attempt(browser: &TestBrowser, page: &Page, login: &str, password: &str) -> Page {
    browser.sign_in(page, login, password).await
}

/// The message shown for a refused sign-in (the page's alert).
fn alert(page: &Page) -> String {
    let start = page.body.find("role=\"alert\"").expect("an alert");
    let text = &page.body[start..];
    let text = &text[text.find("<p>").expect("a paragraph") + 3..];
    text[..text.find("</p>").expect("its end")].to_owned()
}

#[tokio::test]
async fn j15_forty_concurrent_wrong_passwords_for_one_account_check_only_five() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, _) = sim.add_account().await;
    let (bystander, _) = sim.add_account().await;
    let browser = Arc::new(TestBrowser::new(&sim.issuer));
    let page = Arc::new(browser.open_sign_in(&authorize_url(&sim.issuer, SCOPE)).await);

    let guesses: Vec<_> = (0..40)
        .map(|n| {
            let (browser, page, username) = (Arc::clone(&browser), Arc::clone(&page), username.clone());
            tokio::spawn(async move { attempt(&browser, &page, &username, &format!("guess-number-{n}")).await.status })
        })
        .collect();
    let mut statuses = Vec::new();
    for guess in guesses {
        statuses.push(guess.await.expect("the guess finishes"));
    }
    let checked = statuses.iter().filter(|status| **status == StatusCode::UNAUTHORIZED).count();
    let throttled = statuses.iter().filter(|status| **status == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((checked, throttled), (ACCOUNT_LIMIT, 40 - ACCOUNT_LIMIT), "{statuses:?}");

    // The right password is refused too while the account is throttled, with a Thai message that keeps the login…
    let refused = attempt(&browser, &page, &username, PASSWORD).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(alert(&refused).contains("หลายครั้งเกินไป") && alert(&refused).contains("นาที"), "{}", refused.body);
    assert_eq!(refused.field("login").as_deref(), Some(username.as_str()));
    // …by citizen ID as well (one count per account) — while another account signs in from the same address.
    let account = digital_id::accounts::find_by_login(&sim.simulator.state().db, &username)
        .await
        .expect("query")
        .expect("the account");
    let by_citizen_id = attempt(&browser, &page, &account.citizen_id, PASSWORD).await;
    assert_eq!(by_citizen_id.status, StatusCode::TOO_MANY_REQUESTS);
    let other = attempt(&browser, &page, &bystander, PASSWORD).await;
    assert_eq!(other.status, StatusCode::SEE_OTHER, "{other:?}");
}

#[tokio::test]
async fn j15_an_unknown_login_is_throttled_exactly_like_an_account() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, _) = sim.add_account().await;
    let browser = TestBrowser::new(&sim.issuer);
    let page = browser.open_sign_in(&authorize_url(&sim.issuer, SCOPE)).await;

    let mut answers = Vec::new();
    for login in [username.as_str(), "nobody.registered"] {
        for _ in 0..ACCOUNT_LIMIT {
            assert_eq!(attempt(&browser, &page, login, "wrong-password-1").await.status, StatusCode::UNAUTHORIZED);
        }
        answers.push(attempt(&browser, &page, login, "wrong-password-1").await);
    }
    assert!(answers.iter().all(|answer| answer.status == StatusCode::TOO_MANY_REQUESTS), "{answers:?}");
    assert_eq!(alert(&answers[0]), alert(&answers[1]), "the same words whether the account exists or not");
}

#[tokio::test]
async fn j15_a_right_password_before_the_limit_clears_the_count() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, _) = sim.add_account().await;
    for _ in 0..2 {
        let browser = TestBrowser::new(&sim.issuer);
        let page = browser.open_sign_in(&authorize_url(&sim.issuer, "openid")).await;
        for _ in 0..ACCOUNT_LIMIT - 1 {
            assert_eq!(attempt(&browser, &page, &username, "wrong-password-2").await.status, StatusCode::UNAUTHORIZED);
        }
        assert_eq!(attempt(&browser, &page, &username, PASSWORD).await.status, StatusCode::SEE_OTHER);
    }
}

#[tokio::test]
async fn j15_one_address_trying_many_logins_is_refused_for_every_login() {
    let sim = TestSimulator::start(vec![]).await;
    let (username, _) = sim.add_account().await;
    let browser = TestBrowser::new(&sim.issuer);
    let page = browser.open_sign_in(&authorize_url(&sim.issuer, "openid")).await;
    for n in 0..ADDRESS_LIMIT {
        let answer = attempt(&browser, &page, &format!("sprayed.login.{n}"), "Summer-2569").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    }
    let refused = attempt(&browser, &page, &username, PASSWORD).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS, "even the right password, from that address");
}

#[tokio::test]
async fn a_name_with_a_direction_control_is_refused_and_shown_back_without_it() {
    let sim = TestSimulator::start(vec![]).await;
    let browser = TestBrowser::new(&sim.issuer);
    let page = browser.get("/Account/Register").await;
    let csrf = page.field("csrf").expect("a CSRF field");
    let refused = browser
        .post(
            "/Account/Register",
            &[
                ("csrf", csrf.as_str()),
                ("given_name", "สม\u{202E}ชาย"),
                ("family_name", "ใจดี\u{0E48}\u{0E48}\u{0E48}"),
                ("citizen_id", &testing::random_citizen_id()),
                ("phone_number", "0812345678"),
                ("username", "bidi.tester"),
                ("password", PASSWORD),
                ("password_confirmation", PASSWORD),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("อักขระควบคุมทิศทางข้อความ"), "{}", refused.body);
    assert!(refused.body.contains("ซ้อนกันบนตัวอักษรเดียวเกิน 2 ตัว"), "{}", refused.body);
    assert_eq!(refused.field("given_name").as_deref(), Some("สมชาย"), "shown back as it would be saved");
    assert_eq!(refused.field("family_name").as_deref(), Some("ใจดี\u{0E48}"), "the vowel and one tone mark are kept");
}
