//! Forged requests and hostile input through the real router, against the Digital ID simulator:
//!
//! - F1: every state-changing POST route refuses a foreign `Origin`, a cross-site fetch, and a missing, wrong or
//!   other session's synchroniser token — and changes nothing; the back-channel logout, server to server, is
//!   outside the same-origin check and neither reads nor sets cookies.
//! - F2: a sibling subdomain (or the parent domain, another scheme or port) of our public origin is another origin.
//! - F3: every mutating route asked with GET answers 405, or its page, and changes nothing.
//! - F4: every response carries `Cross-Origin-Opener-Policy` and `nosniff`; HSTS (≥ 1 year) exactly when the public
//!   origin is https.
//! - F6: a Digital ID name claim holding markup is shown as text on home and profile.
//! - C9: a hostile `return_to` never leads the browser off our origin after the callback.
//! - H3: no `prompt=none`, and no GET starts a login.
//! - E6: the logout response clears the cache (`Clear-Site-Data`) and the old session cookie opens nothing.
//! - E8: the post-logout return without `state` is a plain "signed out" page.

#[expect(dead_code, reason = "shared test support; this binary uses part of it")]
mod support {
    pub mod test_app;
}

use app::paths::{
    ACCOUNTS_PAGE, ACTIVATION_PAGE, AUDIT_CSV, AUDIT_PAGE, BACKCHANNEL_LOGOUT, CALLBACK, HOME_PAGE, LOGIN, LOGOUT,
    OFFICERS_PAGE, PROFILE_PAGE, SIGN_IN_PAGE, SIGNED_OUT_PAGE, TOKENS_PAGE, UNITS_PAGE,
};
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use chrono::Utc;
use digital_id::testing::{PASSWORD, TestBrowser};
use domain::activation::{ActivationToken, IssueToken, Issuer};
use domain::citizen_id::CitizenIdKey;
use domain::entities::officer::Role;
use domain::entities::{
    activation_attempt, activation_token, audit_event, login_transaction, officer, officer_session, organisation_unit,
};
use http_body_util::BodyExt;
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder};
use support::test_app::{ACTIVATE, BASE_URL, CITIZEN_ID_KEY, Jar, Person, Reply, TestApp, router_without_digital_id};
use tower::ServiceExt;

/// What the same-origin layer answers, before any handler runs.
const CROSS_SITE_REFUSAL: &str = "cross-site request refused";

/// The officers page's server functions (`app::api::accounts`).
const SET_OFFICER_STATUS: &str = "/api/accounts/status";
const ASSIGN_OFFICER: &str = "/api/accounts/assign";
const ISSUE_TOKEN: &str = "/api/tokens/issue";
const REVOKE_TOKEN: &str = "/api/tokens/revoke";
const REISSUE_TOKEN: &str = "/api/tokens/reissue";
/// The units page's server functions (`app::api::units`).
const CREATE_UNIT: &str = "/api/units/create";
const RENAME_UNIT: &str = "/api/units/rename";
const MOVE_UNIT: &str = "/api/units/move";
const RETIRE_UNIT: &str = "/api/units/retire";
/// The language switch's server function (`app::api::language`).
const SWITCH_LANGUAGE: &str = "/api/language";
const STAY_SIGNED_IN: &str = "/api/session/extend";
const END_IDLE_SESSION: &str = "/api/session/end";

/// The back office's public origin in the https configuration of these tests.
const HTTPS_ORIGIN: &str = "https://admin.info.go.th";

// ---------------------------------------------------------------------------------------------------------------
// Setting the scene

fn key() -> CitizenIdKey {
    CitizenIdKey::new(CITIZEN_ID_KEY.as_bytes().to_vec())
}

/// The name every officer of these tests is imported with.
const IMPORTED: &str = "นายนำเข้า ทดสอบระบบ";

/// A Token issued as on the server's command line (no officer issued it).
async fn token(app: &TestApp, unit: &str, role: Role, name: &str) -> (ActivationToken, activation_token::Model) {
    let request = IssueToken {
        unit_code: unit.into(),
        role,
        citizen_id: None,
        intended_name: Some(name.into()),
        reference: None,
        lifetime: domain::activation::DEFAULT_LIFETIME,
    };
    let issued = domain::activation::issue(&app.state.db, Issuer::CommandLine, request, &key(), Utc::now())
        .await
        .expect("issued");
    (issued.token, issued.row)
}

/// Everything a state-changing request could change: whole rows where a change edits a column (a revoked Token, a
/// suspended or moved officer, a renamed unit), counts where it adds or removes rows.
#[derive(Debug, PartialEq)]
struct Tables {
    officers: Vec<officer::Model>,
    tokens: Vec<activation_token::Model>,
    units: Vec<organisation_unit::Model>,
    audit: u64,
    sessions: u64,
    /// When each session was last seen ("stay signed in" moves it on; an ordinary request within a minute of the
    /// last does not).
    sessions_seen: Vec<chrono::DateTime<chrono::Utc>>,
    logins: u64,
    attempts: u64,
}

async fn tables(app: &TestApp) -> Tables {
    let db = &app.state.db;
    Tables {
        officers: officer::Entity::find().order_by_asc(officer::Column::Id).all(db).await.expect("officers"),
        tokens: activation_token::Entity::find()
            .order_by_asc(activation_token::Column::Id)
            .all(db)
            .await
            .expect("tokens"),
        units: organisation_unit::Entity::find()
            .order_by_asc(organisation_unit::Column::Id)
            .all(db)
            .await
            .expect("units"),
        audit: audit_event::Entity::find().count(db).await.expect("count"),
        sessions: app.session_count().await,
        sessions_seen: officer_session::Entity::find()
            .order_by_asc(officer_session::Column::Id)
            .all(db)
            .await
            .expect("sessions")
            .into_iter()
            .map(|session| session.last_seen_at)
            .collect(),
        logins: app.login_transaction_count().await,
        attempts: activation_attempt::Entity::find().count(db).await.expect("count"),
    }
}

/// Which browser sends a form.
#[derive(Clone, Copy, Debug)]
enum Browser {
    /// No cookies at all (the sign-in button).
    Anonymous,
    /// DGA Contact Center staff: they may use every administration form.
    Staff,
    /// A Digital ID account that has not activated yet: only the Token form.
    Pending,
    /// The staff's other browser, signed in on its own: its session is the one the session-timeout dialog ends.
    StaffElsewhere,
}

/// A genuine form of one POST route, as the browser that may send it would.
struct Form {
    path: &'static str,
    browser: Browser,
    fields: Vec<(&'static str, String)>,
    /// What the route answers a missing or wrong synchroniser token (`None`: the form has none — the sign-in button
    /// comes before any session; its `state`, bound to the pre-login cookie, protects the callback instead). The
    /// activation page, which re-shows its form with "ฟอร์มหมดอายุ", answers 422.
    token_refusal: Option<StatusCode>,
}

/// The scene: Contact Center staff signed in, an account waiting to activate, an officer to manage, and Tokens.
struct Scene {
    app: TestApp,
    staff: Jar,
    staff_csrf: String,
    pending: Jar,
    pending_csrf: String,
    staff_elsewhere: Jar,
    staff_elsewhere_csrf: String,
    activation_token: ActivationToken,
    revoke_id: i32,
    reissue_id: i32,
    target_officer_id: i32,
}

impl Scene {
    async fn set() -> Self {
        let mut app = TestApp::start().await.with_sample_tree().await;
        let staff_person = app.person("ศูนย์บริการ").await;
        let target = app.person("ถูกจัดการ").await;
        let newcomer = app.person("มาใหม่").await;
        app.import_officer(&staff_person, IMPORTED, "DGA-CC", "contact_center").await;
        app.import_officer(&target, IMPORTED, "DOPA-CMI-MUANG", "service_point").await;
        let (activation_token, _) = token(&app, "DOPA-BORA", Role::Agency, "นายมาใหม่ ทดสอบระบบ").await;
        let (_, to_revoke) = token(&app, "DOPA", Role::Central, "นายเพิกถอน ทดสอบระบบ").await;
        let (_, to_reissue) = token(&app, "DOPA", Role::Central, "นายออกใหม่ ทดสอบระบบ").await;

        app.sign_in_afresh(&staff_person, HOME_PAGE).await;
        let staff = app.cookies.clone();
        let staff_csrf = app.get(TOKENS_PAGE).await.field("csrf_token").expect("the issue form");
        app.sign_in_afresh(&staff_person, HOME_PAGE).await;
        let staff_elsewhere = app.cookies.clone();
        let staff_elsewhere_csrf = app.get(HOME_PAGE).await.field("csrf_token").expect("the logout form");
        app.sign_in_afresh(&newcomer, ACTIVATION_PAGE).await;
        let pending = app.cookies.clone();
        let pending_csrf = app.get(ACTIVATION_PAGE).await.field("csrf_token").expect("the Token form");
        assert_ne!(staff_csrf, pending_csrf, "each session has its own synchroniser token");
        let target_officer_id = app.officer_of(&target).await.id;
        app.cookies.clear();
        Self {
            app,
            staff,
            staff_csrf,
            pending,
            pending_csrf,
            staff_elsewhere,
            staff_elsewhere_csrf,
            activation_token,
            revoke_id: to_revoke.id,
            reissue_id: to_reissue.id,
            target_officer_id,
        }
    }

    /// Every POST route of the router (`server::router::router`) but the back-channel logout, each with a form
    /// that works when genuine — in an order where each still works after the ones before (logout last).
    fn forms(&self) -> Vec<Form> {
        let staff = |path, fields: &[(&'static str, &str)], token_refusal| Form {
            path,
            browser: Browser::Staff,
            fields: [("csrf_token", self.staff_csrf.as_str())]
                .iter()
                .chain(fields)
                .map(|(name, value)| (*name, (*value).to_owned()))
                .collect(),
            token_refusal: Some(token_refusal),
        };
        let revoke_id = self.revoke_id.to_string();
        let reissue_id = self.reissue_id.to_string();
        let target = self.target_officer_id.to_string();
        vec![
            Form {
                path: LOGIN,
                browser: Browser::Anonymous,
                fields: vec![("provider", "digital-id".into()), ("return_to", PROFILE_PAGE.into())],
                token_refusal: None,
            },
            Form {
                path: ACTIVATE,
                browser: Browser::Pending,
                fields: vec![("csrf_token", self.pending_csrf.clone()), ("token", self.activation_token.grouped())],
                token_refusal: Some(StatusCode::UNPROCESSABLE_ENTITY),
            },
            staff(
                ISSUE_TOKEN,
                &[
                    ("role", "central"),
                    ("unit", "DOL"),
                    ("citizen_id", "1101700207030"),
                    ("name", "นายออกบัตร ทดสอบระบบ"),
                    ("reference", "มท 0309.1/ว 1234"),
                    ("lifetime_days", "7"),
                ],
                StatusCode::FORBIDDEN,
            ),
            staff(REVOKE_TOKEN, &[("token_id", &revoke_id)], StatusCode::FORBIDDEN),
            staff(REISSUE_TOKEN, &[("token_id", &reissue_id)], StatusCode::FORBIDDEN),
            staff(
                ASSIGN_OFFICER,
                &[("officer_id", &target), ("role", "service_point"), ("unit", "DOPA-CMI-SANSAI")],
                StatusCode::FORBIDDEN,
            ),
            staff(SET_OFFICER_STATUS, &[("officer_id", &target), ("status", "suspended")], StatusCode::FORBIDDEN),
            staff(
                CREATE_UNIT,
                &[("code", "FORGED"), ("name_th", "หน่วยงานปลอม"), ("kind", "ministry")],
                StatusCode::FORBIDDEN,
            ),
            staff(RENAME_UNIT, &[("code", "DOPA"), ("name_th", "กรมปลอม")], StatusCode::FORBIDDEN),
            staff(MOVE_UNIT, &[("code", "DOPA-BORA"), ("parent", "DOL")], StatusCode::FORBIDDEN),
            // The unit the create form above made: nothing is in it, so the genuine form retires it.
            staff(RETIRE_UNIT, &[("code", "FORGED")], StatusCode::FORBIDDEN),
            // Open to anyone, and only the language on the officer's record changes: the same-origin check is its
            // defence, without a synchroniser token.
            Form {
                path: SWITCH_LANGUAGE,
                browser: Browser::Staff,
                fields: vec![("lang", "en".into()), ("return_to", HOME_PAGE.into())],
                token_refusal: None,
            },
            // The session-timeout dialog's "stay signed in" (its genuine call moves the last-seen time on).
            staff(STAY_SIGNED_IN, &[], StatusCode::FORBIDDEN),
            // Last: it ends the staff's session.
            staff(LOGOUT, &[], StatusCode::FORBIDDEN),
            // The dialog's timer ran out in the staff's other browser: it ends that session.
            Form {
                path: END_IDLE_SESSION,
                browser: Browser::StaffElsewhere,
                fields: vec![("csrf_token", self.staff_elsewhere_csrf.clone())],
                token_refusal: Some(StatusCode::FORBIDDEN),
            },
        ]
    }

    /// Puts the form's browser's cookies into the app.
    fn use_browser(&mut self, browser: Browser) {
        self.app.cookies = match browser {
            Browser::Anonymous => Jar::new(),
            Browser::Staff => self.staff.clone(),
            Browser::Pending => self.pending.clone(),
            Browser::StaffElsewhere => self.staff_elsewhere.clone(),
        };
    }

    /// A real synchroniser token of a session that is not the form's browser's.
    fn other_sessions_token(&self, browser: Browser) -> &str {
        match browser {
            Browser::Pending => &self.staff_csrf,
            Browser::Staff | Browser::StaffElsewhere | Browser::Anonymous => &self.pending_csrf,
        }
    }
}

fn encoded(fields: &[(&str, String)]) -> String {
    serde_urlencoded::to_string(fields).expect("form")
}

/// A form POST with exactly the given `Origin` and `Sec-Fetch-Site` headers (a browser's, or their absence).
fn post_with(path: &str, body: &str, origin: Option<&str>, fetch_site: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(origin) = origin {
        request = request.header(header::ORIGIN, origin);
    }
    if let Some(site) = fetch_site {
        request = request.header("sec-fetch-site", site);
    }
    request.body(Body::from(body.to_owned())).expect("request")
}

/// The ways a page on another site gets a browser to POST to us: the headers it cannot forge say so.
const CROSS_SITE: [(&str, Option<&str>, Option<&str>); 6] = [
    ("a foreign Origin", Some("https://evil.example"), None),
    ("a foreign Origin with Sec-Fetch-Site: same-origin", Some("https://evil.example"), Some("same-origin")),
    ("Sec-Fetch-Site: cross-site without Origin", None, Some("cross-site")),
    ("Sec-Fetch-Site: same-site without Origin", None, Some("same-site")),
    ("Origin: null with Sec-Fetch-Site: cross-site", Some("null"), Some("cross-site")),
    ("neither Origin nor Sec-Fetch-Site", None, None),
];

fn sets_cookies(reply: &Reply) -> bool {
    reply.headers.contains_key(header::SET_COOKIE)
}

// ---------------------------------------------------------------------------------------------------------------
// F1, F2, F3

#[tokio::test]
async fn f1_every_state_changing_post_refuses_a_foreign_origin_cross_site_fetch_or_missing_token() {
    let mut scene = Scene::set().await;
    for form in scene.forms() {
        let path = form.path;
        let before = tables(&scene.app).await;
        scene.use_browser(form.browser);
        let genuine = encoded(&form.fields);
        for (how, origin, fetch_site) in CROSS_SITE {
            let reply = scene.app.send(post_with(path, &genuine, origin, fetch_site)).await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path} with {how}: {reply:?}");
            assert_eq!(reply.body, CROSS_SITE_REFUSAL, "{path} with {how}: refused before any handler");
            assert!(!sets_cookies(&reply), "{path} with {how}: {reply:?}");
            assert_eq!(tables(&scene.app).await, before, "{path} with {how} changed something");
        }
        if let Some(refusal) = form.token_refusal {
            let other = scene.other_sessions_token(form.browser).to_owned();
            let tokens = [
                ("missing", None),
                ("empty", Some("")),
                ("wrong", Some("forged-token")),
                ("another session's", Some(other.as_str())),
            ];
            for (which, token) in tokens {
                let fields: Vec<(&str, &str)> = form
                    .fields
                    .iter()
                    .filter_map(|(name, value)| match (*name, token) {
                        ("csrf_token", None) => None,
                        ("csrf_token", Some(token)) => Some((*name, token)),
                        _ => Some((*name, value.as_str())),
                    })
                    .collect();
                let reply = scene.app.post(path, &fields).await;
                assert_eq!(reply.outcome(), refusal, "{path} with a {which} token: {reply:?}");
                assert!(!sets_cookies(&reply), "{path} with a {which} token: {reply:?}");
                assert_eq!(tables(&scene.app).await, before, "{path} with a {which} token changed something");
            }
        }
        // The same form, genuine, does change something: the refusals above were the checks', not the form's.
        let fields: Vec<(&str, &str)> = form.fields.iter().map(|(name, value)| (*name, value.as_str())).collect();
        let reply = scene.app.post(path, &fields).await;
        assert!(reply.status.is_success() || reply.status.is_redirection(), "{path} genuine: {reply:?}");
        assert_ne!(tables(&scene.app).await, before, "{path}: the genuine form changed nothing");
    }
    scene.app.close().await;
}

#[tokio::test]
async fn f1_the_back_channel_logout_takes_a_post_without_origin_and_neither_reads_nor_sets_cookies() {
    let mut scene = Scene::set().await;
    scene.use_browser(Browser::Staff);
    let before = tables(&scene.app).await;
    // Digital ID's server sends no Origin and no cookie; a browser's cookies, if any, are not a credential here.
    for cookies in [false, true] {
        if !cookies {
            scene.app.cookies.clear();
        } else {
            scene.use_browser(Browser::Staff);
        }
        let request = post_with(BACKCHANNEL_LOGOUT, "logout_token=not.a.jwt", None, None);
        let reply = scene.app.send(request).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "past the same-origin check, to the token's: {reply:?}");
        assert!(reply.body.contains("invalid_request"), "{reply:?}");
        assert!(!sets_cookies(&reply), "{reply:?}");
        assert_eq!(tables(&scene.app).await, before, "a refused Logout Token ends nothing");
    }
    scene.use_browser(Browser::Staff);
    assert_eq!(scene.app.get(HOME_PAGE).await.status, StatusCode::OK, "the staff session is alive");
    scene.app.close().await;
}

async fn call(router: &Router, request: Request<Body>) -> Reply {
    let response = router.clone().oneshot(request).await.expect("a response");
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.expect("body").to_bytes();
    Reply { status: parts.status, headers: parts.headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

#[tokio::test]
async fn f2_a_post_from_a_sibling_subdomain_or_any_near_miss_of_our_origin_is_refused() {
    let (router, database) = router_without_digital_id(HTTPS_ORIGIN).await;
    let near_misses = [
        "https://other.admin.info.go.th",
        "https://info.go.th",
        "https://other.info.go.th",
        "http://admin.info.go.th",
        "https://admin.info.go.th:8443",
        "https://admin.info.go.th.evil.example",
        "https://ADMIN.info.go.th.",
    ];
    let paths = [
        LOGIN,
        LOGOUT,
        ACTIVATE,
        ISSUE_TOKEN,
        REVOKE_TOKEN,
        REISSUE_TOKEN,
        SET_OFFICER_STATUS,
        ASSIGN_OFFICER,
        CREATE_UNIT,
        RENAME_UNIT,
        MOVE_UNIT,
        RETIRE_UNIT,
        STAY_SIGNED_IN,
        END_IDLE_SESSION,
    ];
    for path in paths {
        for origin in near_misses {
            let reply = call(&router, post_with(path, "provider=digital-id", Some(origin), None)).await;
            assert_eq!(
                (reply.status, reply.body.as_str()),
                (StatusCode::FORBIDDEN, CROSS_SITE_REFUSAL),
                "{path} from {origin}"
            );
            assert!(!sets_cookies(&reply), "{path} from {origin}");
        }
        let same_site = call(&router, post_with(path, "provider=digital-id", None, Some("same-site"))).await;
        assert_eq!(same_site.status, StatusCode::FORBIDDEN, "{path}: Sec-Fetch-Site: same-site is not same-origin");
        let ours = call(&router, post_with(path, "provider=digital-id", Some(HTTPS_ORIGIN), None)).await;
        assert_ne!(ours.body, CROSS_SITE_REFUSAL, "{path}: our own origin passes the check");
    }
    let ours = call(&router, post_with(LOGIN, "provider=digital-id", Some(HTTPS_ORIGIN), None)).await;
    assert_eq!(ours.location(), "/backend/digital-id-unavailable", "the sign-in button from our origin gets through");
    database.close().await;
}

#[tokio::test]
async fn f3_every_mutating_route_asked_with_get_answers_405_and_changes_nothing() {
    let mut scene = Scene::set().await;
    let mut forms = scene.forms();
    forms.push(Form {
        path: BACKCHANNEL_LOGOUT,
        browser: Browser::Anonymous,
        fields: vec![("logout_token", "not.a.jwt".into())],
        token_refusal: None,
    });
    let before = tables(&scene.app).await;
    for form in forms {
        scene.use_browser(form.browser);
        let uri = format!("{}?{}", form.path, encoded(&form.fields));
        for request in [Request::get(&uri), Request::get(&uri).header(header::ORIGIN, BASE_URL)] {
            let reply = scene.app.send(request.body(Body::empty()).expect("request")).await;
            // Every form posts to a server function or a route of its own, never to a page's address.
            assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED, "GET {}: {reply:?}", form.path);
            assert_eq!(tables(&scene.app).await, before, "GET {} changed something", form.path);
        }
    }
    scene.app.close().await;
}

// ---------------------------------------------------------------------------------------------------------------
// F4

fn assert_isolation_headers(what: &str, headers: &HeaderMap) {
    assert_eq!(headers.get("cross-origin-opener-policy").map(|v| v.as_bytes()), Some(&b"same-origin"[..]), "{what}");
    assert_eq!(headers.get(header::X_CONTENT_TYPE_OPTIONS).map(|v| v.as_bytes()), Some(&b"nosniff"[..]), "{what}");
}

/// The `max-age` of a `Strict-Transport-Security` header, if it has one.
fn hsts_max_age(headers: &HeaderMap) -> Option<u64> {
    let value = headers.get(header::STRICT_TRANSPORT_SECURITY)?.to_str().ok()?;
    value.split(';').find_map(|directive| directive.trim().strip_prefix("max-age=")?.parse().ok())
}

#[tokio::test]
async fn f4_every_response_carries_coop_and_nosniff_and_hsts_only_when_the_public_origin_is_https() {
    // Over http (loopback: development and these tests) browsers ignore HSTS, and the back office sends none.
    let mut app = TestApp::start().await.with_sample_tree().await;
    let person = app.person("หัวข้อ").await;
    app.import_officer(&person, IMPORTED, "DOPA", "central").await;
    let mut replies = Vec::new();
    for path in
        ["/", OFFICERS_PAGE, SIGN_IN_PAGE, "/healthz", "/backend/no-such-page", "/pkg/none.js", LOGOUT, CALLBACK]
    {
        replies.push((format!("GET {path} signed out"), app.get(path).await));
    }
    replies.push((
        "POST login from evil".into(),
        app.send(post_with(LOGIN, "provider=digital-id", Some("https://evil.example"), None)).await,
    ));
    replies.push(("POST back-channel logout".into(), app.send(post_with(BACKCHANNEL_LOGOUT, "", None, None)).await));
    replies.push(("POST login".into(), app.post(LOGIN, &[("provider", "digital-id")]).await));
    app.cookies.clear();
    replies.push(("the callback".into(), app.sign_in(&person).await));
    for path in [HOME_PAGE, PROFILE_PAGE, TOKENS_PAGE, ACCOUNTS_PAGE, AUDIT_PAGE, AUDIT_CSV, UNITS_PAGE] {
        replies.push((format!("GET {path} signed in"), app.get(path).await));
    }
    let csrf = app.get(HOME_PAGE).await.field("csrf_token").expect("the logout form");
    replies.push(("POST logout with a wrong token".into(), app.post(LOGOUT, &[("csrf_token", "x")]).await));
    replies.push(("POST logout".into(), app.post(LOGOUT, &[("csrf_token", &csrf)]).await));
    for (what, reply) in &replies {
        assert_isolation_headers(what, &reply.headers);
        assert_eq!(hsts_max_age(&reply.headers), None, "{what}: no HSTS over http");
    }
    app.close().await;

    let (router, database) = router_without_digital_id(HTTPS_ORIGIN).await;
    let requests = [
        ("GET /backend", Request::get(OFFICERS_PAGE).body(Body::empty()).expect("request")),
        ("GET /healthz", Request::get("/healthz").body(Body::empty()).expect("request")),
        ("GET a missing page", Request::get("/backend/no-such-page").body(Body::empty()).expect("request")),
        ("GET /backend/home signed out", Request::get(HOME_PAGE).body(Body::empty()).expect("request")),
        ("GET /auth/logout", Request::get(LOGOUT).body(Body::empty()).expect("request")),
        ("POST login from evil", post_with(LOGIN, "provider=digital-id", Some("https://evil.example"), None)),
        ("POST login", post_with(LOGIN, "provider=digital-id", Some(HTTPS_ORIGIN), None)),
        ("POST back-channel logout", post_with(BACKCHANNEL_LOGOUT, "logout_token=x", None, None)),
    ];
    for (what, request) in requests {
        let reply = call(&router, request).await;
        assert_isolation_headers(what, &reply.headers);
        let max_age = hsts_max_age(&reply.headers);
        assert!(max_age.is_some_and(|seconds| seconds >= 31_536_000), "{what}: HSTS of a year or more: {max_age:?}");
    }
    database.close().await;
}

// ---------------------------------------------------------------------------------------------------------------
// F6

/// Registers a person at Digital ID whose given name is `given_name`, past the simulator's own form rules (a real
/// Digital ID's data is not ours to trust).
async fn person_named(app: &TestApp, given_name: &str) -> Person {
    let suffix = uuid::Uuid::new_v4().simple().to_string();
    let form = digital_id::pages::RegisterForm {
        title: "นาย".into(),
        given_name: "ชื่อ".into(),
        family_name: "ทดสอบระบบ".into(),
        citizen_id: digital_id::testing::random_citizen_id(),
        phone_number: "0898765432".into(),
        username: format!("x{}", &suffix[..12]),
        password: PASSWORD.into(),
        password_confirmation: PASSWORD.into(),
        ..digital_id::pages::RegisterForm::default()
    };
    let mut new = digital_id::validation::validate_registration(&form).expect("a valid registration");
    new.given_name = given_name.to_owned();
    let account = digital_id::accounts::register(&app.sim.simulator.state().db, new).await.expect("registered");
    let person = Person { username: account.username, subject: account.id, citizen_id: form.citizen_id };
    app.set_assurance(&person, "2.3", true).await;
    person
}

#[tokio::test]
async fn f6_a_digital_id_name_holding_markup_is_shown_escaped_on_home_and_profile() {
    let mut app = TestApp::start().await.with_sample_tree().await;
    let payload = "<img src=x onerror=alert(1)>";
    let person = person_named(&app, payload).await;
    app.import_officer(&person, IMPORTED, "DOPA", "central").await;
    app.sign_in_afresh(&person, HOME_PAGE).await;
    assert!(app.officer_of(&person).await.name_th.contains(payload), "the name is Digital ID's, kept as sent");
    for path in [HOME_PAGE, PROFILE_PAGE] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.body.contains("&lt;img src=x onerror=alert(1)"), "{path}: shown as text: {}", page.body);
        assert!(!page.body.contains("<img src=x"), "{path}: never as markup");
    }
    app.close().await;
}

// ---------------------------------------------------------------------------------------------------------------
// C9, H3

/// Whether a `Location` stays on our origin: a path, not a scheme-relative or backslash URL browsers take elsewhere.
fn is_same_origin_path(location: &str) -> bool {
    location.starts_with('/') && !location.starts_with("//") && !location.starts_with("/\\")
}

/// A whole sign-in with `return_to`: returns where the callback sends the browser.
async fn sign_in_returning_to(app: &mut TestApp, person: &Person, return_to: &str) -> String {
    app.cookies.clear();
    let start = app.post(LOGIN, &[("provider", "digital-id"), ("return_to", return_to)]).await;
    assert_eq!(start.status, StatusCode::SEE_OTHER, "{start:?}");
    let redirect = TestBrowser::new(&app.sim.issuer).authorize(start.location(), &person.username, PASSWORD).await;
    app.callback(&redirect).await.location().to_owned()
}

#[tokio::test]
async fn c9_a_hostile_return_to_never_leads_off_our_origin_after_the_callback() {
    let mut app = TestApp::start().await.with_sample_tree().await;
    let person = app.person("ปลายทาง").await;
    app.import_officer(&person, IMPORTED, "DOPA", "central").await;
    assert_eq!(sign_in_returning_to(&mut app, &person, PROFILE_PAGE).await, PROFILE_PAGE, "an allowed path is kept");
    let hostile = [
        "https://evil.example",
        "//evil.example",
        "/\\evil.example",
        "https:evil.example",
        "\\\\evil.example",
        "/\\/evil.example",
        "javascript:alert(1)",
        "/backend/home@evil.example",
        "//evil.example/backend/home",
        "/backend/home\r\nLocation: https://evil.example",
    ];
    for return_to in hostile {
        let location = sign_in_returning_to(&mut app, &person, return_to).await;
        assert!(is_same_origin_path(&location), "{return_to:?} led to {location:?}");
        assert_eq!(location, HOME_PAGE, "{return_to:?}: not allow-listed, so home");
    }
    app.close().await;
}

fn assert_no_silent_login(url: &str) {
    let parsed = url::Url::parse(url).expect("an absolute URL");
    for (name, value) in parsed.query_pairs() {
        assert!(!(name == "prompt" && value.split(' ').any(|prompt| prompt == "none")), "{url}");
        // The registration page carries the authorization request in its own query.
        if value.contains("prompt") {
            assert!(!value.contains("prompt=none"), "{url}");
        }
    }
    assert!(!url.to_ascii_lowercase().contains("prompt=none") && !url.to_ascii_lowercase().contains("prompt%3dnone"));
}

#[tokio::test]
async fn h3_the_authorize_url_never_asks_for_a_silent_login_and_no_get_starts_a_login() {
    let mut app = TestApp::start().await.with_sample_tree().await;
    let authorize = app.start_sign_in().await;
    assert!(authorize.starts_with(&app.sim.issuer), "{authorize}");
    assert_no_silent_login(&authorize);
    let register = app.post(LOGIN, &[("provider", "digital-id"), ("intent", "register")]).await;
    assert!(register.location().starts_with(&app.sim.issuer), "{register:?}");
    assert_no_silent_login(register.location());

    let started_logins = app.login_transaction_count().await;
    assert_eq!(started_logins, 2, "each button press stored its login");
    let protected =
        [HOME_PAGE, PROFILE_PAGE, TOKENS_PAGE, ACCOUNTS_PAGE, AUDIT_PAGE, AUDIT_CSV, UNITS_PAGE, ACTIVATION_PAGE];
    let open = [
        "/",
        OFFICERS_PAGE,
        SIGN_IN_PAGE,
        SIGNED_OUT_PAGE,
        "/backend/consent-declined",
        "/backend/sign-in-failed",
        CALLBACK,
        LOGIN,
    ];
    // Without a session, and with the cookie of a session that has ended.
    for planted in [None, Some("a-session-that-ended")] {
        for path in protected.iter().chain(&open) {
            app.cookies.clear();
            if let Some(cookie) = planted {
                app.cookies.insert("info_session".into(), cookie.into());
            }
            let reply = app.get(path).await;
            assert!(!reply.location().starts_with(&app.sim.issuer), "GET {path} went to Digital ID: {reply:?}");
            assert!(!app.cookies.contains_key("info_login"), "GET {path} began a login");
            if protected.contains(path) {
                assert_eq!((reply.status, reply.location()), (StatusCode::SEE_OTHER, SIGN_IN_PAGE), "GET {path}");
            }
        }
    }
    assert_eq!(app.login_transaction_count().await, started_logins, "no GET stored a login transaction");
    app.cookies.clear();
    assert_eq!(app.get(LOGIN).await.status, StatusCode::METHOD_NOT_ALLOWED);
    let sign_in = app.get(SIGN_IN_PAGE).await;
    assert!(sign_in.body.contains(&format!(r#"method="post" action="{LOGIN}""#)), "a login starts from a button");
    app.close().await;
}

// ---------------------------------------------------------------------------------------------------------------
// E6, E8

#[tokio::test]
async fn e6_the_logout_response_clears_the_cache_and_the_old_session_cookie_is_dead() {
    let mut app = TestApp::start().await.with_sample_tree().await;
    let person = app.person("ออกจากระบบ").await;
    app.import_officer(&person, IMPORTED, "DOPA", "central").await;
    app.sign_in_afresh(&person, HOME_PAGE).await;
    let old_cookie = app.session_cookie().expect("session");
    let csrf = app.get(HOME_PAGE).await.field("csrf_token").expect("the logout form");

    let logout = app.post(LOGOUT, &[("csrf_token", &csrf)]).await;
    assert_eq!(logout.status, StatusCode::SEE_OTHER, "{logout:?}");
    // Only the cache: "cookies" would clear every cookie of the registrable domain (auth.rs says why).
    assert_eq!(logout.headers.get("clear-site-data").map(|v| v.as_bytes()), Some(&b"\"cache\""[..]), "{logout:?}");
    let cleared = logout.headers.get_all(header::SET_COOKIE).iter().filter_map(|value| value.to_str().ok());
    assert!(cleared.into_iter().any(|cookie| cookie.starts_with("info_session=") && cookie.contains("Max-Age=0")));
    assert_eq!(app.session_cookie(), None);
    assert_eq!(app.session_count().await, 0);

    // The old cookie, replayed with the old form's token, opens and changes nothing.
    app.cookies.insert("info_session".into(), old_cookie.clone());
    assert_eq!(app.get(HOME_PAGE).await.location(), SIGN_IN_PAGE);
    let before = tables(&app).await;
    let replayed = [
        ("csrf_token", csrf.as_str()),
        ("role", "agency"),
        ("unit", "DOPA-BORA"),
        ("citizen_id", "1101700207030"),
        ("name", "นายย้อนรอย ทดสอบระบบ"),
        ("reference", ""),
        ("lifetime_days", "7"),
    ];
    app.cookies.insert("info_session".into(), old_cookie.clone());
    let issued = app.post(ISSUE_TOKEN, &replayed).await;
    assert_eq!(issued.location(), SIGN_IN_PAGE, "{issued:?}");
    app.cookies.insert("info_session".into(), old_cookie);
    let again = app.post(LOGOUT, &[("csrf_token", &csrf)]).await;
    assert_eq!(again.location(), SIGNED_OUT_PAGE, "nothing left to end: {again:?}");
    assert_eq!(tables(&app).await, before);
    app.close().await;
}

#[tokio::test]
async fn e8_the_post_logout_return_without_state_is_a_plain_signed_out_page() {
    let mut app = TestApp::start().await.with_sample_tree().await;
    for path in [SIGNED_OUT_PAGE.to_owned(), format!("{SIGNED_OUT_PAGE}?state=")] {
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {page:?}");
        assert!(page.body.contains("ท่านได้ออกจากระบบเรียบร้อยแล้ว"), "{path}: the signed-out notice");
    }
    // A signed-in officer sent there (no state, so nobody's logout) stays signed in: the page does nothing.
    let person = app.person("ยังอยู่").await;
    app.import_officer(&person, IMPORTED, "DOPA", "central").await;
    app.sign_in_afresh(&person, HOME_PAGE).await;
    assert_eq!(app.get(SIGNED_OUT_PAGE).await.status, StatusCode::OK);
    assert_eq!(app.session_count().await, 1);
    assert_eq!(app.get(HOME_PAGE).await.status, StatusCode::OK);
    app.close().await;
}

#[tokio::test]
async fn c6_an_error_response_from_another_issuer_or_without_iss_is_not_declined_consent_and_its_description_is_never_shown()
 {
    let mut app = TestApp::start().await.with_sample_tree().await;
    let hostile = "<script>alert(1)</script>";
    let issuer = app.sim.issuer.clone();
    for iss in [Some("https://attacker.example"), None, Some(issuer.as_str())] {
        app.cookies.clear();
        let authorize_url = url::Url::parse(&app.start_sign_in().await).expect("a URL");
        let state = authorize_url.query_pairs().find(|(key, _)| key == "state").expect("state").1.into_owned();
        let mut callback = url::Url::parse(&format!("{BASE_URL}{CALLBACK}")).expect("a URL");
        callback
            .query_pairs_mut()
            .append_pair("error", "access_denied")
            .append_pair("error_description", hostile)
            .append_pair("state", &state);
        if let Some(iss) = iss {
            callback.query_pairs_mut().append_pair("iss", iss);
        }
        let reply = app.callback(&callback).await;
        let genuine = iss == Some(issuer.as_str());
        // Only Digital ID's own refusal is declined consent; a forged or unattributed one is a failed sign-in.
        let expected = if genuine { app::paths::CONSENT_DECLINED_PAGE } else { app::paths::SIGN_IN_FAILED_PAGE };
        assert!(reply.location().starts_with(expected), "iss {iss:?}: {reply:?}");
        let page = app.get(reply.location()).await;
        assert!(!page.body.contains(hostile) && !page.body.contains("alert(1)"), "iss {iss:?}: reflected");
        assert_eq!(app.session_count().await, 0);
    }
    app.close().await;
}

#[tokio::test]
async fn g2_an_account_without_an_officer_record_reaches_only_the_activation_page_and_changes_nothing() {
    let mut scene = Scene::set().await;
    scene.use_browser(Browser::Pending);
    // The officers' page (`OFFICERS_PAGE`) is public: it shows a pending account the way on to activation.
    let pages = [HOME_PAGE, PROFILE_PAGE, TOKENS_PAGE, ACCOUNTS_PAGE, AUDIT_PAGE, AUDIT_CSV, UNITS_PAGE];
    for path in pages {
        let reply = scene.app.get(path).await;
        assert!(reply.status.is_redirection() && reply.location() == ACTIVATION_PAGE, "{path}: {reply:?}");
    }
    let before = tables(&scene.app).await;
    let staff_forms = scene.forms().into_iter().filter(|form| matches!(form.browser, Browser::Staff));
    // Not the officer's own session's: signing out, the language, and staying signed in are a pending account's too.
    for form in staff_forms.filter(|form| ![LOGOUT, SWITCH_LANGUAGE, STAY_SIGNED_IN].contains(&form.path)) {
        // The pending account's own, valid synchroniser token: only the missing officer record stands in the way.
        let fields: Vec<(&str, String)> = form
            .fields
            .iter()
            .map(|(name, value)| {
                (*name, if *name == "csrf_token" { scene.pending_csrf.clone() } else { value.clone() })
            })
            .collect();
        let fields: Vec<(&str, &str)> = fields.iter().map(|(name, value)| (*name, value.as_str())).collect();
        let reply = scene.app.post(form.path, &fields).await;
        assert!(reply.status.is_redirection() && reply.location() == ACTIVATION_PAGE, "{}: {reply:?}", form.path);
    }
    assert_eq!(tables(&scene.app).await, before);
    scene.app.close().await;
}

#[tokio::test]
async fn c8_a_callback_after_the_login_expired_ends_on_the_generic_page_and_redeems_nothing() {
    use sea_orm::sea_query::Expr;
    let mut app = TestApp::start().await.with_sample_tree().await;
    let person = app.person("ช้า").await;
    let redirect = app.sign_in_at_digital_id(&person).await;
    // Eleven minutes pass at the sign-in page: the login's row has expired.
    login_transaction::Entity::update_many()
        .col_expr(login_transaction::Column::ExpiresAt, Expr::value(Utc::now() - chrono::Duration::minutes(1)))
        .exec(&app.state.db)
        .await
        .expect("expired");
    let tokens_asked = app.sim.simulator.state().counts.token();
    let reply = app.callback(&redirect).await;
    assert!(reply.location().starts_with(app::paths::SIGN_IN_FAILED_PAGE), "{reply:?}");
    assert!(app.session_cookie().is_none());
    assert_eq!(app.sim.simulator.state().counts.token(), tokens_asked, "the code was not redeemed");
    app.close().await;
}

/// The `Set-Cookie` of `reply` for the cookie `name`: its value and its attributes.
fn set_cookie(reply: &Reply, name: &str) -> (String, Vec<String>) {
    let header = reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|text| text.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} cookie: {reply:?}"));
    let mut parts = header.split(';').map(str::trim);
    let value = parts.next().expect("name=value")[name.len() + 1..].to_owned();
    (value, parts.map(str::to_owned).collect())
}

fn assert_host_cookie(name: &str, value: &str, attributes: &[String]) {
    for required in ["Secure", "HttpOnly", "Path=/", "SameSite=Lax"] {
        assert!(attributes.iter().any(|attribute| attribute == required), "{name}: {required} in {attributes:?}");
    }
    assert!(!attributes.iter().any(|attribute| attribute.to_ascii_lowercase().starts_with("domain")), "{name}");
    // 256 random bits, base64url: an opaque handle, never a token (no JWT dots, nothing long).
    assert!((43..=64).contains(&value.len()) && !value.contains('.'), "{name}: {value}");
}

#[tokio::test]
async fn e1_f4_over_https_a_real_logins_cookies_are_host_prefixed_secure_httponly_lax_opaque_and_hsts_is_sent() {
    let mut app = TestApp::start_at(HTTPS_ORIGIN).await;
    let person = app.person("ปลอดภัย").await;
    let login = app.post(LOGIN, &[("provider", "digital-id")]).await;
    let (login_value, login_attributes) = set_cookie(&login, "__Host-info_login");
    assert_host_cookie("login", &login_value, &login_attributes);
    let max_age: i64 = login_attributes
        .iter()
        .find_map(|attribute| attribute.strip_prefix("Max-Age="))
        .expect("the pre-login cookie expires")
        .parse()
        .expect("seconds");
    assert!((1..=600).contains(&max_age), "{max_age}");

    let redirect = TestBrowser::new(&app.sim.issuer).authorize(login.location(), &person.username, PASSWORD).await;
    let callback = app.callback(&redirect).await;
    assert_eq!(callback.location(), ACTIVATION_PAGE, "{callback:?}");
    let (session_value, session_attributes) = set_cookie(&callback, "__Host-info_session");
    assert_host_cookie("session", &session_value, &session_attributes);
    let session = officer_session::Entity::find().one(&app.state.db).await.expect("query").expect("a session");
    assert!(!session.id_token.contains(&session_value) && session.id.as_str() != session_value, "stored hashed");

    let page = app.get(ACTIVATION_PAGE).await;
    assert_eq!(page.status, StatusCode::OK);
    let hsts = page.headers[header::STRICT_TRANSPORT_SECURITY].to_str().expect("ascii");
    let max_age: u64 = hsts
        .split(';')
        .find_map(|part| part.trim().strip_prefix("max-age="))
        .expect("max-age")
        .parse()
        .expect("seconds");
    assert!(max_age >= 31_536_000, "{hsts}");
}
