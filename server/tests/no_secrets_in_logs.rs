//! No secrets in logs (`../shared/research/security.md` §I, ASVS 16.2.5): the log of a whole journey — an imported
//! officer's sign-in, a replayed callback, refused ID tokens, a wrong and a right activation Token, logout, and a
//! back-channel logout — captured at the server's default level (and at debug for our own crates), holds no
//! authorization code, state, nonce, PKCE challenge, ID token, client secret, activation Token, cookie value, session
//! id, CSRF token or citizen ID (nor any other run of exactly 13 digits).

#[allow(dead_code, reason = "shared test support; this binary uses part of it")]
mod support {
    pub mod captured_log;
    pub mod test_app;
}

use axum::http::StatusCode;
use chrono::Utc;
use digital_id::faults::{Faults, IdTokenFault};
use digital_id::testing::{PASSWORD, TestBrowser};
use domain::activation::{ActivationToken, IssueToken, Issuer};
use domain::citizen_id::{CitizenId, CitizenIdKey};
use domain::entities::officer::Role;
use domain::entities::officer_session;
use domain::entities::organisation_unit::UnitKind;
use sea_orm::EntityTrait;
use support::captured_log::CapturedLog;
use support::test_app::{CITIZEN_ID_KEY, TestApp};

/// The secrets a journey handled, gathered as it goes.
#[derive(Default)]
struct Secrets(Vec<(&'static str, String)>);

impl Secrets {
    fn add(&mut self, what: &'static str, value: impl Into<String>) {
        let value = value.into();
        assert!(value.len() >= 8, "{what} is long enough to search for");
        self.0.push((what, value));
    }

    /// The query parameters of a URL that are secrets.
    fn add_from_url(&mut self, url: &url::Url, names: &[&'static str]) {
        for (name, value) in url.query_pairs() {
            if let Some(what) = names.iter().find(|wanted| **wanted == name) {
                self.add(what, value.into_owned());
            }
        }
    }

    fn add_cookies(&mut self, app: &TestApp) {
        for value in app.cookies.values() {
            self.add("a cookie value", value.clone());
        }
    }
}

/// The Tokens page's issue form for an agency officer of `LG-DIV`.
fn issue_form<'a>(csrf: &'a str, citizen_id: &'a str, name: &'a str) -> [(&'static str, &'a str); 7] {
    [
        ("csrf_token", csrf),
        ("role", "agency"),
        ("unit", "LG-DIV"),
        ("citizen_id", citizen_id),
        ("name", name),
        ("reference", ""),
        ("lifetime_days", "7"),
    ]
}

#[tokio::test]
async fn i_a_whole_journey_with_its_failures_logs_no_secret_and_no_citizen_id() {
    let (log, _guard) = CapturedLog::start(",server=debug,domain=debug,digital_id=debug");
    let mut secrets = Secrets::default();

    let units = [
        ("LG-MIN", UnitKind::Ministry, None),
        ("LG", UnitKind::Department, Some("LG-MIN")),
        ("LG-DIV", UnitKind::Division, Some("LG")),
    ];
    let mut app = TestApp::start().await.with_units(&units).await;
    secrets.add("the client secret", "journey client secret");
    secrets.add("the DGA-hashed client secret", server::relying_party::dga_hash("journey client secret"));
    let key = CitizenIdKey::new(CITIZEN_ID_KEY.as_bytes().to_vec());

    // An imported officer signs in; the callback is then replayed.
    let imported = app.person("ผู้นำเข้า").await;
    secrets.add("a citizen ID", imported.citizen_id.clone());
    app.import_officer_by_citizen_id(&imported.citizen_id, "นางสาวทดสอบ เดิม", "LG", "central").await;
    let digital_id_browser = TestBrowser::new(&app.sim.issuer);
    let authorize_url = url::Url::parse(&app.start_sign_in().await).expect("URL");
    secrets.add_from_url(&authorize_url, &["state", "nonce", "code_challenge"]);
    let redirect = digital_id_browser.authorize(authorize_url.as_str(), &imported.username, PASSWORD).await;
    secrets.add_from_url(&redirect, &["code"]);
    assert_eq!(app.callback(&redirect).await.location(), "/backend/home");
    assert!(app.callback(&redirect).await.location().starts_with("/backend/sign-in-failed"), "a replay is refused");
    assert_eq!(app.get("/backend/profile").await.status, StatusCode::OK);
    secrets.add_cookies(&app);
    for session in officer_session::Entity::find().all(&app.state.db).await.expect("sessions") {
        secrets.add("an ID token", session.id_token);
        secrets.add("a CSRF token", session.csrf_token);
        secrets.add("a session row id", session.id);
    }

    // Digital ID misbehaves: the sign-in fails, and the log says why without the tokens.
    app.cookies.clear();
    app.sim.simulator.state().faults.set(Faults { id_token: Some(IdTokenFault::BadSignature), ..Faults::default() });
    let authorize_url = url::Url::parse(&app.start_sign_in().await).expect("URL");
    secrets.add_from_url(&authorize_url, &["state", "nonce"]);
    let redirect =
        TestBrowser::new(&app.sim.issuer).authorize(authorize_url.as_str(), &imported.username, PASSWORD).await;
    secrets.add_from_url(&redirect, &["code"]);
    assert!(app.callback(&redirect).await.location().starts_with("/backend/sign-in-failed"));
    app.sim.simulator.state().faults.set(Faults::default());

    // A new officer: a wrong Token, then the right one, then signing in again and out.
    app.cookies.clear();
    let newcomer = app.person("ผู้มาใหม่").await;
    secrets.add("a citizen ID", newcomer.citizen_id.clone());
    let request = IssueToken {
        unit_code: "LG".into(),
        role: Role::Central,
        citizen_id: Some(CitizenId::parse(&newcomer.citizen_id).expect("valid")),
        intended_name: None,
        reference: None,
        lifetime: domain::activation::DEFAULT_LIFETIME,
    };
    let issued = domain::activation::issue(&app.state.db, Issuer::CommandLine, request, &key, Utc::now()).await;
    let token = issued.expect("issued").token;
    secrets.add("the activation Token", token.grouped());
    secrets.add("the activation Token (ungrouped)", token.grouped().replace('-', ""));
    assert_eq!(app.sign_in(&newcomer).await.location(), "/backend/activate");
    secrets.add_cookies(&app);
    let csrf = app.get("/backend/activate").await.field("csrf_token").expect("csrf");
    let wrong = ActivationToken::generate().grouped();
    secrets.add("a wrong Token", wrong.clone());
    let refused = app.activate(&[("csrf_token", &csrf), ("token", &wrong)]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let activated = app.activate(&[("csrf_token", &csrf), ("token", &token.grouped())]).await;
    assert_eq!(activated.location(), "/backend/activated");
    app.cookies.clear();
    assert_eq!(app.sign_in(&newcomer).await.location(), "/backend/home");
    secrets.add_cookies(&app);

    // The central officer issues a Token on the Tokens page: refused once (the form kept in the flash), then issued
    // and shown once on the page the form is sent back to.
    let person = digital_id::testing::random_citizen_id();
    secrets.add("a citizen ID", person.clone());
    let tokens_csrf = app.get("/backend/tokens").await.field("csrf_token").expect("the issue form");
    let refused = app.post("/api/tokens/issue", &issue_form(&tokens_csrf, &person, "")).await;
    assert!(refused.refusal().is_some(), "{refused:?}");
    assert_eq!(app.get(refused.location()).await.field("citizen_id").as_deref(), Some(person.as_str()));
    let issued = app.post("/api/tokens/issue", &issue_form(&tokens_csrf, &person, "นายออกบัตร ทดสอบ")).await;
    assert_eq!((issued.refusal(), issued.location()), (None, "/backend/tokens"), "{issued:?}");
    let shown = app.get("/backend/tokens").await;
    let issued_token = shown.grouped_token().expect("the Token, shown once");
    secrets.add("the Token issued on the page", issued_token.clone());
    secrets.add("the Token issued on the page (ungrouped)", issued_token.replace('-', ""));

    let csrf = officer_session::Entity::find().all(&app.state.db).await.expect("sessions");
    for session in &csrf {
        secrets.add("an ID token", session.id_token.clone());
        secrets.add("a CSRF token", session.csrf_token.clone());
    }
    let newcomer_csrf = csrf.iter().find(|row| row.subject == newcomer.subject).expect("session").csrf_token.clone();
    let logout = app.post("/auth/logout", &[("csrf_token", &newcomer_csrf)]).await;
    assert_eq!(logout.status, StatusCode::SEE_OTHER);
    if let Ok(end_session) = url::Url::parse(logout.location()) {
        secrets.add_from_url(&end_session, &["id_token_hint", "state"]);
    }

    // The imported officer signs out at Digital ID itself: a back-channel Logout Token reaches us.
    let signed_out = digital_id_browser.sign_out().await;
    assert_eq!(signed_out.status, StatusCode::OK);

    let text = log.text();
    for needle in ["login_ok", "login_failed", "backchannel_logout", "sign-in refused"] {
        assert!(text.contains(needle), "the journey was logged ({needle} missing):\n{text}");
    }
    for (what, secret) in &secrets.0 {
        assert!(!text.contains(secret.as_str()), "{what} is in the log:\n{text}");
    }
    // Any run of exactly 13 digits could be a citizen ID (a key id's 14-digit timestamp cannot).
    let mut digit_runs = text.split(|c: char| !c.is_ascii_digit());
    assert!(!digit_runs.any(|run| run.len() == 13), "no 13-digit number is logged:\n{text}");
}
