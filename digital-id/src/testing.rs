//! Test support (feature `testing`): a simulator on an ephemeral loopback port with an in-memory database and
//! fault modes enabled, and a scripted browser that registers, signs in and answers the consent page the way a
//! person would — through the same HTML forms, CSRF tokens and cookies.

use reqwest::StatusCode;
use reqwest::redirect::Policy;

use crate::pages::RegisterForm;
use crate::settings::{Client, ClientSecret, SecretHashing, Settings};
use crate::simulator::Simulator;
use crate::{accounts, validation};

/// The test client's id.
pub const CLIENT_ID: &str = "test-backoffice";
/// The test client's secret (the client must send it DGA-hashed).
pub const CLIENT_SECRET: &str = "test-client-secret";
/// The test client's redirect URI (nothing listens there: tests read the redirect).
pub const REDIRECT_URI: &str = "http://127.0.0.1:9/auth/callback";
/// The test client's post-logout redirect URI.
pub const POST_LOGOUT_REDIRECT_URI: &str = "http://127.0.0.1:9/backend";
/// The password of accounts made by [`TestSimulator::add_account`].
pub const PASSWORD: &str = "a-long-test-passphrase";

/// The test client registration.
pub fn test_client() -> Client {
    Client {
        client_id: CLIENT_ID.into(),
        name: "ระบบทดสอบ".into(),
        secret: ClientSecret::new(CLIENT_SECRET),
        secret_hashing: SecretHashing::Dga,
        redirect_uris: vec![REDIRECT_URI.into()],
        post_logout_redirect_uris: vec![POST_LOGOUT_REDIRECT_URI.into()],
        backchannel_logout_uri: None,
    }
}

/// A running simulator; stops when dropped.
pub struct TestSimulator {
    /// Its issuer, `http://127.0.0.1:<port>`.
    pub issuer: String,
    /// The simulator (its state gives faults, keys, grants and the database).
    pub simulator: Simulator,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for TestSimulator {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl TestSimulator {
    /// Starts a simulator with `clients` (the test client if empty).
    pub async fn start(clients: Vec<Client>) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind an ephemeral port");
        let issuer = format!("http://{}", listener.local_addr().expect("local address"));
        let clients = if clients.is_empty() { vec![test_client()] } else { clients };
        let settings = Settings {
            issuer: issuer.clone(),
            database_url: domain::database::DatabaseUrl::new("sqlite::memory:"),
            enable_faults: true,
            clients,
        };
        let simulator = Simulator::open(settings).await.expect("open the simulator");
        let router = simulator.router();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Self { issuer, simulator, task }
    }

    /// Registers an account with a fresh username and citizen ID and [`PASSWORD`]; returns (username, sub).
    pub async fn add_account(&self) -> (String, String) {
        let suffix = uuid::Uuid::new_v4().simple().to_string();
        let form = RegisterForm {
            title: "นาย".into(),
            given_name: "ทดสอบ".into(),
            family_name: "ระบบ".into(),
            citizen_id: random_citizen_id(),
            phone_number: "0812345678".into(),
            username: format!("t{}", &suffix[..12]),
            password: PASSWORD.into(),
            password_confirmation: PASSWORD.into(),
        };
        let new = validation::validate_registration(&form).expect("a valid registration");
        let account = accounts::register(&self.simulator.state().db, new).await.expect("register");
        (account.username, account.id)
    }
}

/// A random 13-digit citizen ID with a valid check digit.
pub fn random_citizen_id() -> String {
    let seed = uuid::Uuid::new_v4().as_u128();
    let mut digits: Vec<u8> = (0..12).map(|i| b'0' + ((seed >> (i * 8)) % 10) as u8).collect();
    digits[0] = b'1' + (digits[0] - b'0') % 8;
    digits.extend(crate::citizen_id::check_digit(&digits));
    String::from_utf8(digits).unwrap_or_default()
}

/// A response as a browser sees it.
#[derive(Debug)]
pub struct Page {
    /// The status.
    pub status: StatusCode,
    /// The `Location` header, if any.
    pub location: Option<String>,
    /// The body.
    pub body: String,
}

impl Page {
    /// The value of the form field `name` (hidden or not) in the page.
    pub fn field(&self, name: &str) -> Option<String> {
        let marker = format!("name=\"{name}\"");
        let tag_start = self.body.match_indices("<input").map(|(at, _)| at).find(|at| {
            let tag = &self.body[*at..self.body[*at..].find('>').map_or(self.body.len(), |end| at + end)];
            tag.contains(&marker)
        })?;
        let tag =
            &self.body[tag_start..self.body[tag_start..].find('>').map_or(self.body.len(), |end| tag_start + end)];
        let value = tag.split("value=\"").nth(1)?;
        Some(decode_html(&value[..value.find('"')?]))
    }
}

fn decode_html(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A scripted browser: keeps cookies, never follows redirects by itself.
pub struct TestBrowser {
    http: reqwest::Client,
    base: String,
}

impl TestBrowser {
    /// A browser with an empty cookie jar, talking to the simulator at `issuer`.
    pub fn new(issuer: &str) -> Self {
        let http = reqwest::Client::builder().cookie_store(true).redirect(Policy::none()).build().expect("http client");
        Self { http, base: issuer.to_owned() }
    }

    fn absolute(&self, url: &str) -> String {
        if url.starts_with('/') { format!("{}{url}", self.base) } else { url.to_owned() }
    }

    /// `GET url` (absolute, or a path at the simulator).
    pub async fn get(&self, url: &str) -> Page {
        page(self.http.get(self.absolute(url)).send().await.expect("GET")).await
    }

    /// Posts a form to `path` at the simulator.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        page(self.http.post(self.absolute(path)).form(fields).send().await.expect("POST")).await
    }

    /// From an authorization URL to the sign-in page: returns the sign-in page.
    pub async fn open_sign_in(&self, authorize_url: &str) -> Page {
        let redirect = self.get(authorize_url).await;
        let location = redirect.location.expect("authorize redirects to sign-in");
        assert!(location.starts_with("/Account/Login?"), "expected the sign-in page, got {location}");
        self.get(&location).await
    }

    /// Submits the sign-in page; returns the response (a redirect on success).
    pub async fn sign_in(&self, sign_in_page: &Page, login: &str, password: &str) -> Page {
        let return_url = sign_in_page.field("ReturnUrl").unwrap_or_default();
        let csrf = sign_in_page.field("csrf").expect("csrf field");
        self.post(
            "/Account/Login",
            &[("ReturnUrl", &return_url), ("csrf", &csrf), ("login", login), ("password", password)],
        )
        .await
    }

    /// Follows redirects within the simulator and returns the first page that is not one, or the redirect that
    /// leaves the simulator (to the client).
    pub async fn follow(&self, mut response: Page) -> Page {
        while let Some(location) = response.location.clone() {
            if !location.starts_with('/') && !location.starts_with(&self.base) {
                return response;
            }
            response = self.get(&location).await;
        }
        response
    }

    /// Answers the consent page with "ยินยอม" (`allow`) or "ไม่ยินยอม" (`deny`); returns the redirect.
    pub async fn answer_consent(&self, consent_page: &Page, decision: &str) -> Page {
        let return_url = consent_page.field("ReturnUrl").expect("ReturnUrl field");
        let csrf = consent_page.field("csrf").expect("csrf field");
        self.post("/consent", &[("ReturnUrl", &return_url), ("csrf", &csrf), ("decision", decision)]).await
    }

    /// The whole journey: sign in, consent if asked, and return the redirect to the client's redirect URI.
    pub async fn authorize(&self, authorize_url: &str, login: &str, password: &str) -> url::Url {
        let sign_in_page = self.open_sign_in(authorize_url).await;
        let mut next = self.follow(self.sign_in(&sign_in_page, login, password).await).await;
        if next.location.is_none() && next.body.contains("name=\"decision\"") {
            next = self.follow(self.answer_consent(&next, "allow").await).await;
        }
        let location =
            next.location.unwrap_or_else(|| panic!("expected a redirect to the client, got {}", next.status));
        url::Url::parse(&location).expect("an absolute redirect")
    }
}

async fn page(response: reqwest::Response) -> Page {
    let status = response.status();
    let location = response.headers().get("location").and_then(|value| value.to_str().ok()).map(str::to_owned);
    let body = response.text().await.unwrap_or_default();
    Page { status, location, body }
}
