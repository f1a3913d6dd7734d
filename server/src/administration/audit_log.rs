//! The audit log of the scope: filtered by Bangkok day range, event, acting officer and unit (with everything
//! under it), as a page of the newest entries or as a CSV download of all of them.

use std::collections::HashSet;

use app::administration::{AuditEventView, AuditFilterValues, AuditPageData, AuditRow, FieldProblem, FormProblem};
use app::paths::{AUDIT_CSV, AUDIT_PAGE, fields};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use domain::audit;
use domain::entities::audit_event::{self, AuditEvent};
use domain::scope::{Scope, Tree};

use super::{actor, internal, problem, render, unit_option};
use crate::state::AppState;

/// Entries shown on the page (the CSV has every match, up to [`CSV_LIMIT`]).
const PAGE_LIMIT: u64 = 200;
/// The most entries one CSV holds; a wider range is split by dates.
const CSV_LIMIT: u64 = 100_000;

/// `GET /backend/audit`
pub async fn page(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let actor = match actor(&state, &parts, AUDIT_PAGE).await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    let values = filter_values(&parts);
    let data = async {
        let tree = Tree::load(&state.db).await?;
        let (query, problems) = query_of(&values, &tree, &actor.scope, Utc::now());
        let scope_ids = sorted(tree.scope_ids(&actor.scope));
        let (rows, truncated) =
            if problems.is_empty() { audit::list(&state.db, &query, PAGE_LIMIT).await? } else { (Vec::new(), false) };
        let actors = audit::actors(&state.db, scope_ids.as_deref()).await?;
        Ok::<_, sea_orm::DbErr>(AuditPageData {
            entries: rows.into_iter().map(|row| audit_row(row, &tree)).collect(),
            truncated,
            actors,
            units: tree
                .in_scope(&actor.scope)
                .into_iter()
                .map(|(unit, depth)| unit_option(&tree, unit, *depth))
                .collect(),
            csv_href: csv_href(&values),
            filter: values,
            problems,
        })
    };
    match data.await {
        Ok(data) => {
            let status = (!data.problems.is_empty()).then_some(StatusCode::UNPROCESSABLE_ENTITY);
            render(&state, &parts, AUDIT_PAGE, Some(data), status).await
        }
        Err(error) => internal(&state, &parts, &error).await,
    }
}

/// `GET /backend/audit.csv`
pub async fn csv(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let actor = match actor(&state, &parts, AUDIT_PAGE).await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    let values = filter_values(&parts);
    let now = Utc::now();
    let tree = match Tree::load(&state.db).await {
        Ok(tree) => tree,
        Err(error) => return internal(&state, &parts, &error).await,
    };
    let (query, problems) = query_of(&values, &tree, &actor.scope, now);
    if !problems.is_empty() {
        // The page explains what is wrong with the filter.
        return crate::auth::see_other(&format!("{AUDIT_PAGE}?{}", query_string(&values)));
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

fn bangkok() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// The filter as the query gave it (unknown keys ignored; overlong values cut, they are refused below anyway).
fn filter_values(parts: &Parts) -> AuditFilterValues {
    let pairs: Vec<(String, String)> =
        parts.uri.query().and_then(|query| serde_urlencoded::from_str(query).ok()).unwrap_or_default();
    let mut values = AuditFilterValues::default();
    for (key, value) in pairs {
        let value: String = value.trim().chars().take(64).collect();
        match key.as_str() {
            fields::FROM => values.from = value,
            fields::TO => values.to = value,
            fields::EVENT => values.event = value,
            fields::ACTOR => values.actor = value,
            fields::UNIT => values.unit = value,
            _ => {}
        }
    }
    values
}

/// The database query of a filter within `scope`, or what is wrong with the filter.
fn query_of(
    values: &AuditFilterValues,
    tree: &Tree,
    scope: &Scope,
    now: DateTime<Utc>,
) -> (audit::Query, Vec<FieldProblem>) {
    let mut problems = Vec::new();
    let mut day = |field: &str, typed: &str| match typed {
        "" => None,
        typed => match NaiveDate::parse_from_str(typed, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                problems.push(problem(field, FormProblem::DateInvalid));
                None
            }
        },
    };
    let from_day = day(fields::FROM, &values.from);
    let to_day = day(fields::TO, &values.to);
    if let (Some(from), Some(to)) = (from_day, to_day)
        && to < from
    {
        problems.push(problem(fields::TO, FormProblem::DateInvalid));
    }
    let start_of = |date: NaiveDate| {
        bangkok()
            .from_local_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight exists"))
            .single()
            .map(|at| at.with_timezone(&Utc))
    };
    let event = match values.event.as_str() {
        "" => None,
        code => AuditEvent::from_code(code).or_else(|| {
            problems.push(problem(fields::EVENT, FormProblem::TextInvalid));
            None
        }),
    };
    let actor_officer_id = match values.actor.as_str() {
        "" => None,
        typed => typed.parse::<i32>().ok().or_else(|| {
            problems.push(problem(fields::ACTOR, FormProblem::TextInvalid));
            None
        }),
    };
    let scope_ids = tree.scope_ids(scope);
    let unit_ids: Option<HashSet<i32>> = match values.unit.as_str() {
        "" => scope_ids,
        code => match tree.by_code(code).filter(|unit| tree.contains(scope, unit.id)) {
            Some(unit) => Some(tree.subtree(unit.id)),
            None => {
                problems.push(problem(fields::UNIT, FormProblem::UnitNotAllowed));
                Some(HashSet::new())
            }
        },
    };
    let query = audit::Query {
        unit_ids: sorted(unit_ids),
        from: from_day.and_then(start_of),
        until: to_day
            .and_then(|day| day.checked_add_signed(Duration::days(1)))
            .and_then(start_of)
            .or(Some(now + Duration::minutes(1))),
        event,
        actor_officer_id,
    };
    (query, problems)
}

fn sorted(ids: Option<HashSet<i32>>) -> Option<Vec<i32>> {
    ids.map(|ids| {
        let mut ids: Vec<i32> = ids.into_iter().collect();
        ids.sort_unstable();
        ids
    })
}

fn audit_row(row: audit_event::Model, tree: &Tree) -> AuditRow {
    let event_code = row.event.code();
    AuditRow {
        occurred_at: row.occurred_at,
        event: AuditEventView::from_code(&event_code).unwrap_or(AuditEventView::TokenRefused),
        event_code,
        succeeded: row.succeeded,
        reason: row.reason,
        actor: row.actor_name,
        target: row.target_name,
        unit_name_th: row.unit_id.and_then(|id| tree.get(id)).map(|unit| unit.name_th.clone()),
        client_ip: row.client_ip,
        detail: row.detail,
    }
}

/// The filter's non-empty values as a query string.
fn query_string(values: &AuditFilterValues) -> String {
    let pairs = [
        (fields::FROM, &values.from),
        (fields::TO, &values.to),
        (fields::EVENT, &values.event),
        (fields::ACTOR, &values.actor),
        (fields::UNIT, &values.unit),
    ];
    let present: Vec<(&str, &String)> = pairs.into_iter().filter(|(_, value)| !value.is_empty()).collect();
    serde_urlencoded::to_string(present).unwrap_or_default()
}

fn csv_href(values: &AuditFilterValues) -> String {
    match query_string(values) {
        query if query.is_empty() => AUDIT_CSV.to_owned(),
        query => format!("{AUDIT_CSV}?{query}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csv_link_carries_the_same_filter() {
        let values = AuditFilterValues {
            from: "2026-12-01".to_owned(),
            event: "token_issued".to_owned(),
            unit: "DOPA".to_owned(),
            ..Default::default()
        };
        assert_eq!(csv_href(&values), "/backend/audit.csv?from=2026-12-01&event=token_issued&unit=DOPA");
        assert_eq!(csv_href(&AuditFilterValues::default()), "/backend/audit.csv");
    }

    #[test]
    fn a_bangkok_day_starts_at_seventeen_hundred_utc_the_day_before() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 3).expect("a date");
        let start = bangkok().from_local_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight")).single().expect("one");
        assert_eq!(start.with_timezone(&Utc).to_rfc3339(), "2026-12-02T17:00:00+00:00");
    }
}
