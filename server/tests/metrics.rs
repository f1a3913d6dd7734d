//! The operators' `/metrics` after a real journey (sign-ins through the Digital ID simulator, a refused Token, page
//! views): what it counts, that it names no person and carries no secret, and that the public router never serves it.

#[allow(dead_code, reason = "shared test support; this binary uses part of it")]
mod support {
    pub mod test_app;
}

use app::paths::{ACTIVATION_PAGE, HOME_PAGE};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use domain::activation::ActivationToken;
use http_body_util::BodyExt;
use support::test_app::TestApp;
use tower::ServiceExt;

/// `GET path` on the operators' router of `app`'s state: the status, the content type and the body.
async fn operator_get(app: &TestApp, path: &str) -> (StatusCode, String, String) {
    let response = server::operator::router(app.state.clone())
        .oneshot(Request::get(path).body(Body::empty()).expect("request"))
        .await
        .expect("a response");
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let status = response.status();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    (status, content_type, String::from_utf8(bytes.to_vec()).expect("UTF-8"))
}

/// The value of the sample `series` (name and labels, exactly as written), if the exposition has it.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
}

#[tokio::test]
async fn metrics_count_sign_ins_refused_tokens_and_page_views_and_name_nobody() {
    let mut app = TestApp::start().await;
    app.unit_tree("METRICS").await;

    // Someone with no officer record signs in and types a Token nobody issued.
    let newcomer = app.person("มาใหม่").await;
    app.sign_in_afresh(&newcomer, ACTIVATION_PAGE).await;
    let newcomer_session = app.session_cookie().expect("a pending session");
    let csrf = app.get(ACTIVATION_PAGE).await.field("csrf_token").expect("the form's token");
    let wrong = ActivationToken::generate().grouped();
    let refused = app.activate(&[("csrf_token", &csrf), ("token", &wrong)]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{refused:?}");

    // An imported officer signs in and opens the home page twice.
    let officer = app.person("ตัวชี้วัด").await;
    app.import_officer(&officer, "นางสาวตัวชี้วัด ทดสอบระบบ", "METRICS", "central").await;
    app.sign_in_afresh(&officer, HOME_PAGE).await;
    let officer_session = app.session_cookie().expect("a session");
    for _ in 0..2 {
        assert_eq!(app.get(HOME_PAGE).await.status, StatusCode::OK);
    }

    let (status, content_type, text) = operator_get(&app, "/metrics").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("application/openmetrics-text"), "{content_type}");
    assert!(text.ends_with("# EOF\n"), "a complete exposition");

    let at_least = |series: &str, least: f64| {
        let value = sample(&text, series).unwrap_or_else(|| panic!("no {series} in\n{text}"));
        assert!(value >= least, "{series} = {value}, expected at least {least}");
    };
    // The audit log's counters are the process's: other tests of this binary may have added to them.
    at_least(r#"info_backoffice_sign_ins_total{outcome="signed_in",reason="none"}"#, 1.0);
    at_least(r#"info_backoffice_token_redemptions_total{outcome="refused",reason="unknown"}"#, 1.0);
    // Requests and Digital ID calls are this state's own.
    let home = r#"info_backoffice_http_requests_total{route="/backend/home",method="GET",status="200"}"#;
    assert_eq!(sample(&text, home), Some(2.0), "{text}");
    at_least(r#"info_backoffice_http_request_duration_seconds_count{route="/backend/home"}"#, 2.0);
    at_least(
        r#"info_backoffice_http_requests_total{route="/api/activation/activate",method="POST",status="303"}"#,
        1.0,
    );
    at_least(r#"info_backoffice_digital_id_request_duration_seconds_count{endpoint="discovery"}"#, 1.0);
    at_least(r#"info_backoffice_digital_id_request_duration_seconds_count{endpoint="jwks"}"#, 1.0);
    at_least(r#"info_backoffice_digital_id_request_duration_seconds_count{endpoint="token"}"#, 2.0);
    at_least(r#"info_backoffice_digital_id_request_duration_seconds_count{endpoint="userinfo"}"#, 2.0);
    // Read at the scrape: the officer's and the newcomer's sessions, a closed breaker, the pool.
    at_least("info_backoffice_sessions_active", 2.0);
    assert_eq!(sample(&text, "info_backoffice_activation_breaker_open"), Some(0.0), "{text}");
    at_least("info_backoffice_db_pool_max_connections", 1.0);
    assert!(sample(&text, "info_backoffice_db_pool_idle_connections").is_some(), "{text}");

    for secret in [
        newcomer.citizen_id.as_str(),
        officer.citizen_id.as_str(),
        newcomer_session.as_str(),
        officer_session.as_str(),
        csrf.as_str(),
        wrong.as_str(),
        &wrong.replace('-', ""),
        newcomer.subject.as_str(),
        officer.subject.as_str(),
    ] {
        assert!(!text.contains(secret), "/metrics shows {secret:?}");
    }
}

#[tokio::test]
async fn the_public_router_never_serves_metrics_and_the_operators_router_answers_the_probes() {
    let mut app = TestApp::start().await;
    for path in ["/metrics", "/metrics/", "/backend/metrics"] {
        let reply = app.get(path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!reply.body.contains("info_backoffice_"), "{path}");
    }
    let (status, _, body) = operator_get(&app, "/healthz").await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ok"));
    let (status, _, body) = operator_get(&app, "/readyz").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, _) = operator_get(&app, "/backend/home").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the operators' router serves no page");
}
