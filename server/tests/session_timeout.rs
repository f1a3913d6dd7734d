//! The session-timeout warning's server side: every signed-in page carries the session's clock for the dialog (from
//! the configured idle timeout), "stay signed in" restarts the idle timeout but never the absolute end, and a browser
//! whose timer ran out ends the session, audited; the signed-out page then says why. Time passing is the session row
//! moved into the past, as the clock would have left it.

#[expect(dead_code, reason = "shared test support; this binary uses part of it")]
mod support {
    pub mod test_app;
}

use app::paths::{HOME_PAGE, SIGNED_OUT_PAGE};
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use domain::entities::audit_event::AuditEvent;
use domain::entities::officer_session;
use domain::entities::organisation_unit::UnitKind;
use sea_orm::sea_query::Expr;
use sea_orm::{EntityTrait, QueryTrait};
use support::test_app::{Person, Reply, TestApp};

const STAY: &str = "/api/session/extend";
const END: &str = "/api/session/end";

/// An officer imported from CITIZENinfo, signed in and on their home page.
async fn signed_in_officer(app: &mut TestApp) -> (Person, String) {
    app.add_unit("TIME-MIN", "กระทรวงทดสอบเวลา", UnitKind::Ministry, None).await;
    app.add_unit("TIME", "กรมทดสอบเวลา", UnitKind::Department, Some("TIME-MIN")).await;
    let person = app.person("เวลา").await;
    app.import_officer_by_citizen_id(&person.citizen_id, "นางสาวเวลา ทดสอบ", "TIME", "central").await;
    app.sign_in_afresh(&person, HOME_PAGE).await;
    let home = app.get(HOME_PAGE).await;
    let csrf_token = home.field("csrf_token").expect("the page's synchroniser token");
    (person, csrf_token)
}

/// A number in the session-timeout island's props (`"name":123`, HTML-escaped in the page).
fn prop(reply: &Reply, name: &str) -> Option<i64> {
    let key = format!("&quot;{name}&quot;:");
    let at = reply.body.find(&key)? + key.len();
    let digits: String = reply.body[at..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Moves every session's last-seen time `ago` into the past (and, when given, its absolute end to `ends_in`).
async fn age_sessions(app: &TestApp, ago: Duration, ends_in: Option<Duration>) {
    let now = Utc::now();
    let update = officer_session::Entity::update_many()
        .col_expr(officer_session::Column::LastSeenAt, Expr::value(now - ago))
        .apply_if(ends_in, |update, ends_in| {
            update.col_expr(officer_session::Column::ExpiresAt, Expr::value(now + ends_in))
        });
    update.exec(&app.state.db).await.expect("sessions aged");
}

#[tokio::test]
async fn every_signed_in_page_carries_the_sessions_clock_and_a_closed_dialog() {
    let mut app = TestApp::start().await;
    let _ = signed_in_officer(&mut app).await;
    let home = app.get(HOME_PAGE).await;
    assert_eq!(home.status, StatusCode::OK);
    let dialog = home.body.split("<dialog").nth(1).and_then(|rest| rest.split('>').next()).expect("the dialog");
    assert!(dialog.contains(r#"class="timeout-dialog""#), "{dialog}");
    assert!(!dialog.contains(" open"), "closed until the time comes: {dialog}");
    let left = prop(&home, "seconds_left").expect("the clock");
    assert!((1790..=1800).contains(&left), "30 minutes from this request: {left}");
    assert_eq!(prop(&home, "warning_seconds"), Some(120));
    assert!(home.body.contains("&quot;absolute&quot;:false"), "{home:?}");
    // Nobody signed in: no clock, no dialog.
    app.cookies.clear();
    let officers = app.get("/backend").await;
    assert!(!officers.body.contains("timeout-dialog"), "{officers:?}");
}

#[tokio::test]
async fn a_configured_one_minute_idle_timeout_is_warned_of_a_quarter_ahead() {
    let mut app = TestApp::start_configured(&[("SESSION_IDLE_TIMEOUT_MINUTES", "1")]).await;
    let _ = signed_in_officer(&mut app).await;
    let home = app.get(HOME_PAGE).await;
    let left = prop(&home, "seconds_left").expect("the clock");
    assert!((50..=60).contains(&left), "a minute from this request: {left}");
    assert_eq!(prop(&home, "warning_seconds"), Some(15));
}

#[tokio::test]
async fn staying_signed_in_restarts_the_idle_timeout_with_the_sessions_token_only() {
    let mut app = TestApp::start().await;
    let (_, csrf_token) = signed_in_officer(&mut app).await;
    // 29 minutes without a request (the next one, whatever it is, is activity: the layer moves last-seen on).
    age_sessions(&app, Duration::minutes(29), None).await;
    let forged = app.post_as_script(STAY, &[("csrf_token", "not-the-token")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "{forged:?}");
    age_sessions(&app, Duration::minutes(29), None).await;
    let stayed = app.post_as_script(STAY, &[("csrf_token", &csrf_token)]).await;
    assert_eq!(stayed.status, StatusCode::OK, "{stayed:?}");
    let clock: serde_json::Value = serde_json::from_str(&stayed.body).expect("the new clock");
    let left = clock["seconds_left"].as_i64().expect("seconds");
    assert!((1790..=1800).contains(&left), "{clock}");
    assert_eq!(clock["absolute"], false);
    let row = officer_session::Entity::find().one(&app.state.db).await.expect("query").expect("the session");
    assert!(Utc::now() - row.last_seen_at < Duration::seconds(10), "last seen {}", row.last_seen_at);
}

#[tokio::test]
async fn near_the_absolute_end_staying_signed_in_cannot_move_it() {
    let mut app = TestApp::start().await;
    let (_, csrf_token) = signed_in_officer(&mut app).await;
    age_sessions(&app, Duration::minutes(1), Some(Duration::minutes(5))).await;
    let home = app.get(HOME_PAGE).await;
    assert!(home.body.contains("&quot;absolute&quot;:true"), "{home:?}");
    assert!(prop(&home, "seconds_left").is_some_and(|left| (290..=300).contains(&left)));
    let stayed = app.post_as_script(STAY, &[("csrf_token", &csrf_token)]).await;
    let clock: serde_json::Value = serde_json::from_str(&stayed.body).expect("the clock");
    assert_eq!(clock["absolute"], true, "{clock}");
    assert!(clock["seconds_left"].as_i64().is_some_and(|left| left <= 300), "{clock}");
}

#[tokio::test]
async fn once_the_idle_timeout_has_passed_staying_is_refused_as_signed_out() {
    let mut app = TestApp::start().await;
    let (_, csrf_token) = signed_in_officer(&mut app).await;
    age_sessions(&app, Duration::minutes(31), None).await;
    let late = app.post_as_script(STAY, &[("csrf_token", &csrf_token)]).await;
    assert_eq!(late.status, StatusCode::UNAUTHORIZED, "{late:?}");
    assert_eq!(app.session_count().await, 0, "the idle session is gone");
}

#[tokio::test]
async fn a_browser_whose_timer_ran_out_ends_the_session_audited_and_the_signed_out_page_says_why() {
    let mut app = TestApp::start().await;
    let (_, csrf_token) = signed_in_officer(&mut app).await;
    let forged = app.post_as_script(END, &[("csrf_token", "")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "{forged:?}");
    assert_eq!(app.session_count().await, 1, "another site cannot sign the officer out");

    let ended = app.post_as_script(END, &[("csrf_token", &csrf_token)]).await;
    assert_eq!(ended.status, StatusCode::OK, "{ended:?}");
    assert_eq!(app.session_count().await, 0);
    assert!(app.session_cookie().is_none(), "the cookie is cleared");
    let audited = app.audit_events(AuditEvent::SignedOut).await;
    assert_eq!(audited.len(), 1);
    assert!(audited[0].detail.as_deref().is_some_and(|detail| detail.contains("idle timeout")), "{audited:?}");

    let idle = app.get(&format!("{SIGNED_OUT_PAGE}?why=idle")).await;
    assert!(idle.body.contains("ระบบได้ออกจากระบบให้ท่านแล้ว เนื่องจากไม่มีการใช้งาน"), "{idle:?}");
    let limit = app.get(&format!("{SIGNED_OUT_PAGE}?why=limit")).await;
    assert!(limit.body.contains("เนื่องจากครบเวลาใช้งานสูงสุด"), "{limit:?}");
    let other = app.get(&format!("{SIGNED_OUT_PAGE}?why=%3Cscript%3E")).await;
    assert!(other.body.contains("ท่านได้ออกจากระบบเรียบร้อยแล้ว") && !other.body.contains("<script>"), "{other:?}");
}
