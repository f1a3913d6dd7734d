//! The officer's browser behind the load balancer: one cookie jar, each request sent to the instance the test names,
//! redirects never followed, and POSTs carrying the public origin as a browser's would.

use std::collections::HashMap;
use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{ACCEPT, CONTENT_TYPE, COOKIE, LOCATION, ORIGIN, SET_COOKIE};

use super::{BASE_URL, Instance};

/// How long one request may take before its test fails.
const ANSWER_WITHIN: Duration = Duration::from_secs(60);
/// How much of a body a failure message shows.
const BODY_SHOWN: usize = 1_500;

/// A browser: its cookies for the public address, whichever instance set them.
pub struct Browser {
    http: reqwest::Client,
    cookies: HashMap<String, String>,
}

impl Default for Browser {
    fn default() -> Self {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(ANSWER_WITHIN)
            .build()
            .expect("an HTTP client");
        Self { http, cookies: HashMap::new() }
    }
}

/// An answer as the browser sees it, with the instance and request it came from.
pub struct Reply {
    /// The instance that answered.
    pub instance: &'static str,
    /// The request (`GET /backend/home`).
    pub request: String,
    /// The status.
    pub status: StatusCode,
    /// The `Location` header, or empty.
    pub location: String,
    /// The body.
    pub body: String,
}

impl Reply {
    /// The value of the form field `name` in the page.
    pub fn field(&self, name: &str) -> Option<String> {
        digital_id::testing::Page { status: self.status, location: None, body: self.body.clone() }.field(name)
    }

    /// The refusal a server function sent back to a form posted without JavaScript (the `__err` of the page it
    /// redirected to), if any.
    pub fn refusal(&self) -> Option<app::app_error::AppError> {
        use base64::Engine as _;
        use leptos::server_fn::error::FromServerFnError as _;
        let query = self.location.split_once('?')?.1;
        let (_, encoded) = url::form_urlencoded::parse(query.as_bytes()).find(|(key, _)| key == "__err")?;
        let bytes = base64::engine::general_purpose::URL_SAFE.decode(encoded.as_bytes()).ok()?;
        Some(app::app_error::AppError::de(bytes.into()))
    }
}

impl fmt::Display for Reply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The page's own content, not the document's head of scripts and styles.
        let start = self.body.find("<main").or_else(|| self.body.find("<body")).unwrap_or(0);
        let shown: String = self.body[start..].chars().take(BODY_SHOWN).collect();
        let cut = if start + shown.len() < self.body.len() { " …" } else { "" };
        write!(f, "{} on {} answered {}", self.request, self.instance, self.status)?;
        if !self.location.is_empty() {
            write!(f, " → {}", self.location)?;
        }
        write!(f, "\n{shown}{cut}")
    }
}

impl Browser {
    /// `GET path` on `instance`.
    pub async fn get(&mut self, instance: &Instance, path: &str) -> Reply {
        let request = self.http.get(instance.url(path));
        self.send(instance, format!("GET {path}"), request).await
    }

    /// Posts a form to `path` on `instance` as a browser without JavaScript does: from the public origin, accepting
    /// a page (server functions answer it with a redirect).
    pub async fn post(&mut self, instance: &Instance, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body = serde_urlencoded::to_string(fields).expect("a form");
        let request = self
            .http
            .post(instance.url(path))
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(ACCEPT, "text/html,application/xhtml+xml")
            .header(ORIGIN, BASE_URL)
            .body(body);
        self.send(instance, format!("POST {path}"), request).await
    }

    /// Whether the browser holds a session cookie.
    pub fn has_session(&self) -> bool {
        self.cookies.contains_key("info_session")
    }

    async fn send(&mut self, instance: &Instance, what: String, mut request: reqwest::RequestBuilder) -> Reply {
        if !self.cookies.is_empty() {
            let cookie: Vec<String> = self.cookies.iter().map(|(name, value)| format!("{name}={value}")).collect();
            request = request.header(COOKIE, cookie.join("; "));
        }
        let response = request.send().await.unwrap_or_else(|error| instance.fail(&what, error));
        for set_cookie in response.headers().get_all(SET_COOKIE) {
            let text = set_cookie.to_str().expect("an ASCII cookie");
            let (pair, attributes) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').expect("name=value");
            if attributes.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        let status = response.status();
        let location = response.headers().get(LOCATION).and_then(|value| value.to_str().ok()).unwrap_or("").to_owned();
        let body = response.text().await.unwrap_or_else(|error| instance.fail(&what, error));
        Reply { instance: instance.name, request: what, status, location, body }
    }
}
