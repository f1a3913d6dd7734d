//! The real router with a migrated database, driven with `oneshot` (no socket).

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use domain::testing::TestDatabase;
use http_body_util::BodyExt;
use server::config::Settings;
use server::router::router;
use server::state::AppState;
use tower::ServiceExt;

async fn get(path: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let test = TestDatabase::sqlite().await;
    let settings = Settings::from_sources(include_str!("../../Leptos.toml"), |_| None).expect("settings");
    let state = AppState::new(settings, test.db.clone());
    let response =
        router(state).oneshot(Request::get(path).body(Body::empty()).expect("request")).await.expect("response");
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.expect("body").to_bytes();
    (parts.status, parts.headers, String::from_utf8(bytes.to_vec()).expect("utf-8"))
}

#[tokio::test]
async fn the_root_leads_to_the_officers_page() {
    let (status, headers, _) = get("/").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/backend");
}

#[tokio::test]
async fn the_officers_page_is_thai_with_the_product_name_and_contact_center() {
    let (status, headers, html) = get("/backend").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().expect("ascii").starts_with("text/html"));
    assert!(html.contains(r#"<html lang="th""#), "{html}");
    assert!(html.contains("ศูนย์รวมข้อมูลบริการภาครัฐ"));
    assert!(html.contains("02-612-6060"));
    assert!(html.contains("เจ้าหน้าที่ส่วนกลาง ติดต่อขอรับ Token ที่ DGA Contact Center"));
    assert!(html.contains("<title>เว็บไซต์สำหรับเจ้าหน้าที่ – ศูนย์รวมข้อมูลบริการภาครัฐ</title>"), "{html}");
}

#[tokio::test]
async fn pages_load_only_the_islands_script_and_hide_the_text_size_control_until_hydrated() {
    let (_, _, html) = get("/backend").await;
    assert!(html.contains("<leptos-island"), "the text-size control is an island");
    assert!(html.contains("/pkg/info-backoffice.js"), "the islands script is referenced");
    let class_at = html.find(r#"class="text-size""#).expect("control rendered");
    let tag_start = html[..class_at].rfind('<').expect("tag start");
    let tag = &html[tag_start..class_at + html[class_at..].find('>').expect("tag end")];
    assert!(tag.contains(" hidden"), "hidden until hydrated: {tag}");
}

#[tokio::test]
async fn an_unknown_address_gets_the_thai_not_found_page_with_status_404() {
    let (status, _, html) = get("/no-such-page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("ไม่พบหน้าที่ท่านต้องการ"), "{html}");
}

#[tokio::test]
async fn f4_every_response_carries_the_basic_security_headers() {
    for path in ["/backend", "/no-such-page", "/healthz"] {
        let (_, headers, _) = get(path).await;
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(headers["referrer-policy"], "same-origin", "{path}: nothing leaks to other sites in a Referer");
        assert!(
            headers["content-security-policy"].to_str().expect("ascii").contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert_eq!(headers["cache-control"], "no-cache", "{path}: revalidate, never serve a stale page or bundle");
    }
}

#[tokio::test]
async fn the_health_check_reports_a_reachable_database() {
    let (status, _, body) = get("/healthz").await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ok"));
}
