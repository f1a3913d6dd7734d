//! What operators and their load balancers rely on, through the real router: `/readyz` says whether traffic should
//! come here (and stops saying so when the instance drains), every answer names its request id, a failure's
//! reference is that id, every log line of a request carries it — in text and JSON — and a page answered on purpose
//! with 5xx is logged once, by its cause, not again as an ERROR by the trace layer.

#[expect(dead_code, reason = "shared test support; this binary uses part of it")]
mod support {
    pub mod captured_log;
    pub mod test_app;
}

use app::paths::PROFILE_PAGE;
use axum::http::StatusCode;
use digital_id::faults::{Faults, KeysFault};
use server::logging::LogFormat;
use support::captured_log::CapturedLog;
use support::test_app::{Reply, TestApp};

fn request_id(reply: &Reply) -> String {
    let id = reply.headers.get("x-request-id").and_then(|value| value.to_str().ok()).expect("an X-Request-Id");
    assert!(app::app_error::is_reference(id), "the shape of a reference: {id}");
    id.to_owned()
}

#[tokio::test]
async fn readiness_is_ready_with_every_check_and_stops_when_the_instance_drains() {
    let mut app = TestApp::start().await;
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status, StatusCode::OK, "{ready:?}");
    assert_eq!(ready.body, "ready\ndatabase: ok\nschema: current\ndigital_id: ok\n");

    app.state.readiness.drain();
    let draining = app.get("/readyz").await;
    assert_eq!(draining.status, StatusCode::SERVICE_UNAVAILABLE, "{draining:?}");
    assert!(draining.body.starts_with("not ready\ndraining: shutting down\n"), "{}", draining.body);
    let alive = app.get("/healthz").await;
    assert_eq!((alive.status, alive.body.as_str()), (StatusCode::OK, "ok"), "alive while draining");
    assert_eq!(app.get(app::paths::OFFICERS_PAGE).await.status, StatusCode::OK, "and still serving");
}

#[tokio::test]
async fn readiness_fails_while_digital_id_cannot_be_discovered_or_the_database_is_down() {
    let mut app = TestApp::start().await;
    app.sim.simulator.state().faults.set(Faults { keys: Some(KeysFault::DiscoveryWrongIssuer), ..Faults::default() });
    let reply = app.get("/readyz").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE, "{reply:?}");
    assert_eq!(reply.body, "not ready\ndatabase: ok\nschema: current\ndigital_id: unavailable\n");
    app.sim.simulator.state().faults.set(Faults::default());
    assert_eq!(app.get("/readyz").await.status, StatusCode::OK, "ready again once Digital ID is");

    app.state.db.clone().close().await.expect("the database closes");
    let reply = app.get("/readyz").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE, "{reply:?}");
    assert!(reply.body.contains("database: unreachable\nschema: unknown\n"), "{}", reply.body);
    assert!(!reply.body.contains("Error") && !reply.body.contains("sqlite"), "no cause shown: {}", reply.body);
}

#[tokio::test]
async fn every_answer_has_a_fresh_request_id_of_ours() {
    let mut app = TestApp::start().await;
    let first = request_id(&app.get(app::paths::OFFICERS_PAGE).await);
    let request = axum::http::Request::get("/readyz")
        .header("x-request-id", "CAFEBABE00")
        .body(axum::body::Body::empty())
        .expect("request");
    let second = request_id(&app.send(request).await);
    assert_ne!(first, second);
    assert_ne!(second, "CAFEBABE00", "a client cannot choose the id its request is logged under");
}

#[tokio::test]
async fn a_failure_reference_is_the_request_id_and_each_line_of_the_request_carries_it() {
    let mut app = TestApp::start().await;
    let person = app.person("ผู้ใช้").await;
    app.sign_in(&person).await;
    app.state.db.clone().close().await.expect("the database closes");

    let (log, guard) = CapturedLog::start("");
    let page = app.get(PROFILE_PAGE).await;
    drop(guard);
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE, "{page:?}");
    let id = request_id(&page);
    assert!(page.body.contains(&id), "the page's reference is the request id {id}");

    let text = log.text();
    let errors: Vec<&str> = text.lines().filter(|line| line.contains("ERROR")).collect();
    assert_eq!(errors.len(), 1, "one ERROR line, the cause's (not the trace layer's too):\n{text}");
    assert!(errors[0].contains(&format!("id={id}")) && errors[0].contains("session lookup failed"), "{text}");
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        assert!(line.contains(&format!("id={id}")), "a line without the request's id: {line}");
    }
}

#[tokio::test]
async fn json_logs_are_one_object_per_line_each_naming_the_request() {
    let mut app = TestApp::start().await;
    let person = app.person("ผู้ใช้").await;
    app.sign_in(&person).await;
    app.state.db.clone().close().await.expect("the database closes");

    let (log, guard) = CapturedLog::start_as(LogFormat::Json, ",server=debug");
    let page = app.get(PROFILE_PAGE).await;
    drop(guard);
    let id = request_id(&page);
    let text = log.text();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|error| panic!("not JSON ({error}): {line}")))
        .collect();
    assert!(!lines.is_empty(), "something was logged");
    for line in &lines {
        assert_eq!(line["span"]["id"], serde_json::json!(id), "{line}");
    }
    let error = lines.iter().find(|line| line["level"] == "ERROR").expect("the cause's line");
    assert_eq!(error["fields"]["reference"], serde_json::json!(id), "{error}");
}

#[tokio::test]
async fn a_server_function_refusal_answers_with_its_own_status_not_500() {
    let mut app = TestApp::start().await;
    for loader in ["/api/officer", "/api/tokens", "/api/accounts", "/api/audit", "/api/units", "/api/activation"] {
        let reply = app.get(loader).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{loader} without a session: {reply:?}");
    }
    let person = app.person("ผู้ใช้").await;
    app.sign_in(&person).await;
    let reply = app.get("/api/tokens").await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "not yet activated: {reply:?}");
    let reply = app.get("/api/audit?shown=many").await;
    assert!(reply.status.is_client_error(), "bad arguments are the caller's: {reply:?}");
}
