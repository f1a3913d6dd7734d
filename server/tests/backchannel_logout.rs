//! Back-channel logout (OpenID Connect Back-Channel Logout 1.0; `../shared/research/security.md` §1d, §2e, E10–E12):
//! the simulator's server posts a Logout Token when a person signs out at Digital ID, and the back office ends the
//! sessions it names; every spoiled Logout Token is refused with `400` and leaves the session alone. Tests are named
//! after their case ids (`rp_backchannel_rpinitlogout*` are the OpenID conformance suite's `lt-*` modules).

#[allow(dead_code, reason = "shared test support; this binary uses part of it")]
mod support {
    pub mod test_app;
}

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use digital_id::backchannel::EVENT;
use digital_id::jws;
use digital_id::keys::SigningKey;
use digital_id::testing::{PASSWORD, TestBrowser};
use domain::entities::audit_event::AuditEvent;
use domain::entities::officer_session;
use domain::entities::organisation_unit::UnitKind;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use support::test_app::{CLIENT_ID, Person, Reply, TestApp};

/// A signed-in browser's session as the database holds it.
struct Signed {
    app: TestApp,
    person: Person,
    sid: String,
}

/// A person (not yet an officer, so their session is pending activation) signs in; returns the Digital ID `sid`
/// the back office recorded from the ID token.
async fn signed_in() -> Signed {
    let mut app = TestApp::start().await;
    let person = app.person("ทดสอบ").await;
    let reply = app.sign_in(&person).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{reply:?}");
    let sid = session_ids(&app, &person).await.pop().flatten().expect("the ID token's sid is kept with the session");
    Signed { app, person, sid }
}

/// The `sid` of each session of `person`.
async fn session_ids(app: &TestApp, person: &Person) -> Vec<Option<String>> {
    officer_session::Entity::find()
        .filter(officer_session::Column::Subject.eq(&person.subject))
        .all(&app.state.db)
        .await
        .expect("query")
        .into_iter()
        .map(|row| row.provider_session_id)
        .collect()
}

/// What a forged token is built from: the simulator's own signing key, so only the spoilt part is wrong.
struct Forge {
    issuer: String,
    subject: String,
    sid: String,
    signer: SigningKey,
}

impl Forge {
    async fn for_session(signed: &Signed) -> Self {
        let signer = signed.app.sim.simulator.state().keys.active().await.expect("the simulator's key");
        Self {
            issuer: signed.app.sim.issuer.clone(),
            subject: signed.person.subject.clone(),
            sid: signed.sid.clone(),
            signer,
        }
    }

    /// The claims of a valid Logout Token for the session.
    fn claims(&self) -> Value {
        let now = Utc::now().timestamp();
        json!({
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 120,
            "jti": uuid::Uuid::new_v4().to_string(),
            "sub": self.subject,
            "sid": self.sid,
            "events": { EVENT: {} },
        })
    }

    fn header(&self) -> Value {
        json!({ "alg": "RS256", "typ": "logout+jwt", "kid": self.signer.kid })
    }

    fn sign(&self, claims: &Value) -> String {
        jws::sign_with_header(&self.header(), claims, &self.signer.key)
    }

    /// A valid claim set changed by `change`, signed properly.
    fn with_claims(&self, change: impl FnOnce(&mut Value)) -> String {
        let mut claims = self.claims();
        change(&mut claims);
        self.sign(&claims)
    }

    /// Valid claims, signed properly under a header changed by `change`.
    fn with_header(&self, change: impl FnOnce(&mut Value)) -> String {
        let mut header = self.header();
        change(&mut header);
        jws::sign_with_header(&header, &self.claims(), &self.signer.key)
    }
}

/// Posts a Logout Token as Digital ID's server does: a form, with no cookie and no `Origin`.
async fn post_logout_token(app: &mut TestApp, token: &str) -> Reply {
    let body = serde_urlencoded::to_string([("logout_token", token)]).expect("form");
    let request = Request::post("/auth/backchannel-logout")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("request");
    // Digital ID's server holds none of the browser's cookies.
    let cookies = std::mem::take(&mut app.cookies);
    let reply = app.send(request).await;
    app.cookies = cookies;
    reply
}

/// The token `spoil` makes is refused with 400 (an OAuth error naming `reason`, never cached) and the session stays.
async fn assert_refused(reason: &str, spoil: impl FnOnce(&Forge) -> String) {
    let mut signed = signed_in().await;
    let forge = Forge::for_session(&signed).await;
    let reply = post_logout_token(&mut signed.app, &spoil(&forge)).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{reply:?}");
    assert_eq!(reply.headers[header::CACHE_CONTROL], "no-store");
    let body: Value = serde_json::from_str(&reply.body).expect("a JSON error");
    assert_eq!(body["error"], "invalid_request");
    assert_eq!(body["error_description"], reason, "refused for the intended reason");
    assert_eq!(session_ids(&signed.app, &signed.person).await, vec![Some(signed.sid.clone())], "the session stays");
}

#[tokio::test]
async fn rp_backchannel_rpinitlogout_e10_signing_out_at_digital_id_ends_the_officers_session_here() {
    let units = [("BC-MIN", UnitKind::Ministry, None), ("BC", UnitKind::Department, Some("BC-MIN"))];
    let mut app = TestApp::start().await.with_units(&units).await;
    let person = app.person("สมศรี").await;
    app.import_officer_by_citizen_id(&person.citizen_id, "นางสาวสมศรี เดิม", "BC", "central").await;

    // The officer signs in; the Digital ID browser session stays open at the simulator.
    let digital_id_browser = TestBrowser::new(&app.sim.issuer);
    let authorize_url = app.start_sign_in().await;
    let redirect = digital_id_browser.authorize(&authorize_url, &person.username, PASSWORD).await;
    assert_eq!(app.callback(&redirect).await.location(), "/backend/home");
    assert_eq!(app.get("/backend/home").await.status, StatusCode::OK);
    assert!(session_ids(&app, &person).await[0].is_some(), "the sid is recorded");

    // They sign out at Digital ID itself (not through the back office): Digital ID's server tells ours.
    let signed_out = digital_id_browser.sign_out().await;
    assert_eq!(signed_out.status, StatusCode::OK);
    assert_eq!(app.session_count().await, 0, "the back office's session ended with Digital ID's");
    let home = app.get("/backend/home").await;
    assert_eq!(home.status, StatusCode::SEE_OTHER, "signed out here too: {home:?}");
    let sign_outs = app.audit_events(AuditEvent::SignedOut).await;
    let audited = sign_outs.first().expect("the sign-out is in the audit log");
    assert!(audited.detail.as_deref().is_some_and(|detail| detail.contains("back-channel")), "{audited:?}");
}

#[tokio::test]
async fn e10_a_logout_token_naming_only_sub_ends_every_session_of_that_person_and_nobody_elses() {
    let signed = signed_in().await;
    let mut app = signed.app;
    // The same person in a second browser, and somebody else.
    app.cookies.clear();
    app.sign_in(&signed.person).await;
    let other = app.person("อื่น").await;
    app.cookies.clear();
    app.sign_in(&other).await;
    assert_eq!(app.session_count().await, 3);

    let mut signed = Signed { app, person: signed.person, sid: signed.sid };
    let forge = Forge::for_session(&signed).await;
    let token = forge.with_claims(|claims| {
        claims.as_object_mut().expect("object").remove("sid");
    });
    let reply = post_logout_token(&mut signed.app, &token).await;
    assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
    assert_eq!(reply.headers[header::CACHE_CONTROL], "no-store");
    assert!(session_ids(&signed.app, &signed.person).await.is_empty(), "both of that person's sessions ended");
    assert_eq!(session_ids(&signed.app, &other).await.len(), 1, "the other person's session goes on");
}

#[tokio::test]
async fn e10_the_sessions_a_logout_token_names_end_on_postgresql_too() {
    let Some(database) = domain::testing::TestDatabase::postgres().await else { return };
    let mut app = TestApp::start_on(database).await;
    let person = app.person("ทดสอบ").await;
    app.sign_in(&person).await;
    let sid = session_ids(&app, &person).await.pop().flatten().expect("sid");
    let mut signed = Signed { app, person, sid };
    let forge = Forge::for_session(&signed).await;
    let reply = post_logout_token(&mut signed.app, &forge.sign(&forge.claims())).await;
    assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
    assert!(session_ids(&signed.app, &signed.person).await.is_empty());
    signed.app.close().await;
}

#[tokio::test]
async fn e10_a_logout_token_for_another_digital_id_session_ends_nothing() {
    let mut signed = signed_in().await;
    let forge = Forge::for_session(&signed).await;
    let reply =
        post_logout_token(&mut signed.app, &forge.with_claims(|claims| claims["sid"] = json!("another-sid"))).await;
    assert_eq!(reply.status, StatusCode::OK, "a valid token that matches no session is still answered 200");
    assert_eq!(session_ids(&signed.app, &signed.person).await, vec![Some(signed.sid.clone())]);
}

#[tokio::test]
async fn e10_a_logout_token_with_sid_only_and_no_kid_ends_that_session() {
    let mut signed = signed_in().await;
    let forge = Forge::for_session(&signed).await;
    let mut claims = forge.claims();
    claims.as_object_mut().expect("object").remove("sub");
    let token = jws::sign_with_header(&json!({ "alg": "RS256", "typ": "logout+jwt" }), &claims, &forge.signer.key);
    let reply = post_logout_token(&mut signed.app, &token).await;
    assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
    assert!(session_ids(&signed.app, &signed.person).await.is_empty());
}

#[tokio::test]
async fn e12_a_replayed_logout_token_is_refused() {
    let mut signed = signed_in().await;
    let forge = Forge::for_session(&signed).await;
    let token = forge.sign(&forge.claims());
    assert_eq!(post_logout_token(&mut signed.app, &token).await.status, StatusCode::OK);
    let replay = post_logout_token(&mut signed.app, &token).await;
    assert_eq!(replay.status, StatusCode::BAD_REQUEST, "{replay:?}");
    assert!(replay.body.contains("replayed"));
}

#[tokio::test]
async fn e11_rp_backchannel_rpinitlogout_lt_alg_none() {
    assert_refused("algorithm not allowed", |forge| {
        let encode = |value: &Value| URL_SAFE_NO_PAD.encode(value.to_string());
        format!("{}.{}.", encode(&json!({ "alg": "none", "typ": "logout+jwt" })), encode(&forge.claims()))
    })
    .await;
}

#[tokio::test]
async fn e11_rp_backchannel_rpinitlogout_lt_wrong_alg_hs256() {
    // HS256 with the client secret would be the classic confusion; the algorithm alone refuses it.
    assert_refused("algorithm not allowed", |forge| forge.with_header(|header| header["alg"] = json!("HS256"))).await;
}

#[tokio::test]
async fn e11_lt_bad_signature() {
    assert_refused("bad signature", |forge| jws::corrupt_signature(&forge.sign(&forge.claims()))).await;
}

#[tokio::test]
async fn e11_lt_signed_by_a_key_digital_id_never_published() {
    let stranger = digital_id::keys::generate().await.expect("a key");
    assert_refused("signed by an unknown key", move |forge| {
        jws::sign_with_header(
            &json!({ "alg": "RS256", "typ": "logout+jwt", "kid": "stranger" }),
            &forge.claims(),
            &stranger,
        )
    })
    .await;
}

#[tokio::test]
async fn e11_lt_the_right_kid_but_another_key() {
    let stranger = digital_id::keys::generate().await.expect("a key");
    assert_refused("bad signature", move |forge| jws::sign_with_header(&forge.header(), &forge.claims(), &stranger))
        .await;
}

#[tokio::test]
async fn e11_rp_backchannel_rpinitlogout_lt_wrong_issuer() {
    assert_refused("wrong issuer", |forge| {
        forge.with_claims(|claims| claims["iss"] = json!("https://imposter.example"))
    })
    .await;
}

#[tokio::test]
async fn e11_rp_backchannel_rpinitlogout_lt_wrong_aud() {
    assert_refused("wrong audience", |forge| forge.with_claims(|claims| claims["aud"] = json!("another-client"))).await;
}

#[tokio::test]
async fn e11_lt_aud_with_an_untrusted_extra_audience() {
    assert_refused("wrong audience", |forge| {
        forge.with_claims(|claims| claims["aud"] = json!([CLIENT_ID, "another-client"]))
    })
    .await;
}

#[tokio::test]
async fn e11_rp_backchannel_rpinitlogout_lt_no_event() {
    assert_refused("no back-channel logout event", |forge| {
        forge.with_claims(|claims| {
            claims.as_object_mut().expect("object").remove("events");
        })
    })
    .await;
}

#[tokio::test]
async fn e11_rp_backchannel_rpinitlogout_lt_wrong_event() {
    assert_refused("no back-channel logout event", |forge| {
        forge.with_claims(|claims| claims["events"] = json!({ "http://schemas.openid.net/event/other": {} }))
    })
    .await;
}

#[tokio::test]
async fn e11_lt_event_not_an_object() {
    assert_refused("no back-channel logout event", |forge| {
        forge.with_claims(|claims| claims["events"] = json!({ EVENT: "yes" }))
    })
    .await;
}

#[tokio::test]
async fn e11_rp_backchannel_rpinitlogout_lt_with_nonce() {
    assert_refused("contains a nonce", |forge| forge.with_claims(|claims| claims["nonce"] = json!("n-0S6_WzA2Mj")))
        .await;
}

#[tokio::test]
async fn e11_lt_no_sub_and_no_sid() {
    assert_refused("neither sub nor sid", |forge| {
        forge.with_claims(|claims| {
            let claims = claims.as_object_mut().expect("object");
            claims.remove("sub");
            claims.remove("sid");
        })
    })
    .await;
}

#[tokio::test]
async fn e11_lt_expired() {
    assert_refused("expired or without exp", |forge| {
        forge.with_claims(|claims| {
            let now = Utc::now().timestamp();
            claims["iat"] = json!(now - 240);
            claims["exp"] = json!(now - 120);
        })
    })
    .await;
}

#[tokio::test]
async fn e11_lt_without_exp() {
    assert_refused("expired or without exp", |forge| {
        forge.with_claims(|claims| {
            claims.as_object_mut().expect("object").remove("exp");
        })
    })
    .await;
}

#[tokio::test]
async fn e11_lt_issued_in_the_future_or_long_ago() {
    let now = Utc::now().timestamp();
    assert_refused("iat missing or out of range", |forge| forge.with_claims(|claims| claims["iat"] = json!(now + 600)))
        .await;
    assert_refused("iat missing or out of range", |forge| {
        forge.with_claims(|claims| claims["iat"] = json!(now - 3600))
    })
    .await;
}

#[tokio::test]
async fn e11_lt_without_jti() {
    assert_refused("no jti", |forge| {
        forge.with_claims(|claims| {
            claims.as_object_mut().expect("object").remove("jti");
        })
    })
    .await;
}

#[tokio::test]
async fn e11_lt_typed_as_an_id_token_or_untyped() {
    assert_refused("not typed logout+jwt", |forge| forge.with_header(|header| header["typ"] = json!("JWT"))).await;
    assert_refused("not typed logout+jwt", |forge| {
        forge.with_header(|header| {
            header.as_object_mut().expect("object").remove("typ");
        })
    })
    .await;
}

#[tokio::test]
async fn e11_lt_with_a_critical_header() {
    assert_refused("critical header parameters are not supported", |forge| {
        forge.with_header(|header| header["crit"] = json!(["exp"]))
    })
    .await;
}

#[tokio::test]
async fn e11_an_id_token_posted_as_a_logout_token() {
    // Exactly what the token endpoint signs (typ JWT, a nonce, no event): never a Logout Token.
    assert_refused("not typed logout+jwt", |forge| {
        let now = Utc::now().timestamp();
        let claims = json!({
            "iss": forge.issuer, "aud": CLIENT_ID, "sub": forge.subject, "sid": forge.sid,
            "iat": now, "exp": now + 300, "nonce": "n", "auth_time": now,
        });
        jws::sign(&claims, &forge.signer.key, Some(&forge.signer.kid), "JWT")
    })
    .await;
}

#[tokio::test]
async fn e11_malformed_empty_oversized_or_encrypted_tokens_are_refused() {
    assert_refused("not a signed JWT", |_| "not-a-jwt".to_owned()).await;
    assert_refused("logout_token missing or too long", |_| String::new()).await;
    assert_refused("logout_token missing or too long", |_| "a".repeat(20_000)).await;
    assert_refused("not a signed JWT", |_| "eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d".to_owned()).await;
    assert_refused("not a signed JWT", |forge| format!("{}\u{0}", forge.sign(&forge.claims()))).await;
}
