//! The officer's journey through the real router, against the Digital ID simulator: every callback outcome, the
//! first-use activation with a Token, sessions, logout, and the headers that protect them.

#[allow(dead_code, reason = "shared test support; this binary uses part of it")]
mod support {
    pub mod test_app;
}

use axum::http::{StatusCode, header};
use chrono::Utc;
use digital_id::faults::{AuthorizationResponseFault, Faults, IdTokenFault, TokenEndpointFault, UserinfoFault};
use digital_id::testing::{PASSWORD, TestBrowser};
use domain::activation::ActivationToken;
use domain::citizen_id::CitizenId;
use domain::entities::audit_event::AuditEvent;
use domain::entities::officer::{self, Role};
use domain::entities::officer_session;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use support::test_app::{BASE_URL, TestApp, router_without_digital_id};

#[tokio::test]
async fn a1_c2_c10_c11_an_officer_imported_from_citizeninfo_gets_in_at_once_and_sees_home_and_profile() {
    let mut app = TestApp::start().await;
    app.unit_tree("DEPT1").await;
    let person = app.person("สมศรี").await;
    app.import_officer_by_citizen_id(&person.citizen_id, "นางสาวสมศรี เดิม", "DEPT1", "central").await;

    let authorize_url = app.start_sign_in().await;
    let authorize = url::Url::parse(&authorize_url).expect("URL");
    let query: std::collections::HashMap<_, _> = authorize.query_pairs().into_owned().collect();
    assert_eq!(query["response_type"], "code");
    assert_eq!(query["code_challenge_method"], "S256");
    assert_eq!(query["redirect_uri"], format!("{BASE_URL}/auth/callback"));
    assert!(query["scope"].split(' ').any(|scope| scope == "openid"));
    assert!(query.contains_key("state") && query.contains_key("nonce"));
    assert!(app.cookies.contains_key("info_login"), "the login is bound to this browser");

    let redirect = TestBrowser::new(&app.sim.issuer).authorize(&authorize_url, &person.username, PASSWORD).await;
    let callback = app.callback(&redirect).await;
    assert_eq!(callback.status, StatusCode::SEE_OTHER, "{callback:?}");
    assert_eq!(callback.location(), "/backend/home");
    assert_eq!(callback.headers[header::REFERRER_POLICY], "no-referrer", "the code's URL is never a Referer");
    assert_eq!(app.callback(&redirect).await.location().split('?').next(), Some("/backend/sign-in-failed"), "once");
    assert!(app.session_cookie().is_some());

    let home = app.get("/backend/home").await;
    assert_eq!(home.status, StatusCode::OK, "{home:?}");
    assert_eq!(home.headers[header::CACHE_CONTROL], "no-store");
    assert!(home.body.contains("นางสาวสมศรี ทดสอบระบบ"), "the name now comes from Digital ID");
    assert!(home.body.contains("กรมทดสอบการบริการ"));

    let profile = app.get("/backend/profile").await;
    assert_eq!(profile.status, StatusCode::OK);
    let masked = CitizenId::parse(&person.citizen_id).expect("valid").masked();
    assert!(profile.body.contains(&masked), "masked citizen ID shown");
    assert!(!profile.body.contains(&person.citizen_id), "never the citizen ID in full");
    assert!(profile.body.contains("0898765432"));
    assert!(profile.body.contains("กระทรวงทดสอบ"), "the unit's parent chain");

    let officer = officer::Entity::find().one(&app.state.db).await.expect("query").expect("the officer");
    assert_eq!(officer.subject.as_deref(), Some(person.subject.as_str()), "the subject is bound at first sign-in");
    assert!(officer.activated_at.is_some() && officer.last_sign_in_at.is_some());
}

#[tokio::test]
async fn e3_g1_g2_g3_g5_a_new_officer_activates_with_a_token_then_signs_in_again_and_reaches_home() {
    new_officer_journey(TestApp::start().await).await;
}

#[tokio::test]
async fn e3_g1_g2_g3_g5_the_new_officers_journey_works_on_postgresql_too() {
    // Sessions, transactions and Tokens on the production database (when TEST_DATABASE_URL is set).
    if let Some(database) = domain::testing::TestDatabase::postgres().await {
        new_officer_journey(TestApp::start_on(database).await).await;
    }
}

async fn new_officer_journey(mut app: TestApp) {
    app.unit_tree("DEPT2").await;
    let person = app.person("ประเสริฐ").await;
    let token = app.issue_token("DEPT2-SP", Role::ServicePoint, Some(&person.citizen_id)).await;

    let callback = app.sign_in(&person).await;
    assert_eq!(callback.location(), "/backend/activate", "a first use asks for the Token");
    let pending_cookie = app.session_cookie().expect("a pending session");
    let home = app.get("/backend/home").await;
    assert_eq!(home.location(), "/backend/activate", "nothing else is open before activation");

    let page = app.get("/backend/activate").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("ยืนยัน") && page.body.contains("02-612-6060"));
    let csrf = page.field("csrf_token").expect("the form carries the session's token");

    let wrong = ActivationToken::generate().grouped();
    let refused = app.activate(&[("csrf_token", &csrf), ("token", &wrong)]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("เจ้าหน้าที่ส่วนกลางต้นสังกัด"), "tells them who to contact");
    assert!(!refused.body.contains(&wrong), "a refused token is never echoed");

    let activated = app.activate(&[("csrf_token", &csrf), ("token", &token.grouped().to_lowercase())]).await;
    assert_eq!(activated.status, StatusCode::SEE_OTHER, "{activated:?}");
    assert_eq!(activated.location(), "/backend/activated");
    assert_eq!(app.session_cookie(), None, "the session ends: the officer signs in again");
    let officer = officer::Entity::find().one(&app.state.db).await.expect("query").expect("created");
    assert_eq!((officer.role, officer.subject.as_deref()), (Role::ServicePoint, Some(person.subject.as_str())));

    app.cookies.insert("info_session".into(), pending_cookie);
    assert_eq!(app.get("/backend/home").await.location(), "/backend/sign-in", "the old session is dead");
    app.cookies.clear();

    let again = app.sign_in(&person).await;
    assert_eq!(again.location(), "/backend/home");
    let home = app.get("/backend/home").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("จุดบริการเขตบางรัก"));

    let identity = app.digital_id_identity(&format!("{}-other", person.subject));
    let used_twice = domain::activation::redeem(&app.state.db, &token, &identity, Utc::now()).await;
    assert!(
        matches!(
            used_twice,
            Err(domain::activation::RedeemError::Refused { reason: domain::activation::RedeemFailure::Used, .. })
        ),
        "the token was consumed: {used_twice:?}"
    );
    app.close().await;
}

#[tokio::test]
async fn c6_h1_declining_consent_shows_the_no_consent_page_and_starts_no_session() {
    let mut app = TestApp::start().await;
    let person = app.person("มาลี").await;
    let callback = app.decline_consent(&person).await;
    assert_eq!(callback.location(), "/backend/consent-declined");
    assert_eq!(app.session_cookie(), None);
    assert_eq!(app.session_count().await, 0);

    let page = app.get("/backend/consent-declined").await;
    assert!(page.body.contains("ท่านไม่ได้ให้ความยินยอม จึงไม่สามารถเข้าใช้งานระบบได้"), "{}", page.body);
    assert!(page.body.contains("/backend/sign-in"), "a way to try again");
}

#[tokio::test]
async fn c2_c3_c7_a_callback_without_the_login_cookie_or_replayed_or_for_another_login_fails_with_a_reference() {
    let mut app = TestApp::start().await;
    let person = app.person("สมชาย").await;
    let redirect = app.sign_in_at_digital_id(&person).await;

    let login_cookie = app.cookies.remove("info_login").expect("login cookie");
    let without = app.callback(&redirect).await;
    assert!(without.location().starts_with("/backend/sign-in-failed?reference="), "{without:?}");

    app.cookies.insert("info_login".into(), login_cookie.clone());
    assert_eq!(app.callback(&redirect).await.location(), "/backend/activate");
    app.cookies.clear();
    app.cookies.insert("info_login".into(), login_cookie);
    let replayed = app.callback(&redirect).await;
    assert!(replayed.location().starts_with("/backend/sign-in-failed"), "the transaction is single-use");
    assert_eq!(app.session_cookie(), None);

    // Another browser's code delivered into this browser's login (login CSRF / code injection).
    app.start_sign_in().await;
    let other = app.callback(&redirect).await;
    assert!(other.location().starts_with("/backend/sign-in-failed"), "{other:?}");

    let reference = other.location().split("reference=").nth(1).and_then(|rest| rest.split('&').next());
    let reference = reference.expect("reference").to_owned();
    let page = app.get(other.location()).await;
    assert!(page.body.contains(&reference) && page.body.contains("เข้าสู่ระบบไม่สำเร็จ"));
}

#[tokio::test]
async fn a6_a7_a8_a9_a11_a12_a13_a14_a17_a19_a21_c4_c5_d1_every_refused_token_or_response_from_digital_id_ends_on_the_generic_page_without_a_session()
 {
    let faults = [
        Faults { id_token: Some(IdTokenFault::WrongIss), ..Faults::default() },
        Faults { id_token: Some(IdTokenFault::WrongAud), ..Faults::default() },
        Faults { id_token: Some(IdTokenFault::BadSignature), ..Faults::default() },
        Faults { id_token: Some(IdTokenFault::AlgNone), ..Faults::default() },
        Faults { id_token: Some(IdTokenFault::NonceMismatch), ..Faults::default() },
        Faults { id_token: Some(IdTokenFault::Expired), ..Faults::default() },
        Faults { id_token: Some(IdTokenFault::UnknownKid), ..Faults::default() },
        Faults { id_token: Some(IdTokenFault::WrongAtHash), ..Faults::default() },
        Faults { id_token: Some(IdTokenFault::ForeignAzp), ..Faults::default() },
        Faults { id_token: Some(IdTokenFault::MissingSub), ..Faults::default() },
        Faults { userinfo: Some(UserinfoFault::SubMismatch), ..Faults::default() },
        Faults { token_endpoint: Some(TokenEndpointFault::ServerError), ..Faults::default() },
        Faults { authorization_response: Some(AuthorizationResponseFault::WrongIss), ..Faults::default() },
        Faults { authorization_response: Some(AuthorizationResponseFault::MissingIss), ..Faults::default() },
    ];
    let mut app = TestApp::start().await;
    let person = app.person("ทดลอง").await;
    for fault in faults {
        app.sim.simulator.state().faults.set(fault.clone());
        app.cookies.clear();
        let callback = app.sign_in(&person).await;
        // `?reference=…&check=…` (the check lets the page show the reference).
        let reference = callback.location().strip_prefix("/backend/sign-in-failed?reference=");
        let reference = reference.and_then(|rest| rest.split('&').next());
        let reference = reference.unwrap_or_else(|| panic!("{fault:?}: {callback:?}"));
        assert_eq!(app.session_cookie(), None, "{fault:?}");
        // Exactly one audit row, with the reason's code and the reference the officer reads out (security.md I).
        let refused: Vec<_> = app
            .audit_events(AuditEvent::SignInRefused)
            .await
            .into_iter()
            .filter(|entry| entry.detail.as_deref() == Some(reference))
            .collect();
        assert_eq!(refused.len(), 1, "{fault:?}");
        let reason = refused[0].reason.as_deref().unwrap_or_default();
        assert!(["issuer", "token_request", "id_token", "userinfo"].contains(&reason), "{fault:?}: {reason}");
        assert!(refused[0].occurred_at <= Utc::now());
    }
    assert_eq!(app.session_count().await, 0);
    app.sim.simulator.state().faults.set(Faults::default());
    assert_eq!(app.sign_in(&person).await.location(), "/backend/activate", "a retry works once Digital ID behaves");
}

#[tokio::test]
async fn logins_started_in_two_tabs_of_one_browser_each_finish() {
    let mut app = TestApp::start().await;
    let person = app.person("สองแท็บ").await;
    let (first_tab, second_tab) = (app.start_sign_in().await, app.start_sign_in().await);
    let browser = TestBrowser::new(&app.sim.issuer);
    let second = browser.authorize(&second_tab, &person.username, PASSWORD).await;
    // Digital ID's session is live now, so the first tab's request comes straight back.
    let first = url::Url::parse(&browser.get(&first_tab).await.location.expect("a redirect")).expect("URL");
    assert_eq!(app.callback(&second).await.location(), "/backend/activate");
    assert_eq!(app.callback(&first).await.location(), "/backend/activate");
    assert_eq!(app.session_count().await, 1, "the later sign-in replaced the earlier session");
}

#[tokio::test]
async fn e2_signing_in_replaces_any_session_the_browser_had() {
    let mut app = TestApp::start().await;
    let person = app.person("วิไล").await;
    app.sign_in(&person).await;
    let first = app.session_cookie().expect("session");
    app.sign_in(&person).await;
    let second = app.session_cookie().expect("session");
    assert_ne!(first, second, "a new id at every sign-in");
    assert_eq!(app.session_count().await, 1, "the old one is gone server-side");

    app.cookies.insert("info_session".into(), "planted-by-an-attacker".into());
    app.sign_in(&person).await;
    assert_ne!(app.session_cookie().as_deref(), Some("planted-by-an-attacker"));
}

#[tokio::test]
async fn e6_e7_e8_f1_f3_logout_needs_the_sessions_token_then_ends_the_session_here_and_at_digital_id() {
    let mut app = TestApp::start().await;
    app.unit_tree("DEPT3").await;
    let person = app.person("สุดา").await;
    let csv = format!(
        "digital_id_sub,citizen_id,name_th,unit_code,role\n{},,นางสุดา,DEPT3-DIV,agency\nsomeone-else,,นายสมชาย ผู้ดูแล,DEPT3,central\n",
        person.subject
    );
    app.import_officers(&csv).await;
    app.sign_in(&person).await;
    let home = app.get("/backend/home").await;
    assert!(home.body.contains("นายสมชาย ผู้ดูแล"), "an agency officer is told who their central officers are");
    let csrf = home.field("csrf_token").expect("the name menu's logout form");

    let forged = app.post("/auth/logout", &[("csrf_token", "not-the-token")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let cross_site = app
        .send(
            axum::http::Request::post("/auth/logout")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ORIGIN, "https://evil.example")
                .body(axum::body::Body::from(format!("csrf_token={csrf}")))
                .expect("request"),
        )
        .await;
    assert_eq!(cross_site.status, StatusCode::FORBIDDEN);
    assert_eq!(app.session_count().await, 1, "still signed in");
    assert_eq!(app.get("/auth/logout").await.status, StatusCode::METHOD_NOT_ALLOWED);

    let old_cookie = app.session_cookie().expect("session");
    let logout = app.post("/auth/logout", &[("csrf_token", &csrf)]).await;
    assert_eq!(logout.status, StatusCode::SEE_OTHER);
    let end_session = url::Url::parse(logout.location()).expect("Digital ID's end-session URL");
    assert!(end_session.as_str().starts_with(&format!("{}/connect/endsession", app.sim.issuer)));
    let query: std::collections::HashMap<_, _> = end_session.query_pairs().into_owned().collect();
    assert!(query["id_token_hint"].split('.').count() == 3);
    assert_eq!(query["post_logout_redirect_uri"], format!("{BASE_URL}/backend/signed-out"));
    assert!(query["state"].len() >= 32);
    assert_eq!(app.session_cookie(), None);
    assert_eq!(app.session_count().await, 0);

    let back = TestBrowser::new(&app.sim.issuer).get(end_session.as_str()).await;
    assert!(
        back.location.as_deref().is_some_and(|to| to.starts_with(&format!("{BASE_URL}/backend/signed-out"))),
        "{back:?}"
    );
    let signed_out = app.get("/backend/signed-out?state=anything").await;
    assert_eq!(signed_out.status, StatusCode::OK);

    app.cookies.insert("info_session".into(), old_cookie);
    assert_eq!(app.get("/backend/profile").await.location(), "/backend/sign-in", "the old cookie opens nothing");
}

#[tokio::test]
async fn e4_e5_an_idle_session_and_one_past_its_absolute_end_are_over() {
    let mut app = TestApp::start().await;
    let person = app.person("อุบล").await;
    app.sign_in(&person).await;
    let row = officer_session::Entity::find().one(&app.state.db).await.expect("query").expect("session");
    let mut idle = row.clone().into_active_model();
    idle.last_seen_at = Set(Utc::now() - chrono::Duration::minutes(31));
    idle.update(&app.state.db).await.expect("update");
    assert_eq!(app.get("/backend/activate").await.location(), "/backend/sign-in");
    assert_eq!(app.session_count().await, 0, "the row is deleted");

    app.sign_in(&person).await;
    let row = officer_session::Entity::find().one(&app.state.db).await.expect("query").expect("session");
    let mut old = row.into_active_model();
    old.expires_at = Set(Utc::now() - chrono::Duration::seconds(1));
    old.update(&app.state.db).await.expect("update");
    assert_eq!(app.get("/backend/activate").await.location(), "/backend/sign-in");
}

#[tokio::test]
async fn e9_a_suspended_officers_session_ends_at_their_next_request_and_they_cannot_sign_in() {
    let mut app = TestApp::start().await;
    app.unit_tree("DEPT4").await;
    let person = app.person("ชาตรี").await;
    app.import_officer(&person, "นายชาตรี", "DEPT4", "central").await;
    app.sign_in(&person).await;
    let officer = officer::Entity::find().one(&app.state.db).await.expect("query").expect("officer");
    let mut suspended = officer.into_active_model();
    suspended.status = Set(officer::OfficerStatus::Suspended);
    suspended.update(&app.state.db).await.expect("update");
    assert_eq!(app.get("/backend/home").await.location(), "/backend/sign-in");
    assert!(app.sign_in(&person).await.location().starts_with("/backend/sign-in-failed"));
}

#[tokio::test]
async fn g10_g12_after_five_wrong_tokens_even_the_right_one_waits_but_another_account_is_not_locked_out() {
    let mut app = TestApp::start().await;
    app.unit_tree("DEPT5").await;
    let guesser = app.person("สุ่ม").await;
    let owner = app.person("เจ้าของ").await;
    let token = app.issue_token("DEPT5-DIV", Role::Agency, None).await;
    app.sign_in(&guesser).await;
    let csrf = app.get("/backend/activate").await.field("csrf_token").expect("csrf");
    for _ in 0..5 {
        let reply = app.activate(&[("csrf_token", &csrf), ("token", &ActivationToken::generate().grouped())]).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let limited = app.activate(&[("csrf_token", &csrf), ("token", &token.grouped())]).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    let refused = app.audit_events(AuditEvent::TokenRefused).await;
    let reasons: Vec<_> = refused.iter().filter_map(|row| row.reason.as_deref()).collect();
    assert_eq!(reasons.iter().filter(|reason| **reason == server::auth::RATE_LIMITED_REASON).count(), 1, "{reasons:?}");
    assert_eq!(reasons.len(), 6, "five unknown Tokens and the limited attempt: {reasons:?}");

    app.cookies.clear();
    app.sign_in(&owner).await;
    let csrf = app.get("/backend/activate").await.field("csrf_token").expect("csrf");
    let activated = app.activate(&[("csrf_token", &csrf), ("token", &token.grouped())]).await;
    assert_eq!(activated.location(), "/backend/activated", "{activated:?}");
}

#[tokio::test]
async fn g4_a_malformed_token_is_shown_again_to_fix_and_a_stale_form_is_refused() {
    let mut app = TestApp::start().await;
    let person = app.person("พิมพ์ผิด").await;
    app.sign_in(&person).await;
    let csrf = app.get("/backend/activate").await.field("csrf_token").expect("csrf");
    let typo = app.activate(&[("csrf_token", &csrf), ("token", "ABCD-EFGH-<script>")]).await;
    assert_eq!(typo.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(typo.body.contains("ABCD-EFGH-&lt;script&gt;"), "kept, and escaped");
    let empty = app.activate(&[("csrf_token", &csrf), ("token", "")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let huge = "9".repeat(20_000);
    let oversized = app.activate(&[("csrf_token", &csrf), ("token", &huge)]).await;
    assert_eq!(oversized.status, StatusCode::UNPROCESSABLE_ENTITY);
    let stale = app.activate(&[("csrf_token", "old"), ("token", "x")]).await;
    assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.session_count().await, 1);
}

#[tokio::test]
async fn f4_every_page_has_a_csp_with_a_fresh_nonce_that_its_scripts_carry() {
    let mut app = TestApp::start().await;
    let first = app.get("/backend").await;
    let second = app.get("/backend").await;
    let csp = |reply: &support::test_app::Reply| {
        reply.headers[header::CONTENT_SECURITY_POLICY].to_str().expect("ascii").to_owned()
    };
    let nonce = |policy: &str| {
        policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("nonce").to_owned()
    };
    let (one, two) = (csp(&first), csp(&second));
    assert_ne!(nonce(&one), nonce(&two), "a new nonce per response");
    assert!(first.body.contains(&format!("nonce=\"{}\"", nonce(&one))), "the hydration script carries it");
    assert!(one.contains(&format!("form-action 'self' {}", app.sim.issuer)));
    assert_eq!(first.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(first.headers[header::REFERRER_POLICY], "same-origin");
    let missing = app.get("/backend/no-such-page").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains(&format!("nonce=\"{}\"", nonce(&csp(&missing)))));
}

#[tokio::test]
async fn f1_a_same_origin_post_whose_origin_a_referrer_policy_withheld_is_accepted() {
    let mut app = TestApp::start().await;
    let request = axum::http::Request::post("/auth/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "null")
        .header("sec-fetch-site", "same-origin")
        .body(axum::body::Body::from("provider=digital-id"))
        .expect("request");
    assert_eq!(app.send(request).await.status, StatusCode::SEE_OTHER);
    let forged = axum::http::Request::post("/auth/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "null")
        .body(axum::body::Body::from("provider=digital-id"))
        .expect("request");
    assert_eq!(app.send(forged).await.status, StatusCode::FORBIDDEN, "a sandboxed frame's null origin is not ours");
}

#[tokio::test]
async fn a_sign_in_post_without_a_known_provider_goes_back_to_the_sign_in_buttons() {
    let mut app = TestApp::start().await;
    for fields in [&[("provider", "thaid")][..], &[][..], &[("provider", "<script>")][..]] {
        let reply = app.post("/auth/login", fields).await;
        assert_eq!((reply.status, reply.location()), (StatusCode::SEE_OTHER, "/backend/sign-in"), "{fields:?}");
    }
    assert!(!app.cookies.contains_key("info_login"), "no login was started");
}

#[tokio::test]
async fn f1_a_cross_site_post_is_refused_before_any_handler() {
    let mut app = TestApp::start().await;
    let request = axum::http::Request::post("/auth/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(axum::body::Body::from("provider=digital-id"))
        .expect("request");
    let reply = app.send(request).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(!app.cookies.contains_key("info_login"));
}

#[tokio::test]
async fn d5_when_digital_id_cannot_be_reached_the_sign_in_button_leads_to_a_page_saying_so() {
    let (router, _database) = router_without_digital_id(BASE_URL).await;
    let request = axum::http::Request::post("/auth/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, BASE_URL)
        .body(axum::body::Body::from("provider=digital-id"))
        .expect("request");
    let response = tower::ServiceExt::oneshot(router, request).await.expect("response");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[header::LOCATION], "/backend/digital-id-unavailable");
}
