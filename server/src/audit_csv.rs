//! The audit log's CSV download (`GET /backend/audit.csv`): a file, not a page, so it stays a route of ours. It
//! takes the page's filter and scope rules from `app::api::audit` (the page itself is a Leptos route whose data
//! comes from the `audit_page` server function).

use app::api::audit::filter_of;
use app::api::audit::on_server::{CSV_LIMIT, bangkok, query_of, query_string};
use app::paths::AUDIT_PAGE;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use chrono::{TimeZone, Utc};
use domain::audit;
use domain::scope::Tree;

use crate::error_page::internal;
use crate::state::AppState;

/// `GET /backend/audit.csv`
pub async fn csv(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let pairs: Vec<(String, String)> =
        parts.uri.query().and_then(|query| serde_urlencoded::from_str(query).ok()).unwrap_or_default();
    let values = filter_of(pairs);
    let Ok(actor) = app::host::actor_of(&parts) else {
        // The page says why (no permission, or not signed in).
        return crate::responses::see_other(AUDIT_PAGE);
    };
    let now = Utc::now();
    let tree = match Tree::load(&state.db).await {
        Ok(tree) => tree,
        Err(error) => return internal(&state, &parts, &error).await,
    };
    let (query, problems) = query_of(&values, &tree, &actor.scope, now);
    if !problems.is_empty() {
        // The page explains what is wrong with the filter.
        return crate::responses::see_other(&format!("{AUDIT_PAGE}?{}", query_string(&values)));
    }
    let rows = match audit::list(&state.db, &query, CSV_LIMIT).await {
        Ok((rows, _)) => rows,
        Err(error) => return internal(&state, &parts, &error).await,
    };
    let body = match audit::write_csv(&rows, |id| tree.get(id).map(|unit| unit.code.clone())) {
        Ok(body) => body,
        Err(error) => return internal(&state, &parts, &error).await,
    };
    tracing::info!(event = "audit_exported", officer_id = actor.officer.id, rows = rows.len(), "audit log exported");
    let filename = format!(
        "attachment; filename=\"audit-{}.csv\"",
        bangkok().from_utc_datetime(&now.naive_utc()).format("%Y%m%d-%H%M")
    );
    (
        StatusCode::OK,
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (CONTENT_DISPOSITION, filename),
            (CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}
