//! `TestApp`: the real router and a migrated database beside a running Digital ID simulator, and a browser for each
//! side — the back office's cookies are kept here, the simulator's by its scripted browser. Browser requests go to
//! the router directly; the router is also served on a loopback port registered as the back-channel logout URI, so
//! the simulator's server can reach it as Digital ID's would. What a test finds already in place is made in
//! [`scene`]; what it reads back from the database, in [`records`].

mod records;
mod scene;

use std::collections::HashMap;

use app::paths::ACTIVATION_PAGE;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use digital_id::pages::RegisterForm;
use digital_id::testing::{PASSWORD, TestBrowser, TestSimulator};
use domain::testing::TestDatabase;
use http_body_util::BodyExt;
use server::config::Settings;
use server::router::router;
use server::state::AppState;
use tower::ServiceExt;

/// Where the identity-confirmation form posts: the `activate` server function.
pub const ACTIVATE: &str = "/api/activation/activate";

/// Where the back office pretends to live (nothing listens: requests go to the router directly).
pub const BASE_URL: &str = "http://127.0.0.1:9";
/// The back office's client id at the simulator.
pub const CLIENT_ID: &str = "journey-backoffice";
const CLIENT_SECRET: &str = "journey client secret";
/// How long one request may take before its test fails (a debug build on two busy cores answers in well under a
/// second; a page whose data never arrives would otherwise hang the whole run).
const ANSWER_WITHIN: std::time::Duration = std::time::Duration::from_secs(60);
/// The citizen-ID hash key of these tests.
pub const CITIZEN_ID_KEY: &str = "a test key of at least thirty-two characters";

/// One browser's cookies, kept while another person uses the app.
pub type Jar = HashMap<String, String>;

/// A response as the officer's browser sees it.
#[derive(Debug)]
pub struct Reply {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: String,
}

impl Reply {
    /// The `Location` header.
    pub fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|value| value.to_str().ok()).unwrap_or("")
    }

    /// The refusal a server function sent back to a form posted without JavaScript: the error in the `__err` of the
    /// page it redirected to (`None` when it did not refuse).
    pub fn refusal(&self) -> Option<app::app_error::AppError> {
        use base64::Engine as _;
        use leptos::server_fn::error::FromServerFnError as _;
        let query = self.location().split_once('?')?.1;
        let (_, encoded) = url::form_urlencoded::parse(query.as_bytes()).find(|(key, _)| key == "__err")?;
        let bytes = base64::engine::general_purpose::URL_SAFE.decode(encoded.as_bytes()).expect("an error in base64");
        Some(app::app_error::AppError::de(bytes.into()))
    }

    /// The status the answer stands for: its own, or that of the refusal it carries to the form's page.
    pub fn outcome(&self) -> StatusCode {
        self.refusal().map_or(self.status, |error| StatusCode::from_u16(error.status()).expect("a status"))
    }

    /// The value of the hidden or visible input `name`.
    pub fn field(&self, name: &str) -> Option<String> {
        digital_id::testing::Page { status: self.status, location: None, body: self.body.clone() }.field(name)
    }

    /// The grouped activation Token shown in the body (`XXXX-XXXX-…`, seven groups of Crockford base32), if any.
    pub fn grouped_token(&self) -> Option<String> {
        let body = self.body.as_bytes();
        let is_symbol = |b: &u8| b.is_ascii_digit() || b.is_ascii_uppercase();
        (0..body.len().saturating_sub(34)).find_map(|start| {
            let window = &body[start..start + 34];
            let shaped = window.iter().enumerate().all(|(i, b)| if i % 5 == 4 { *b == b'-' } else { is_symbol(b) });
            let bounded = start == 0 || !is_symbol(&body[start - 1]) && body[start - 1] != b'-';
            (shaped && bounded).then(|| String::from_utf8_lossy(window).into_owned())
        })
    }
}

/// A person at Digital ID.
pub struct Person {
    /// Their username.
    pub username: String,
    /// Their subject.
    pub subject: String,
    /// Their citizen ID.
    pub citizen_id: String,
}

/// The app under test.
pub struct TestApp {
    /// The simulator.
    pub sim: TestSimulator,
    /// The back office's database (kept open for the test's length).
    pub database: TestDatabase,
    /// The state the router was built with.
    pub state: AppState,
    router: Router,
    /// The back office's cookies in this browser.
    pub cookies: Jar,
    /// Where the back office pretends to live ([`BASE_URL`] unless started with [`TestApp::start_at`]).
    pub base_url: &'static str,
    _served: Served,
}

/// The task serving the router on its loopback port; stopped with the app.
struct Served(tokio::task::JoinHandle<()>);

impl Drop for Served {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl TestApp {
    /// A back office on SQLite in memory, with a simulator that knows it as a client.
    pub async fn start() -> Self {
        Self::start_on(TestDatabase::sqlite().await).await
    }

    /// The same on the given database.
    pub async fn start_on(database: TestDatabase) -> Self {
        Self::start_on_at(database, BASE_URL, &[]).await
    }

    /// A back office on SQLite in memory with more of its configuration set (environment variables: name, value).
    pub async fn start_configured(settings: &[(&'static str, &str)]) -> Self {
        Self::start_on_at(TestDatabase::sqlite().await, BASE_URL, settings).await
    }

    /// A back office on SQLite in memory that believes it is served at `base_url` (say, an https origin, so its
    /// cookies are `__Host-` and `Secure` and it sends HSTS), requests still going to the router directly.
    pub async fn start_at(base_url: &'static str) -> Self {
        Self::start_on_at(TestDatabase::sqlite().await, base_url, &[]).await
    }

    async fn start_on_at(database: TestDatabase, base_url: &'static str, more: &[(&'static str, &str)]) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind an ephemeral port");
        let served_at = listener.local_addr().expect("local address");
        let client = digital_id::Client {
            client_id: CLIENT_ID.into(),
            name: "ศูนย์รวมข้อมูลบริการภาครัฐ (ทดสอบ)".into(),
            secret: digital_id::settings::ClientSecret::new(CLIENT_SECRET),
            secret_hashing: digital_id::SecretHashing::Dga,
            redirect_uris: vec![format!("{base_url}/auth/callback")],
            post_logout_redirect_uris: vec![format!("{base_url}/backend/signed-out")],
            backchannel_logout_uri: Some(format!("http://{served_at}/auth/backchannel-logout")),
        };
        let sim = TestSimulator::start(vec![client]).await;
        let mut env = vec![
            ("DIGITAL_ID_ISSUER", sim.issuer.clone()),
            ("DIGITAL_ID_CLIENT_ID", CLIENT_ID.to_owned()),
            ("DIGITAL_ID_CLIENT_SECRET", CLIENT_SECRET.to_owned()),
            ("APP_BASE_URL", base_url.to_owned()),
            ("CITIZEN_ID_KEY", CITIZEN_ID_KEY.to_owned()),
        ];
        env.extend(more.iter().map(|(name, value)| (*name, (*value).to_owned())));
        let settings = Settings::from_sources(include_str!("../../../Leptos.toml"), |name| {
            env.iter().find(|(key, _)| *key == name).map(|(_, value)| value.clone())
        })
        .expect("valid settings");
        let state = AppState::new(settings, database.db.clone());
        let router = router(state.clone());
        let service = router.clone().into_make_service_with_connect_info::<std::net::SocketAddr>();
        let served = Served(tokio::spawn(async move {
            let _ = axum::serve(listener, service).await;
        }));
        Self { router, state, sim, database, cookies: Jar::new(), base_url, _served: served }
    }

    /// Registers a person at Digital ID with a fresh username and citizen ID, proofed through the ThaID app (IAL 2.3,
    /// citizen ID verified), as officers' accounts should be.
    pub async fn person(&self, given_name: &str) -> Person {
        self.person_at(given_name, "2.3", true).await
    }

    /// Registers a person at Digital ID whose account is at identity assurance level `ial`, its citizen ID verified
    /// or not (self-registration gives 1.1, not verified).
    pub async fn person_at(&self, given_name: &str, ial: &str, citizen_id_verified: bool) -> Person {
        let person = self.unproofed_person(given_name).await;
        self.set_assurance(&person, ial, citizen_id_verified).await;
        person
    }

    /// Sets a person's identity assurance at Digital ID, as its ThaID or laser-code proofing would.
    pub async fn set_assurance(&self, person: &Person, ial: &str, citizen_id_verified: bool) {
        self.sim.set_claims(&person.subject, ial, citizen_id_verified).await;
    }

    /// Registers a person at Digital ID as anyone can: a citizen ID merely typed (IAL 1.1, not verified).
    pub async fn unproofed_person(&self, given_name: &str) -> Person {
        self.unproofed_person_with(given_name, &digital_id::testing::random_citizen_id()).await
    }

    /// The same with the citizen ID given.
    pub async fn unproofed_person_with(&self, given_name: &str, citizen_id: &str) -> Person {
        let suffix = uuid::Uuid::new_v4().simple().to_string();
        let form = RegisterForm {
            title: "นางสาว".into(),
            given_name: given_name.into(),
            family_name: "ทดสอบระบบ".into(),
            citizen_id: citizen_id.to_owned(),
            phone_number: "0898765432".into(),
            username: format!("p{}", &suffix[..12]),
            password: PASSWORD.into(),
            password_confirmation: PASSWORD.into(),
            ..RegisterForm::default()
        };
        let new = digital_id::validation::validate_registration(&form).expect("a valid registration");
        let account = digital_id::accounts::register(&self.sim.simulator.state().db, new).await.expect("registered");
        Person { username: account.username, subject: account.id, citizen_id: form.citizen_id }
    }

    /// Sends a request as this browser: with its cookies, and for a POST the `Origin` a browser sends.
    pub async fn send(&mut self, mut request: Request<Body>) -> Reply {
        let cookie: Vec<String> = self.cookies.iter().map(|(name, value)| format!("{name}={value}")).collect();
        if !cookie.is_empty() {
            request.headers_mut().insert(header::COOKIE, cookie.join("; ").parse().expect("cookie header"));
        }
        // A request that never answers fails its test, naming the request, instead of hanging the whole run.
        let what = format!("{} {}", request.method(), request.uri());
        let response = tokio::time::timeout(ANSWER_WITHIN, self.router.clone().oneshot(request))
            .await
            .unwrap_or_else(|_| panic!("{what}: no answer within {ANSWER_WITHIN:?}"))
            .expect("a response");
        let (parts, body) = response.into_parts();
        for set_cookie in parts.headers.get_all(header::SET_COOKIE) {
            let text = set_cookie.to_str().expect("ascii");
            let (pair, attributes) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').expect("name=value");
            if attributes.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        let bytes = tokio::time::timeout(ANSWER_WITHIN, body.collect())
            .await
            .unwrap_or_else(|_| panic!("{what}: the body did not end within {ANSWER_WITHIN:?}"))
            .expect("body")
            .to_bytes();
        Reply { status: parts.status, headers: parts.headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    /// `GET path`.
    pub async fn get(&mut self, path: &str) -> Reply {
        self.send(Request::get(path).body(Body::empty()).expect("request")).await
    }

    /// Posts a form to `path` from our own origin, as a browser posts a form: server functions answer it with a
    /// redirect, not with data.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        self.post_accepting(path, fields, "text/html,application/xhtml+xml").await
    }

    /// Calls a server function as an island does (`app::components::server_call`: a form-encoded POST that accepts
    /// JSON), from our own origin: the reply is the function's result, not a redirect.
    pub async fn post_as_script(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        self.post_accepting(path, fields, "application/json").await
    }

    async fn post_accepting(&mut self, path: &str, fields: &[(&str, &str)], accept: &'static str) -> Reply {
        let body = serde_urlencoded::to_string(fields).expect("form");
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, accept)
            .header(header::ORIGIN, self.base_url)
            .body(Body::from(body))
            .expect("request");
        self.send(request).await
    }

    /// Posts the identity-confirmation form as a browser without JavaScript does (to the `activate` server
    /// function), following a refusal back to the page: the reply is then the page as the officer sees it (422 or
    /// 429, the problem, what was typed). A good Token's reply is the redirect to the activated page.
    pub async fn activate(&mut self, fields: &[(&str, &str)]) -> Reply {
        let reply = self.post(ACTIVATE, fields).await;
        if reply.status == StatusCode::SEE_OTHER && reply.location().starts_with(&format!("{ACTIVATION_PAGE}?")) {
            let page = reply.location().to_owned();
            return self.get(&page).await;
        }
        reply
    }

    /// Presses "Digital ID": returns the authorization URL the browser is sent to.
    pub async fn start_sign_in(&mut self) -> String {
        let reply = self.post("/auth/login", &[("provider", "digital-id")]).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{reply:?}");
        reply.location().to_owned()
    }

    /// Brings Digital ID's redirect back to our callback.
    pub async fn callback(&mut self, redirect: &url::Url) -> Reply {
        assert!(redirect.as_str().starts_with(&format!("{}/auth/callback", self.base_url)), "{redirect}");
        let path = &redirect.as_str()[self.base_url.len()..];
        self.get(path).await
    }

    /// "Digital ID", the password and "ยินยอม": Digital ID's redirect to our callback, not yet brought back.
    pub async fn sign_in_at_digital_id(&mut self, person: &Person) -> url::Url {
        let authorize_url = self.start_sign_in().await;
        TestBrowser::new(&self.sim.issuer).authorize(&authorize_url, &person.username, PASSWORD).await
    }

    /// A whole sign-in: "Digital ID", the password, "ยินยอม", and the callback.
    pub async fn sign_in(&mut self, person: &Person) -> Reply {
        let redirect = self.sign_in_at_digital_id(person).await;
        self.callback(&redirect).await
    }

    /// Signs `person` in with a fresh browser, asserting the callback leads to `lands_on` with a session cookie; the
    /// browser keeps its cookies.
    pub async fn sign_in_afresh(&mut self, person: &Person, lands_on: &str) {
        self.cookies.clear();
        let reply = self.sign_in(person).await;
        assert_eq!(reply.location(), lands_on, "{reply:?}");
        assert!(self.session_cookie().is_some());
    }

    /// A sign-in whose consent `person` declines ("ไม่ยินยอม" at Digital ID), brought back to our callback.
    pub async fn decline_consent(&mut self, person: &Person) -> Reply {
        let authorize_url = self.start_sign_in().await;
        let browser = TestBrowser::new(&self.sim.issuer);
        let sign_in_page = browser.open_sign_in(&authorize_url).await;
        let consent = browser.follow(browser.sign_in(&sign_in_page, &person.username, PASSWORD).await).await;
        let denied = browser.answer_consent(&consent, "deny").await;
        self.callback(&url::Url::parse(&denied.location.expect("redirect")).expect("URL")).await
    }

    /// Ends the test: drops a PostgreSQL test database.
    pub async fn close(self) {
        self.database.close().await;
    }

    /// The session cookie's value, if the browser holds one.
    pub fn session_cookie(&self) -> Option<String> {
        self.cookies.get("info_session").or_else(|| self.cookies.get("__Host-info_session")).cloned()
    }
}

/// A router that believes it is served at `base_url`, on SQLite in memory (returned too, to be kept open), whose
/// Digital ID is unreachable: for what answers without one (pages, the same-origin check, the unavailable page).
pub async fn router_without_digital_id(base_url: &str) -> (Router, TestDatabase) {
    let database = TestDatabase::sqlite().await;
    let env = [
        ("DIGITAL_ID_ISSUER", "http://127.0.0.1:1"),
        ("DIGITAL_ID_CLIENT_SECRET", "secret"),
        ("APP_BASE_URL", base_url),
        ("CITIZEN_ID_KEY", CITIZEN_ID_KEY),
    ];
    let settings = Settings::from_sources(include_str!("../../../Leptos.toml"), |name| {
        env.iter().find(|(key, _)| *key == name).map(|(_, value)| (*value).to_owned())
    })
    .expect("settings");
    (router(AppState::new(settings, database.db.clone())), database)
}
