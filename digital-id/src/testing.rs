//! Test support (feature `testing`): a simulator on an ephemeral loopback port with an in-memory database and
//! fault modes enabled, and a scripted browser that registers, signs in and answers the consent page the way a
//! person would — through the same HTML forms, CSRF tokens and cookies.

use reqwest::StatusCode;
use reqwest::redirect::Policy;

use crate::pages::RegisterForm;
use crate::proofing::Assurance;
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
/// A laser code the simulated DOPA accepts (any well-formed one but [`crate::proofing::REFUSED_LASER_CODE`]).
pub const LASER_CODE: &str = "JT0-1234567-89";
/// A birth date for laser-code proofing (วว/ดด/ปปปป, Buddhist Era).
pub const BIRTH_DATE: &str = "15/08/2530";

/// The PKCE verifier of [`authorize_url`] (RFC 7636 Appendix B's).
pub const PKCE_VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
/// Its S256 challenge.
pub const PKCE_CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

/// An authorization request of the test client for `scope` (space-separated, `openid` included by the caller),
/// with a state, a nonce and [`PKCE_CHALLENGE`].
pub fn authorize_url(issuer: &str, scope: &str) -> String {
    let mut url = url::Url::parse(&format!("{issuer}/connect/authorize")).expect("the issuer is a URL");
    url.query_pairs_mut().extend_pairs([
        ("client_id", CLIENT_ID),
        ("redirect_uri", REDIRECT_URI),
        ("response_type", "code"),
        ("scope", scope),
        ("state", "state-from-the-test"),
        ("nonce", "nonce-from-the-test"),
        ("code_challenge", PKCE_CHALLENGE),
        ("code_challenge_method", "S256"),
    ]);
    url.to_string()
}

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
            let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
            let _ = axum::serve(listener, service).await;
        });
        Self { issuer, simulator, task }
    }

    /// Registers an account with a fresh username and citizen ID and [`PASSWORD`], without identity proofing (IAL
    /// 1.1, citizen ID not verified), as self-registration does; returns (username, sub).
    pub async fn add_account(&self) -> (String, String) {
        self.add_account_at(Assurance::Unproofed).await
    }

    /// Registers an account as [`TestSimulator::add_account`] does, at `assurance`: `LaserCode` goes through the
    /// registration's own laser-code proofing (simulated DOPA), `ThaId` is then raised as the assurance page's
    /// ThaID button does. Returns (username, sub).
    pub async fn add_account_at(&self, assurance: Assurance) -> (String, String) {
        let suffix = uuid::Uuid::new_v4().simple().to_string();
        let proofed = assurance != Assurance::Unproofed;
        let form = RegisterForm {
            title: "นาย".into(),
            given_name: "ทดสอบ".into(),
            family_name: "ระบบ".into(),
            citizen_id: random_citizen_id(),
            phone_number: "0812345678".into(),
            username: format!("t{}", &suffix[..12]),
            password: PASSWORD.into(),
            password_confirmation: PASSWORD.into(),
            birth_date: if proofed { BIRTH_DATE.into() } else { String::new() },
            laser_code: if proofed { LASER_CODE.into() } else { String::new() },
        };
        let new = validation::validate_registration(&form).expect("a valid registration");
        let db = &self.simulator.state().db;
        let account = accounts::register(db, new).await.expect("register");
        if assurance == Assurance::ThaId {
            accounts::set_assurance(db, &account.id, Assurance::ThaId).await.expect("raise to IAL 2.3");
        }
        (account.username, account.id)
    }

    /// The whole code flow for `login` (with [`PASSWORD`]) in `browser`: sign-in, consent, and the token exchange as
    /// the test client; returns the token response (`id_token`, `access_token`, …).
    pub async fn tokens_for(&self, browser: &TestBrowser, login: &str, scope: &str) -> serde_json::Value {
        let redirect = browser.authorize(&authorize_url(&self.issuer, scope), login, PASSWORD).await;
        let code = redirect
            .query_pairs()
            .find(|(name, _)| name == "code")
            .map(|(_, code)| code.into_owned())
            .unwrap_or_else(|| panic!("the redirect carries a code: {redirect}"));
        let response = reqwest::Client::new()
            .post(format!("{}/connect/token", self.issuer))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code.as_str()),
                ("redirect_uri", REDIRECT_URI),
                ("code_verifier", PKCE_VERIFIER),
                ("client_id", CLIENT_ID),
                ("client_secret", crate::client_secret::dga_hash(CLIENT_SECRET).as_str()),
            ])
            .send()
            .await
            .expect("the token endpoint answers");
        assert_eq!(response.status(), StatusCode::OK, "the code is exchanged");
        serde_json::from_str(&response.text().await.expect("a body")).expect("a JSON token response")
    }

    /// The UserInfo answer for `access_token`.
    pub async fn userinfo(&self, access_token: &str) -> serde_json::Value {
        let response = reqwest::Client::new()
            .get(format!("{}/connect/userinfo", self.issuer))
            .bearer_auth(access_token)
            .send()
            .await
            .expect("the userinfo endpoint answers");
        assert_eq!(response.status(), StatusCode::OK, "userinfo answers");
        serde_json::from_str(&response.text().await.expect("a body")).expect("JSON claims")
    }

    /// Sets the claims an account releases exactly as given — any `ial_level` text (released as a number when it
    /// is one) and any `citizen_id_verified` — for tests of combinations Digital ID's own levels never produce
    /// (e.g. IAL 2.3 but not verified). Panics if `sub` names no account.
    pub async fn set_claims(&self, sub: &str, ial_level: &str, citizen_id_verified: bool) {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
        let updated = crate::entities::account::Entity::update_many()
            .col_expr(crate::entities::account::Column::IalLevel, Expr::value(ial_level))
            .col_expr(crate::entities::account::Column::CitizenIdVerified, Expr::value(citizen_id_verified))
            .filter(crate::entities::account::Column::Id.eq(sub))
            .exec(&self.simulator.state().db)
            .await
            .expect("update the account");
        assert_eq!(updated.rows_affected, 1, "no account {sub}");
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

    /// Signs out at Digital ID itself, as a person does from the simulator's home page: opens
    /// `/connect/endsession` without an `id_token_hint` and confirms "ออกจากระบบ Digital ID?". Returns the page after
    /// the confirmation (the "signed out" page), or the end-session answer itself if no confirmation was asked
    /// (nobody was signed in).
    pub async fn sign_out(&self) -> Page {
        let confirmation = self.get("/connect/endsession").await;
        let Some(csrf) = confirmation.field("csrf") else {
            return confirmation;
        };
        self.post(crate::endpoints::end_session::CONFIRM_PATH, &[("csrf", &csrf)]).await
    }

    /// Opens the assurance page (`/Account/Assurance`) signed in as `login` (signing in first if asked) and raises
    /// the account's level: `Assurance::LaserCode` through the laser-code form with [`BIRTH_DATE`] and
    /// `laser_code`, `Assurance::ThaId` through the simulated ThaID button. Returns the answer to the POST (a 303
    /// back to the page on success, the page with its errors otherwise), or the page itself when it offers no form
    /// (the account is at IAL 2.3 already).
    pub async fn raise_assurance(&self, login: &str, password: &str, to: Assurance, laser_code: &str) -> Page {
        let path = crate::assurance_pages::ASSURANCE_PATH;
        let mut page = self.get(path).await;
        if page.location.is_some() {
            let sign_in_page = self.follow(page).await;
            page = self.follow(self.sign_in(&sign_in_page, login, password).await).await;
        }
        // At IAL 2.3 the page offers no form: nothing is left to raise.
        let Some(csrf) = page.field("csrf") else {
            return page;
        };
        match to {
            Assurance::ThaId => self.post(path, &[("csrf", &csrf), ("method", "thaid")]).await,
            _ => {
                let fields = [
                    ("csrf", csrf.as_str()),
                    ("method", "laser_code"),
                    ("birth_date", BIRTH_DATE),
                    ("laser_code", laser_code),
                ];
                self.post(path, &fields).await
            }
        }
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
