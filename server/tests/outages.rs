//! When Digital ID or our own database misbehaves, through the real router: the officer always gets one of our
//! Thai pages, never a session half made, and nothing is left behind.
//!
//! - B3: Digital ID's metadata names another issuer: the sign-in button leads to "Digital ID unavailable", never to
//!   the provider; once the metadata is right again, signing in works.
//! - D3: UserInfo fails: the generic failure page, no session, no cookie.
//! - D4: the token endpoint is slow: given up on, the generic failure page, and the login's transaction is gone.
//! - D5: while Digital ID is unavailable, the page says so with `Retry-After`, and a signed-in officer's pages do
//!   not ask Digital ID anything.
//! - D7: our database fails during the callback: the generic failure page with a reference, no session cookie,
//!   never a 500. Down while an officer is signed in: every page is the service-error page (503, `Retry-After`, a
//!   reference) in the browser's language.

#[expect(dead_code, reason = "shared test support; this binary uses part of it")]
mod support {
    pub mod test_app;
}

use app::paths::{DIGITAL_ID_UNAVAILABLE_PAGE, HOME_PAGE, PROFILE_PAGE, SIGN_IN_FAILED_PAGE};
use axum::http::{StatusCode, header};
use digital_id::faults::{Faults, KeysFault, UserinfoFault};
use support::test_app::{Reply, TestApp};

/// The generic failure page's redirect, with a reference and no session cookie.
fn assert_generic_failure(reply: &Reply, app: &TestApp) {
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{reply:?}");
    assert!(reply.location().starts_with(&format!("{SIGN_IN_FAILED_PAGE}?reference=")), "{reply:?}");
    assert!(app.session_cookie().is_none(), "no session cookie");
}

#[tokio::test]
async fn b3_metadata_naming_another_issuer_makes_sign_in_unavailable_without_sending_anyone_to_the_provider() {
    let mut app = TestApp::start().await;
    let person = app.person("ผู้ใช้").await;
    app.sim.simulator.state().faults.set(Faults { keys: Some(KeysFault::DiscoveryWrongIssuer), ..Faults::default() });
    let reply = app.post("/auth/login", &[("provider", "digital-id")]).await;
    assert_eq!(reply.location(), DIGITAL_ID_UNAVAILABLE_PAGE, "{reply:?}");
    assert_eq!(app.login_transaction_count().await, 0, "no login started");

    app.sim.simulator.state().faults.set(Faults::default());
    assert_eq!(app.sign_in(&person).await.location(), app::paths::ACTIVATION_PAGE, "signing in works again");
}

#[tokio::test]
async fn d3_failing_userinfo_ends_on_the_generic_page_with_no_session() {
    let mut app = TestApp::start().await;
    let person = app.person("ผู้ใช้").await;
    app.sim.simulator.state().faults.set(Faults { userinfo: Some(UserinfoFault::ServerError), ..Faults::default() });
    let reply = app.sign_in(&person).await;
    assert_generic_failure(&reply, &app);
    assert_eq!(app.session_count().await, 0, "no session, not even one pending activation");
}

#[tokio::test]
async fn d4_a_slow_token_endpoint_is_given_up_on_and_the_logins_transaction_is_gone() {
    let mut app = TestApp::start().await;
    let person = app.person("ผู้ใช้").await;
    let redirect = app.sign_in_at_digital_id(&person).await;
    app.sim.simulator.state().faults.set(Faults { delay_ms: 6_000, ..Faults::default() });
    let reply = app.callback(&redirect).await;
    assert_generic_failure(&reply, &app);
    assert_eq!(app.login_transaction_count().await, 0, "the transaction was taken, not left to be replayed");
    assert_eq!(app.session_count().await, 0);
}

#[tokio::test]
async fn d5_the_unavailable_page_says_when_to_retry() {
    let mut app = TestApp::start().await;
    let page = app.get(DIGITAL_ID_UNAVAILABLE_PAGE).await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    let retry_after: u64 = page.headers[header::RETRY_AFTER].to_str().expect("ascii").parse().expect("seconds");
    assert!((1..=600).contains(&retry_after), "{retry_after}");
}

#[tokio::test]
async fn d5_a_signed_in_officer_keeps_working_while_digital_id_is_down_and_their_pages_never_ask_it() {
    let mut app = TestApp::start().await.with_sample_tree().await;
    let person = app.person("ปกครอง").await;
    app.import_officer(&person, "นายปกครอง ทดสอบ", "DOPA", "central").await;
    assert_eq!(app.sign_in(&person).await.location(), HOME_PAGE);

    let counts = &app.sim.simulator.state().counts;
    let before = (counts.jwks(), counts.token());
    app.sim.simulator.state().faults.set(Faults { keys: Some(KeysFault::JwksUnavailable), ..Faults::default() });
    for path in [HOME_PAGE, PROFILE_PAGE, app::paths::TOKENS_PAGE, app::paths::AUDIT_PAGE] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {page:?}");
    }
    let counts = &app.sim.simulator.state().counts;
    assert_eq!((counts.jwks(), counts.token()), before, "no request to Digital ID");
}

#[tokio::test]
async fn d7_our_database_failing_during_the_callback_gives_the_generic_page_and_no_session_cookie() {
    let mut app = TestApp::start().await;
    let person = app.person("ผู้ใช้").await;
    let redirect = app.sign_in_at_digital_id(&person).await;
    // Every clone of the connection shares its pool: closing one closes the database for the router too.
    app.state.db.clone().close().await.expect("the database closes");
    let reply = app.callback(&redirect).await;
    assert_generic_failure(&reply, &app);
    let page = app.get(reply.location()).await;
    // The failure page answers with its own 400 and needs no database.
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{page:?}");
    let reference = reply.location().rsplit('=').next().expect("a reference");
    assert!(page.body.contains("รหัสอ้างอิง") && page.body.contains(reference), "{}", page.body);
}

#[tokio::test]
async fn d7_our_database_down_gives_a_signed_in_browser_the_service_error_page_in_its_language() {
    let mut app = TestApp::start().await;
    let person = app.person("ผู้ใช้").await;
    assert_eq!(app.sign_in(&person).await.location(), app::paths::ACTIVATION_PAGE);
    app.state.db.clone().close().await.expect("the database closes");

    let page = app.get(PROFILE_PAGE).await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE, "{page:?}");
    assert!(page.headers.contains_key(header::RETRY_AFTER), "{page:?}");
    assert!(page.body.contains(r#"<html lang="th""#) && page.body.contains("ขออภัย ระบบขัดข้อง"), "{page:?}");
    assert!(page.body.contains("รหัสอ้างอิง"), "the reference to quote: {page:?}");
    assert!(!page.body.contains(&person.citizen_id), "{page:?}");

    app.cookies.insert("info_lang".into(), "en".into());
    let page = app.get(HOME_PAGE).await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE, "{page:?}");
    assert!(page.body.contains(r#"<html lang="en""#) && page.body.contains("Sorry, something went wrong"), "{page:?}");
}
