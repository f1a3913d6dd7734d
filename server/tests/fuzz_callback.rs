//! Property-based fuzzing (proptest) of what reaches the sign-in routes from outside, through the real router
//! against the Digital ID simulator: the callback's query (`GET /auth/callback?…`), with and without a pending
//! login, always ends on the generic failure page with a fresh reference — or, exactly when the pending login's
//! `state` and Digital ID's `iss` come with `error=access_denied`, on the no-consent page — never with a 500, a
//! session cookie or the input in `Location`; and no back-channel logout body is anything but a `400`.
//!
//! One router and simulator serve all cases of a property (starting them per case would dwarf the cases), so the
//! properties drive proptest's `TestRunner` themselves. Cases: `PROPTEST_CASES`, else 256 (docs/FUZZING.md).

#[expect(dead_code, reason = "shared test support; this binary uses part of it")]
mod support {
    pub mod test_app;
}

use std::cell::RefCell;
use std::collections::BTreeSet;

use app::paths::{BACKCHANNEL_LOGOUT, CALLBACK, CONSENT_DECLINED_PAGE, SIGN_IN_FAILED_PAGE};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseResult, TestError, TestRunner};
use support::test_app::{Reply, TestApp};

const REGRESSIONS: &str = "proptest-regressions/fuzz_callback.txt";
/// The pre-login cookie over plain-http loopback, where the tests run.
const LOGIN_COOKIE: &str = "info_login";

/// proptest's configuration (`PROPTEST_CASES` and the other `PROPTEST_*` variables), with failures kept beside the
/// crate (cargo runs tests in `server/`).
fn config() -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_DISABLE_FAILURE_PERSISTENCE").is_none() {
        config.failure_persistence = Some(Box::new(FileFailurePersistence::Direct(REGRESSIONS)));
    }
    config
}

/// Runs `property` on `strategy`'s cases against one app on one runtime, and fails with the minimal input.
fn check<S: Strategy>(strategy: S, property: impl AsyncFn(&mut TestApp, S::Value) -> TestCaseResult) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a Tokio runtime");
    let app = RefCell::new(runtime.block_on(TestApp::start()));
    let mut runner = TestRunner::new(config());
    let result = runner.run(&strategy, |case| runtime.block_on(property(&mut app.borrow_mut(), case)));
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, case)) => panic!("{reason}\nminimal failing input: {case:#?}"),
        Err(TestError::Abort(reason)) => panic!("proptest aborted: {reason}"),
    }
}

/// What the browser brings to the callback besides the query.
#[derive(Clone, Copy, Debug)]
enum Browser {
    /// It started a login and carries that login's pre-login cookie.
    SigningIn,
    /// It started a login but lost the cookie.
    LostTheCookie,
    /// A pre-login cookie no login was started with.
    UnknownCookie,
    /// Nothing: no login, no cookie.
    Nothing,
}

/// A query key.
#[derive(Clone, Debug)]
enum Key {
    /// One the callback reads, or a neighbour of one.
    Named(&'static str),
    /// Anything.
    Text(String),
}

/// A query value; the placeholders are filled in when the case runs.
#[derive(Clone, Debug)]
enum Value {
    /// The `state` of the login this case started.
    PendingState,
    /// Digital ID's issuer.
    Issuer,
    /// Literal text.
    Text(String),
}

/// One `key=value` of the query, percent-encoded as a browser would, or raw (so `%`, `&`, `=` and `+` stay).
#[derive(Clone, Debug)]
struct Pair {
    key: Key,
    value: Value,
    raw: bool,
}

/// One callback as the browser sends it.
#[derive(Clone, Debug)]
struct Callback {
    browser: Browser,
    pairs: Vec<Pair>,
}

/// What the callback must answer.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Failed,
    ConsentDeclined,
}

/// Characters that break query parsers: controls, Thai, right-to-left, percent signs, separators, quotes.
fn query_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => proptest::char::range(' ', '~'),
        2 => proptest::sample::select(vec!['%', '&', '=', '+', ';', '#', '?', '/', '"', '\'', '<', '>', '\\']),
        1 => any::<char>(),
        1 => proptest::char::range('\u{0}', '\u{1f}'),
        1 => proptest::char::range('\u{e01}', '\u{e5b}'),
        1 => proptest::sample::select(vec!['\u{200f}', '\u{202e}', '\u{2067}', '\u{feff}', '\u{7f}', '\u{85}']),
        1 => proptest::char::range('\u{5d0}', '\u{6ff}'),
    ]
}

fn text(length: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    proptest::collection::vec(query_char(), length).prop_map(String::from_iter)
}

/// A value over 10 kB: a short printable piece repeated (so the whole query stays under the 64 kB a URI may hold).
fn long_value() -> impl Strategy<Value = String> {
    (proptest::collection::vec(proptest::char::range('!', '~'), 1..16), 10_000usize..12_000)
        .prop_map(|(piece, length)| piece.iter().cycle().take(length).collect())
}

fn pair() -> impl Strategy<Value = Pair> {
    let named = ["code", "state", "iss", "error", "error_description", "session_state", "State", "code "];
    let key = prop_oneof![
        4 => proptest::sample::select(named.to_vec()).prop_map(Key::Named),
        1 => text(0..12).prop_map(Key::Text),
    ];
    let junk = ["", "%", "%G1", "%zz", "%FF%FE", "%00", "%E0%B8", "%2", "a=b", "&&", "==", "%25", "+", "access_denied"];
    let value = prop_oneof![
        3 => Just(Value::PendingState),
        2 => Just(Value::Issuer),
        2 => Just(Value::Text("access_denied".to_owned())),
        2 => proptest::sample::select(junk.to_vec()).prop_map(|junk| Value::Text(junk.to_owned())),
        3 => text(0..40).prop_map(Value::Text),
        1 => long_value().prop_map(Value::Text),
    ];
    (key, value, proptest::bool::weighted(0.3)).prop_map(|(key, value, raw)| Pair { key, value, raw })
}

/// Digital ID's answer as it would send it — `state`, `iss`, and `error=access_denied`, another `error` or a
/// `code` — each part now and then left out, among random pairs, in any order.
fn response() -> impl Strategy<Value = Vec<Pair>> {
    let answer = prop_oneof![
        3 => Just(("error", Value::Text("access_denied".to_owned()))),
        1 => text(0..20).prop_map(|error| ("error", Value::Text(error))),
        2 => text(1..40).prop_map(|code| ("code", Value::Text(code))),
    ];
    let kept = || proptest::bool::weighted(0.9);
    (kept(), kept(), kept(), answer, proptest::array::uniform3(any::<bool>())).prop_map(
        |(state, iss, answered, (key, value), raw)| {
            let parts = [
                (state, Pair { key: Key::Named("state"), value: Value::PendingState, raw: raw[0] }),
                (iss, Pair { key: Key::Named("iss"), value: Value::Issuer, raw: raw[1] }),
                (answered, Pair { key: Key::Named(key), value, raw: raw[2] }),
            ];
            parts.into_iter().filter_map(|(kept, pair)| kept.then_some(pair)).collect()
        },
    )
}

fn callback() -> impl Strategy<Value = Callback> {
    let browser = proptest::sample::select(vec![
        Browser::SigningIn,
        Browser::SigningIn,
        Browser::LostTheCookie,
        Browser::UnknownCookie,
        Browser::Nothing,
    ]);
    let pairs = prop_oneof![
        3 => (response(), proptest::collection::vec(pair(), 0..4)),
        1 => (Just(Vec::new()), proptest::collection::vec(pair(), 0..7)),
    ];
    (browser, pairs).prop_flat_map(|(browser, (mut pairs, extra))| {
        pairs.extend(extra);
        // At most one value over 10 kB, so the query fits in a URI.
        let mut long = false;
        pairs.retain(|pair| {
            let is_long = matches!(&pair.value, Value::Text(text) if text.len() > 1_000);
            let keep = !(is_long && long);
            long |= is_long;
            keep
        });
        Just(pairs).prop_shuffle().prop_map(move |pairs| Callback { browser, pairs })
    })
}

/// `text` as it goes into the query: percent-encoded as a form is, or raw with only what a URI cannot hold encoded.
fn encode(text: &str, raw: bool) -> String {
    if !raw {
        return url::form_urlencoded::byte_serialize(text.as_bytes()).collect();
    }
    text.bytes()
        .map(|byte| match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'%' | b'&' | b'=' | b'+' | b';' | b'-' | b'.' | b'_' | b'~' => {
                char::from(byte).to_string()
            }
            b'!' | b'$' | b'\'' | b'(' | b')' | b'*' | b',' | b'/' | b':' | b'?' | b'@' => char::from(byte).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// What the callback must answer for `query`, from `finish_callback`'s rules: the no-consent page exactly when the
/// query reads (each of `code`, `state`, `iss`, `error` at most once), the browser brings the cookie of the login
/// whose `state` it names, `iss` is Digital ID's, and `error` is `access_denied`; the failure page otherwise.
fn expected(query: &str, browser: Browser, pending_state: &str, issuer: &str) -> Outcome {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let values =
        |name: &str| pairs.iter().filter(|(key, _)| key == name).map(|(_, value)| value.as_str()).collect::<Vec<_>>();
    let [code, state, iss, error]: [Vec<&str>; 4] = ["code", "state", "iss", "error"].map(values);
    let unreadable = [&code, &state, &iss, &error].iter().any(|values| values.len() > 1);
    let declined = matches!(browser, Browser::SigningIn)
        && state == [pending_state]
        && iss == [issuer]
        && error == ["access_denied"];
    if !unreadable && declined { Outcome::ConsentDeclined } else { Outcome::Failed }
}

/// Sends `case` to the callback and checks the answer.
async fn callback_answers_as_expected(app: &mut TestApp, case: Callback) -> TestCaseResult {
    app.cookies.clear();
    let pending_state = match case.browser {
        Browser::SigningIn | Browser::LostTheCookie => {
            let authorize_url = url::Url::parse(&app.start_sign_in().await).expect("an authorization URL");
            let state =
                authorize_url.query_pairs().find(|(key, _)| key == "state").map(|(_, value)| value.into_owned());
            state.expect("the authorization URL has a state")
        }
        Browser::UnknownCookie | Browser::Nothing => "no-login-was-started".to_owned(),
    };
    match case.browser {
        Browser::SigningIn => {}
        Browser::LostTheCookie | Browser::Nothing => app.cookies.clear(),
        Browser::UnknownCookie => {
            app.cookies.insert(LOGIN_COOKIE.to_owned(), "bm8tbG9naW4td2FzLXN0YXJ0ZWQtd2l0aC10aGlz".to_owned());
        }
    }
    let issuer = app.state.digital_id.issuer.clone();
    let mut inputs = BTreeSet::new();
    let query = case
        .pairs
        .iter()
        .map(|pair| {
            let key = match &pair.key {
                Key::Named(name) => (*name).to_owned(),
                Key::Text(text) => text.clone(),
            };
            let value = match &pair.value {
                Value::PendingState => pending_state.clone(),
                Value::Issuer => issuer.clone(),
                Value::Text(text) => text.clone(),
            };
            let written = format!("{}={}", encode(&key, pair.raw), encode(&value, pair.raw));
            inputs.extend([key, value]);
            written
        })
        .collect::<Vec<_>>()
        .join("&");
    let expected = expected(&query, case.browser, &pending_state, &issuer);
    let request = Request::get(format!("{CALLBACK}?{query}")).body(Body::empty()).expect("a valid URI");
    let reply = app.send(request).await;

    prop_assert_eq!(reply.status, StatusCode::SEE_OTHER, "{:?}", reply);
    let location = reply.location();
    match expected {
        Outcome::ConsentDeclined => prop_assert_eq!(location, CONSENT_DECLINED_PAGE),
        Outcome::Failed => {
            // `?reference=…&check=…`: the check lets the page show the reference (J12).
            let reference = location
                .strip_prefix(SIGN_IN_FAILED_PAGE)
                .and_then(|rest| rest.strip_prefix("?reference="))
                .and_then(|rest| rest.split_once("&check="))
                .map(|(reference, _)| reference);
            let fresh = reference.is_some_and(|reference| {
                reference.len() == 10
                    && reference.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
                    && !inputs.contains(reference)
            });
            prop_assert!(fresh, "{:?} is not the failure page with a fresh reference", location);
        }
    }
    prop_assert_eq!(reply.headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()), Some("no-store"));
    prop_assert!(no_session_cookie(&reply), "{:?}", reply.headers);
    Ok(())
}

/// Whether no `Set-Cookie` of `reply` sets a session cookie.
fn no_session_cookie(reply: &Reply) -> bool {
    reply.headers.get_all(header::SET_COOKIE).iter().all(|value| {
        let name = value.to_str().unwrap_or("").split('=').next().unwrap_or("");
        !name.trim().ends_with("info_session")
    })
}

#[test]
fn every_callback_query_ends_on_the_failure_or_no_consent_page_without_a_session_or_the_input() {
    check(callback(), callback_answers_as_expected);
}

/// A back-channel logout request: a body of some content type.
#[derive(Clone, Debug)]
struct LogoutPost {
    content_type: Option<&'static str>,
    body: String,
}

/// Something shaped like a signed JWT: a header (`alg` none, RS256 with an unknown `kid`, HS256…), claims that look
/// like a Logout Token's or are junk, and a signature that is not one.
fn jwt_lookalike() -> impl Strategy<Value = String> {
    let headers = [
        r#"{"alg":"none","typ":"logout+jwt"}"#,
        r#"{"alg":"RS256","kid":"unknown","typ":"logout+jwt"}"#,
        r#"{"alg":"RS256"}"#,
        r#"{"alg":"HS256","typ":"JWT"}"#,
        r#"{"alg":"ES256","kid":""}"#,
        "{}",
        "[]",
        "null",
    ];
    let claims = prop_oneof![
        Just(
            r#"{"iss":"http://127.0.0.1","aud":"journey-backoffice","iat":1,"jti":"j","sub":"s","events":{"http://schemas.openid.net/event/backchannel-logout":{}}}"#
                .to_owned()
        ),
        text(0..60),
        Just("{\"sid\":\"x\",\"nonce\":\"n\"}".to_owned()),
    ];
    let signature = proptest::collection::vec(any::<u8>(), 0..300);
    (proptest::sample::select(headers.to_vec()), claims, signature, 0usize..3).prop_map(
        |(header, claims, signature, dots)| {
            let parts =
                [URL_SAFE_NO_PAD.encode(header), URL_SAFE_NO_PAD.encode(claims), URL_SAFE_NO_PAD.encode(signature)];
            parts[..dots + 1].join(".")
        },
    )
}

fn logout_post() -> impl Strategy<Value = LogoutPost> {
    let token = prop_oneof![
        3 => jwt_lookalike(),
        2 => text(0..80),
        1 => Just(String::new()),
        1 => (proptest::char::range('a', 'z'), 16_300usize..17_000).prop_map(|(c, n)| c.to_string().repeat(n)),
    ];
    let form = (token, proptest::collection::vec((text(0..10), text(0..20)), 0..3), any::<bool>(), any::<bool>())
        .prop_map(|(token, extra, twice, raw)| {
            let mut pairs = vec![format!("logout_token={}", encode(&token, raw))];
            if twice {
                pairs.push(format!("logout_token={}", encode(&token, raw)));
            }
            pairs.extend(extra.iter().map(|(key, value)| format!("{}={}", encode(key, raw), encode(value, raw))));
            pairs.join("&")
        });
    let content_types = [
        Some("application/x-www-form-urlencoded"),
        Some("application/x-www-form-urlencoded; charset=utf-8"),
        Some("application/json"),
        Some("multipart/form-data; boundary=x"),
        Some("text/plain"),
        None,
    ];
    let body = prop_oneof![3 => form, 1 => text(0..200)];
    (proptest::sample::select(content_types.to_vec()), body)
        .prop_map(|(content_type, body)| LogoutPost { content_type, body })
}

async fn backchannel_logout_refuses(app: &mut TestApp, case: LogoutPost) -> TestCaseResult {
    let mut request = Request::post(BACKCHANNEL_LOGOUT);
    if let Some(content_type) = case.content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    let reply = app.send(request.body(Body::from(case.body)).expect("a request")).await;
    prop_assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{:?}", reply);
    prop_assert!(no_session_cookie(&reply), "{:?}", reply.headers);
    Ok(())
}

#[test]
fn a_back_channel_logout_without_a_valid_logout_token_is_always_a_400() {
    check(logout_post(), backchannel_logout_refuses);
}
