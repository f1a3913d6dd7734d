//! How an island calls one of our server functions: `fetch` to its stable address, as Leptos's own client does (a
//! form-encoded `POST`, or a `GET`, accepting JSON), with the same answers — the function's JSON value, its
//! `AppError` with the error's HTTP status, or Leptos's redirect header when the function sends the browser on.
//!
//! Written by hand, in place of `ServerAction`/`ActionForm` in the browser: measured on this app, Leptos's client with
//! its action machinery costs ~80 kB of WASM (brotli) for one form, and the pages the islands are on have 100 kB in
//! all (`scripts/size-budget.mjs`). The server side is unchanged: the same `#[server]` functions, the same same-origin
//! check and synchroniser token, the same no-JavaScript form posts.

use serde::de::DeserializeOwned;

use crate::app_error::AppError;

/// What a server function answered a call from the browser.
#[derive(Debug)]
pub enum Answer<T> {
    /// Its value.
    Value(T),
    /// It sends the browser on (Leptos's `serverfnredirect` header; the address is the `Location`).
    GoTo(String),
    /// It refused or failed ([`AppError::Unreachable`] when no answer came).
    Refused(AppError),
}

/// An answer as it came: for a caller that needs only its status (reading an `AppError` costs its decoder).
#[derive(Debug)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// Where the function sends the browser on, if it does.
    pub go_to: Option<String>,
    /// The body (JSON).
    pub body: String,
}

/// `POST path` with `fields` form-encoded.
pub async fn post<T: DeserializeOwned>(path: &str, fields: &[(&str, &str)]) -> Answer<T> {
    decode(post_raw(path, fields).await)
}

/// `GET path` (a loader without arguments).
pub async fn get<T: DeserializeOwned>(path: &str) -> Answer<T> {
    decode(send(path, None).await)
}

/// [`post`], the answer undecoded; `None` when none came.
pub async fn post_raw(path: &str, fields: &[(&str, &str)]) -> Option<Reply> {
    let body = fields.iter().map(|(name, value)| format!("{name}={}", encode(value))).collect::<Vec<_>>().join("&");
    send(path, Some(body)).await
}

fn decode<T: DeserializeOwned>(reply: Option<Reply>) -> Answer<T> {
    let Some(Reply { status, go_to, body }) = reply else { return Answer::Refused(AppError::Unreachable) };
    if (400..=599).contains(&status) {
        // A proxy's own error page is not ours: the service could not be reached.
        return Answer::Refused(serde_json::from_str(&body).unwrap_or(AppError::Unreachable));
    }
    if let Some(location) = go_to {
        return Answer::GoTo(location);
    }
    serde_json::from_str(&body).map_or(Answer::Refused(AppError::BadRequest), Answer::Value)
}

#[cfg(feature = "hydrate")]
fn encode(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}

#[cfg(feature = "hydrate")]
async fn send(path: &str, body: Option<String>) -> Option<Reply> {
    use wasm_bindgen_futures::JsFuture;

    let response = fetch(path, body, "application/json").await?;
    let body = JsFuture::from(response.text().ok()?).await.ok()?.as_string().unwrap_or_default();
    let headers = response.headers();
    let go_to =
        if headers.has("serverfnredirect").unwrap_or(false) { headers.get("location").ok().flatten() } else { None };
    Some(Reply { status: response.status(), go_to, body })
}

/// `fetch` of `path` as a form sends it — a form-encoded `POST` of `body`, else a `GET` — accepting `accept` (JSON
/// from a server function, or `text/html`: the page a browser without JavaScript would get, as `in_place` asks). The
/// response (redirects followed), or `None` when none came.
#[cfg(feature = "hydrate")]
pub async fn fetch(path: &str, body: Option<String>, accept: &str) -> Option<web_sys::Response> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    let init = web_sys::RequestInit::new();
    let headers = web_sys::Headers::new().ok()?;
    let _ = headers.set("Accept", accept);
    if let Some(body) = body {
        init.set_method("POST");
        let _ = headers.set("Content-Type", "application/x-www-form-urlencoded");
        init.set_body(&wasm_bindgen::JsValue::from_str(&body));
    }
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(path, &init).ok()?;
    let response = JsFuture::from(web_sys::window()?.fetch_with_request(&request)).await.ok()?;
    response.dyn_into::<web_sys::Response>().ok()
}

#[cfg(not(feature = "hydrate"))]
fn encode(value: &str) -> String {
    value.to_owned()
}

/// On the server islands only render: nothing calls out.
#[cfg(not(feature = "hydrate"))]
async fn send(_path: &str, _body: Option<String>) -> Option<Reply> {
    None
}
