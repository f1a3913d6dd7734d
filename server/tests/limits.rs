//! The activation limits through the real router: a burst of concurrent wrong Tokens is evaluated exactly as often
//! as the limit allows; the client address comes from `X-Forwarded-For` only through a configured trusted proxy;
//! and the rightful officer behind a shared address is never refused because others failed from it.

#[allow(dead_code, reason = "shared test support; this binary uses part of it")]
mod support {
    pub mod test_app;
}

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use domain::activation::{ActivationToken, AttemptLimits};
use domain::entities::audit_event::AuditEvent;
use domain::entities::officer::Role;
use domain::testing::TestDatabase;
use server::client_address::TrustedProxies;
use server::state::AppState;
use support::test_app::{ACTIVATE, Person, TestApp};
use tower::ServiceExt;

/// The reverse proxy in front of the back office in these tests.
const PROXY: &str = "10.0.0.5";

/// An officer signed in at the back office and waiting to activate: their session cookies and form token.
#[derive(Clone)]
struct Visitor {
    cookie: String,
    csrf: String,
}

/// Signs `person` in (in a fresh browser) and opens the activation page.
async fn visitor(app: &mut TestApp, person: &Person) -> Visitor {
    app.cookies.clear();
    app.sign_in(person).await;
    assert!(app.session_cookie().is_some(), "signed in, waiting to activate");
    let csrf = app.get("/backend/activate").await.field("csrf_token").expect("the activation form");
    let cookie = app.cookies.iter().map(|(name, value)| format!("{name}={value}")).collect::<Vec<_>>().join("; ");
    Visitor { cookie, csrf }
}

/// The back office as reached over the network: the app's router, database and Digital ID, with these trusted
/// proxies and limits, and every request arriving over a socket.
#[derive(Clone)]
struct Network {
    router: Router,
    base_url: &'static str,
}

impl Network {
    fn new(app: &TestApp, trusted_proxies: &str, limits: AttemptLimits) -> Self {
        let mut settings = (*app.state.settings).clone();
        settings.site.trusted_proxies = TrustedProxies::parse(trusted_proxies).expect("a valid list");
        let state = AppState { settings: Arc::new(settings), attempt_limits: limits, ..app.state.clone() };
        Self { router: server::router::router(state), base_url: app.base_url }
    }

    /// Posts `token` to the activation form as `visitor`, over a connection from `peer` sending `forwarded_for`.
    async fn activate(&self, visitor: &Visitor, token: &str, peer: &str, forwarded_for: Option<&str>) -> StatusCode {
        let body =
            serde_urlencoded::to_string([("csrf_token", visitor.csrf.as_str()), ("token", token)]).expect("form");
        // As a script calls the server function: refusals come back as their status (422, 429).
        let mut request = Request::post(ACTIVATE)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, self.base_url)
            .header(header::COOKIE, &visitor.cookie);
        if let Some(forwarded_for) = forwarded_for {
            request = request.header("x-forwarded-for", forwarded_for);
        }
        let mut request = request.body(Body::from(body)).expect("request");
        let peer: SocketAddr = format!("{peer}:40000").parse().expect("a socket address");
        request.extensions_mut().insert(ConnectInfo(peer));
        let response = self.router.clone().oneshot(request).await.expect("a response");
        match response.headers().get(header::LOCATION) {
            // Activated: sent on to the "activated" page (Leptos's redirect header, which its client follows).
            Some(location) => {
                assert_eq!(location, "/backend/activated");
                assert!(response.status().is_success() || response.status().is_redirection(), "{response:?}");
                StatusCode::SEE_OTHER
            }
            None => response.status(),
        }
    }
}

fn wrong_token() -> String {
    ActivationToken::generate().grouped()
}

/// The (reason, client address) of every refused Token in the audit log, oldest first.
async fn refusals(app: &TestApp) -> Vec<(String, String)> {
    let refused = app.audit_events(AuditEvent::TokenRefused).await;
    refused.into_iter().map(|row| (row.reason.unwrap_or_default(), row.client_ip.unwrap_or_default())).collect()
}

/// A unit tree and an Agency Token for its division, bound to `person`'s citizen ID.
async fn token_bound_to(app: &TestApp, person: &Person) -> ActivationToken {
    app.unit_tree("LIM").await;
    app.issue_token("LIM-DIV", Role::Agency, Some(&person.citizen_id)).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn j5_forty_concurrent_wrong_tokens_posted_through_the_router_are_evaluated_exactly_five_times() {
    let mut databases = vec![TestDatabase::sqlite().await];
    databases.extend(TestDatabase::postgres().await);
    for database in databases {
        let backend = database.backend();
        let mut app = TestApp::start_on(database).await;
        let guesser = app.person("รัวกด").await;
        let guesser = visitor(&mut app, &guesser).await;
        let network = Network::new(&app, "", AttemptLimits::default());
        let gate = Arc::new(tokio::sync::Barrier::new(40));
        let mut posts = tokio::task::JoinSet::new();
        for _ in 0..40 {
            let (network, guesser, gate) = (network.clone(), guesser.clone(), gate.clone());
            posts.spawn(async move {
                gate.wait().await;
                network.activate(&guesser, &wrong_token(), "203.0.113.7", None).await
            });
        }
        let mut statuses = Vec::new();
        while let Some(status) = posts.join_next().await {
            statuses.push(status.expect("the post ran"));
        }
        let refused = statuses.iter().filter(|status| **status == StatusCode::UNPROCESSABLE_ENTITY).count();
        let limited = statuses.iter().filter(|status| **status == StatusCode::TOO_MANY_REQUESTS).count();
        assert_eq!((refused, limited), (5, 35), "{backend}: {statuses:?}");
        let reasons = refusals(&app).await;
        assert_eq!(reasons.iter().filter(|(reason, _)| reason == "unknown").count(), 5, "{backend}: evaluated");
        let rate_limited = reasons.iter().filter(|(reason, _)| reason == server::auth::RATE_LIMITED_REASON).count();
        assert_eq!(rate_limited, 35, "{backend}: every limited try is audited");
        app.close().await;
    }
}

#[tokio::test]
async fn j7_behind_a_trusted_proxy_each_officer_is_limited_and_audited_at_their_own_address() {
    let mut app = TestApp::start().await;
    let (guesser, colleague) = (app.person("เดาสุ่ม").await, app.person("เพื่อนร่วมงาน").await);
    let (guesser, colleague) = (visitor(&mut app, &guesser).await, visitor(&mut app, &colleague).await);
    let network = Network::new(&app, PROXY, AttemptLimits { per_ip: 3, ..AttemptLimits::default() });

    for _ in 0..3 {
        let status = network.activate(&guesser, &wrong_token(), PROXY, Some("203.0.113.7")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let limited = network.activate(&guesser, &wrong_token(), PROXY, Some("203.0.113.7")).await;
    assert_eq!(limited, StatusCode::TOO_MANY_REQUESTS, "203.0.113.7 has used up its tries");
    let elsewhere = network.activate(&colleague, &wrong_token(), PROXY, Some("198.51.100.20")).await;
    assert_eq!(elsewhere, StatusCode::UNPROCESSABLE_ENTITY, "the proxy's other clients are not limited");
    let same_place = network.activate(&colleague, &wrong_token(), PROXY, Some("203.0.113.7")).await;
    assert_eq!(same_place, StatusCode::TOO_MANY_REQUESTS, "but 203.0.113.7 is, whoever sits there");
    // A client's own entries left of what the proxy appended are not believed.
    let spoofed = network.activate(&colleague, &wrong_token(), PROXY, Some("192.0.2.99, 203.0.113.7")).await;
    assert_eq!(spoofed, StatusCode::TOO_MANY_REQUESTS);

    let addresses: Vec<String> = refusals(&app).await.into_iter().map(|(_, address)| address).collect();
    let expected = ["203.0.113.7", "203.0.113.7", "203.0.113.7", "203.0.113.7", "198.51.100.20", "203.0.113.7"];
    assert_eq!(addresses[..6], expected, "audited at the client's address, never the proxy's");
    assert!(addresses.iter().all(|address| address != PROXY && address != "192.0.2.99"), "{addresses:?}");
    app.close().await;
}

#[tokio::test]
async fn j7_a_peer_that_is_not_a_trusted_proxy_cannot_choose_its_address_with_x_forwarded_for() {
    let mut app = TestApp::start().await;
    let (first, second) = (app.person("ปลอมที่อยู่").await, app.person("ปลอมอีกคน").await);
    let (first, second) = (visitor(&mut app, &first).await, visitor(&mut app, &second).await);
    let limits = AttemptLimits { per_ip: 3, ..AttemptLimits::default() };
    for trusted in ["", PROXY] {
        let network = Network::new(&app, trusted, limits);
        let peer = if trusted.is_empty() { "203.0.113.7" } else { "203.0.113.8" };
        for n in 0..3 {
            let visitor = if n % 2 == 0 { &first } else { &second };
            let forged = format!("198.51.100.{n}");
            let status = network.activate(visitor, &wrong_token(), peer, Some(&forged)).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "trusted {trusted:?}");
        }
        let status = network.activate(&second, &wrong_token(), peer, Some("198.51.100.200")).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "trusted {trusted:?}: one address, whatever the header says");
    }
    let addresses: Vec<String> = refusals(&app).await.into_iter().map(|(_, address)| address).collect();
    assert!(addresses.iter().all(|address| address.starts_with("203.0.113.")), "{addresses:?}");
    app.close().await;
}

#[tokio::test]
async fn j6_the_rightful_officer_activates_from_an_address_others_have_used_up() {
    let mut app = TestApp::start().await;
    let owner = app.person("เจ้าของโทเคน").await;
    let token = token_bound_to(&app, &owner).await;
    let guessers = [app.person("คนที่หนึ่ง").await, app.person("คนที่สอง").await];
    let mut visitors = Vec::new();
    for guesser in &guessers {
        visitors.push(visitor(&mut app, guesser).await);
    }
    let owner_visit = visitor(&mut app, &owner).await;
    // Everyone at the ministry reaches the back office from one NAT address.
    let (nat, limits) = ("192.0.2.1", AttemptLimits { per_ip: 4, ..AttemptLimits::default() });
    let network = Network::new(&app, "", limits);
    for n in 0..4 {
        let status = network.activate(&visitors[n % 2], &wrong_token(), nat, None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let status = network.activate(&visitors[0], &token.grouped(), nat, None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "someone else's Token does not pass");
    let status = network.activate(&owner_visit, &wrong_token(), nat, None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "nor does the owner's guess");
    let status = network.activate(&owner_visit, &token.grouped(), nat, None).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the owner's own Token does");
    app.close().await;
}
