//! The audit page's server function: the entries of the actor's scope that match a filter (Bangkok day range,
//! event, acting officer, unit with everything under it), newest first. The same filter gives the CSV download,
//! which stays a plain route of the host (a file download, not a page): it calls [`on_server`] too.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::administration::{AuditFilterValues, AuditPageData};
use crate::app_error::AppError;

/// The audit page's data for `filter` (as typed: what is wrong with it comes back in `problems`, with no entries).
#[server(prefix = "/api", endpoint = "audit", input = GetUrl)]
pub async fn audit_page(
    /// The filter as the page's query gave it.
    #[server(default)]
    filter: AuditFilterValues,
) -> Result<AuditPageData, AppError> {
    on_server::page(filter).await
}

/// The filter of a page's query (`from`, `to`, `event`, `actor`, `unit`): unknown keys ignored, values trimmed and
/// cut to 64 characters (longer ones are refused by the filter's checks anyway).
pub fn filter_of(pairs: impl IntoIterator<Item = (String, String)>) -> AuditFilterValues {
    use crate::paths::fields;
    let mut values = AuditFilterValues::default();
    for (key, value) in pairs {
        let value: String = value.trim().chars().take(64).collect();
        match key.as_str() {
            fields::FROM => values.from = value,
            fields::TO => values.to = value,
            fields::EVENT => values.event = value,
            fields::ACTOR => values.actor = value,
            fields::UNIT => values.unit = value,
            fields::SHOWN => values.shown = value,
            _ => {}
        }
    }
    values
}

/// The server side, shared with the host's CSV download.
#[cfg(feature = "ssr")]
pub mod on_server {
    use std::collections::HashSet;

    use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
    use domain::audit;
    use domain::entities::audit_event::{self, AuditEvent};
    use domain::scope::{Scope, Tree};

    use crate::administration::{AuditFilterValues, AuditPageData, AuditRow, FieldProblem, FormProblem};
    use crate::app_error::AppError;
    use crate::host::views::unit_option;
    use crate::host::{actor, backend, internal};
    use crate::paths::{AUDIT_CSV, AUDIT_PAGE, fields};

    /// Entries the page shows at first, and how many more each "show more" adds.
    pub const PAGE_SIZE: u64 = 50;
    /// The most entries the page shows (the CSV has every match, up to [`CSV_LIMIT`]).
    const PAGE_LIMIT: u64 = 1000;
    /// The most entries one CSV holds; a wider range is split by dates.
    pub const CSV_LIMIT: u64 = 100_000;

    pub(super) async fn page(values: AuditFilterValues) -> Result<AuditPageData, AppError> {
        let actor = actor()?;
        let db = backend()?.db;
        let shown = shown_of(&values.shown);
        // The same cleaning as a page's query gets, whoever calls.
        let values = super::filter_of(pairs(&values));
        let data = async {
            let tree = Tree::load(&db).await?;
            let (query, problems) = query_of(&values, &tree, &actor.scope, Utc::now());
            let scope_ids = sorted(tree.scope_ids(&actor.scope));
            let (rows, truncated) =
                if problems.is_empty() { audit::list(&db, &query, shown).await? } else { (Vec::new(), false) };
            let actors = audit::actors(&db, scope_ids.as_deref()).await?;
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
                more_href: (truncated && shown < PAGE_LIMIT).then(|| more_href(&values, shown + PAGE_SIZE)),
                filter: values,
                problems,
            })
        };
        data.await.map_err(|error| internal("audit page failed", &error))
    }

    /// Bangkok's offset (UTC+7, no daylight saving).
    pub fn bangkok() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
    }

    /// The database query of a filter within `scope`, or what is wrong with the filter.
    pub fn query_of(
        values: &AuditFilterValues,
        tree: &Tree,
        scope: &Scope,
        now: DateTime<Utc>,
    ) -> (audit::Query, Vec<FieldProblem>) {
        let mut problems = Vec::new();
        let problem = |field: &str, problem| FieldProblem { field: field.to_owned(), problem };
        let mut day = |field: &str, typed: &str| match typed {
            "" => None,
            typed => crate::thai_date::parse_day(typed).or_else(|| {
                problems.push(problem(field, FormProblem::DateInvalid));
                None
            }),
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
        let event_code = row.event.code().to_owned();
        AuditRow {
            occurred_at: row.occurred_at,
            event: row.event,
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

    /// The filter's values as key and value pairs, in the query's order.
    fn pairs(values: &AuditFilterValues) -> Vec<(String, String)> {
        [
            (fields::FROM, &values.from),
            (fields::TO, &values.to),
            (fields::EVENT, &values.event),
            (fields::ACTOR, &values.actor),
            (fields::UNIT, &values.unit),
        ]
        .into_iter()
        .map(|(key, value)| (key.to_owned(), value.clone()))
        .collect()
    }

    /// The filter's non-empty values as a query string.
    pub fn query_string(values: &AuditFilterValues) -> String {
        let present: Vec<(String, String)> = pairs(values).into_iter().filter(|(_, value)| !value.is_empty()).collect();
        serde_urlencoded::to_string(present).unwrap_or_default()
    }

    /// How many entries the page shows for `typed` (`shown` of the query): a multiple of [`PAGE_SIZE`] up to
    /// [`PAGE_LIMIT`]; [`PAGE_SIZE`] for anything else.
    pub fn shown_of(typed: &str) -> u64 {
        let asked = typed.trim().parse::<u64>().unwrap_or(PAGE_SIZE).clamp(PAGE_SIZE, PAGE_LIMIT);
        asked.div_ceil(PAGE_SIZE) * PAGE_SIZE
    }

    /// The page with the same filter and `shown` entries.
    fn more_href(values: &AuditFilterValues, shown: u64) -> String {
        match query_string(values) {
            query if query.is_empty() => format!("{AUDIT_PAGE}?{}={shown}", fields::SHOWN),
            query => format!("{AUDIT_PAGE}?{query}&{}={shown}", fields::SHOWN),
        }
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
        fn show_more_keeps_the_filter_and_asks_for_whole_pages_up_to_the_limit() {
            let values = AuditFilterValues { from: "1/12/2569".to_owned(), ..Default::default() };
            assert_eq!(more_href(&values, 100), "/backend/audit?from=1%2F12%2F2569&shown=100");
            assert_eq!(shown_of(""), 50);
            assert_eq!(shown_of("51"), 100);
            assert_eq!(shown_of("999999"), 1000);
            assert_eq!(shown_of("-1"), 50);
        }

        #[test]
        fn a_bangkok_day_starts_at_seventeen_hundred_utc_the_day_before() {
            let date = NaiveDate::from_ymd_opt(2026, 12, 3).expect("a date");
            let start =
                bangkok().from_local_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight")).single().expect("one");
            assert_eq!(start.with_timezone(&Utc).to_rfc3339(), "2026-12-02T17:00:00+00:00");
        }
    }
}
