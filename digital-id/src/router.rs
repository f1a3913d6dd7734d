//! Every route of the simulator, at the real Digital ID's paths, plus `/_sim/*` test controls when faults are
//! enabled.

use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::endpoints::{authorize, discovery, end_session, revocation, token, userinfo};
use crate::faults::Faults;
use crate::simulator::SimState;
use crate::{account_pages, assurance_pages};

/// Builds the router over `state`.
pub fn router(state: Arc<SimState>) -> Router {
    let mut router = Router::new()
        .route("/", get(account_pages::home))
        .route("/.well-known/openid-configuration", get(discovery::openid_configuration))
        .route("/.well-known/openid-configuration/jwks", get(discovery::jwks))
        .route("/connect/authorize", get(authorize::authorize).post(authorize::authorize_post))
        .route(authorize::CALLBACK_PATH, get(authorize::authorize))
        .route("/connect/token", axum::routing::post(token::token))
        .route("/connect/userinfo", get(userinfo::userinfo).post(userinfo::userinfo))
        .route("/connect/endsession", get(end_session::end_session).post(end_session::end_session))
        .route("/connect/revocation", axum::routing::post(revocation::revocation))
        .route("/Account/Login", get(account_pages::login).post(account_pages::login_post))
        .route("/Account/Register", get(account_pages::register).post(account_pages::register_post))
        .route(assurance_pages::ASSURANCE_PATH, get(assurance_pages::assurance).post(assurance_pages::assurance_post))
        .route(end_session::CONFIRM_PATH, axum::routing::post(end_session::confirm))
        .route("/consent", get(account_pages::consent).post(account_pages::consent_post))
        .route("/static/digital-id.css", get(stylesheet))
        .route("/static/fonts/{file}", get(font));
    if state.settings.enable_faults {
        router = router
            .route("/_sim/faults", get(get_faults).put(put_faults).delete(delete_faults))
            .route("/_sim/keys/rotate", axum::routing::post(rotate_keys));
    }
    router.fallback(not_found).layer(axum::middleware::from_fn(crate::browser::security_headers)).with_state(state)
}

async fn not_found() -> Response {
    crate::browser::error_page(StatusCode::NOT_FOUND, "ไม่พบหน้าที่ต้องการ", "ไม่พบหน้านี้ใน Digital ID (ระบบจำลอง)")
}

async fn stylesheet() -> Response {
    static_file("text/css; charset=utf-8", include_bytes!("../assets/digital-id.css"))
}

/// The Sarabun subsets the back office already ships (OFL), reused so the simulator needs no font of its own.
async fn font(axum::extract::Path(file): axum::extract::Path<String>) -> Response {
    let bytes: &'static [u8] = match file.as_str() {
        "sarabun-thai-400-normal.woff2" => include_bytes!("../../public/fonts/sarabun-thai-400-normal.woff2"),
        "sarabun-thai-700-normal.woff2" => include_bytes!("../../public/fonts/sarabun-thai-700-normal.woff2"),
        "sarabun-latin-400-normal.woff2" => include_bytes!("../../public/fonts/sarabun-latin-400-normal.woff2"),
        "sarabun-latin-700-normal.woff2" => include_bytes!("../../public/fonts/sarabun-latin-700-normal.woff2"),
        _ => return not_found().await,
    };
    static_file("font/woff2", bytes)
}

fn static_file(content_type: &'static str, bytes: &'static [u8]) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=86400")], bytes).into_response()
}

async fn get_faults(State(state): State<Arc<SimState>>) -> Json<Faults> {
    Json(state.faults.get())
}

async fn put_faults(State(state): State<Arc<SimState>>, Json(faults): Json<Faults>) -> Json<Faults> {
    state.faults.set(faults);
    Json(state.faults.get())
}

async fn delete_faults(State(state): State<Arc<SimState>>) -> StatusCode {
    state.faults.set(Faults::default());
    StatusCode::NO_CONTENT
}

async fn rotate_keys(State(state): State<Arc<SimState>>) -> Response {
    match state.keys.rotate().await {
        Ok(kid) => Json(serde_json::json!({ "kid": kid })).into_response(),
        Err(error) => {
            tracing::error!(%error, "key rotation failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
