//! The audit log (`/backend/audit`) of Contact Center staff and central officers: a filter (a `GET` form, so a
//! filtered view is a link), the CSV download of the same filter, and the entries, newest first. The log cannot be
//! changed or deleted, and citizen IDs reach it only masked; the page says both. The entries come from the
//! [`audit_page`] server function, with the page's query as its filter.

use leptos::prelude::*;
use leptos_meta::Title;
use vocabulary::AuditEvent;

use leptos_router::hooks::use_query_map;

use crate::administration::{AuditPageData, AuditRow};
use crate::api::audit::{audit_page, filter_of};
use crate::components::admin_form::{
    DataTable, FieldState, FormField, ProblemSummary, moment, problem_of, unit_option_text,
};
use crate::components::admin_nav::AdminNav;
use crate::components::app_failure::loaded;
use crate::i18n::admin::{AdminText, use_admin_text};
use crate::i18n::{Locale, use_locale};
use crate::paths::{AUDIT_PAGE, fields};

/// The `id` of the region holding the entries (what "show more" replaces).
const RESULTS_ID: &str = "audit-results";
/// The `id` of the entries' heading (where the focus goes once a filter is answered in place).
const ENTRIES_HEADING_ID: &str = "audit-entries-heading";

/// The filter's fields, in the order they appear (their `name` is also their `id`).
const FILTER_FIELDS: [&str; 5] = [fields::FROM, fields::TO, fields::EVENT, fields::ACTOR, fields::UNIT];

/// The audit page: the entries for the query's filter from the server, then [`AuditView`]; "no permission" (403)
/// for an officer who administers nothing.
#[component]
pub fn AuditPage() -> impl IntoView {
    let filter = use_query_map()
        .with_untracked(|query| filter_of(query.clone().into_iter().map(|(key, value)| (key.to_string(), value))));
    let data = Resource::new_blocking(move || filter.clone(), audit_page);
    loaded(data, |data| view! { <AuditView data /> })
}

/// The filter, the CSV link and the matching entries; a filter with problems is answered with HTTP 422.
#[component]
pub fn AuditView(
    /// What the server gave.
    data: AuditPageData,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if !data.problems.is_empty()
        && let Some(response) = use_context::<leptos_axum::ResponseOptions>()
    {
        response.set_status(http::StatusCode::UNPROCESSABLE_ENTITY);
    }
    let text = use_admin_text();
    let locale = use_locale();
    let summary = data
        .problems
        .iter()
        .map(|problem| {
            let id =
                if FILTER_FIELDS.contains(&problem.field.as_str()) { problem.field.as_str() } else { fields::FROM };
            (id.to_owned(), text.problem(problem.problem))
        })
        .collect::<Vec<_>>();
    // More entries match: the next ones in place (a link without JavaScript), or, at the page's limit, the CSV.
    let more = match (&data.more_href, data.truncated) {
        (Some(href), _) => Some(
            view! {
                <p class="actions">
                    <a class="button button--secondary" href=href.clone() data-in-place-more=RESULTS_ID>
                        {text.audit_more}
                    </a>
                </p>
            }
            .into_any(),
        ),
        (None, true) => Some(view! { <p class="warning-text">{text.audit_truncated}</p> }.into_any()),
        (None, false) => None,
    };
    let entries = if data.entries.is_empty() {
        view! { <p class="empty-state">{text.audit_empty}</p> }.into_any()
    } else {
        let rows = data.entries.iter().map(|entry| entry_row(entry, text, locale)).collect_view();
        view! {
            <DataTable
                label=text.audit_title
                class="table--audit"
                headers=vec![
                    text.col_when,
                    text.col_event,
                    text.col_result,
                    text.col_actor,
                    text.col_target,
                    text.col_unit,
                    text.col_ip,
                    text.col_detail,
                ]
            >
                {rows}
            </DataTable>
        }
        .into_any()
    };
    view! {
        <Title text=text.audit_title />
        <AdminNav current=Some(AUDIT_PAGE) />
        <ProblemSummary problems=summary />
        <h1>{text.audit_title}</h1>
        <p class="lead">{text.audit_intro}</p>
        <FilterForm data=data.clone() />
        <p class="actions">
            <a class="button button--secondary" href=data.csv_href.clone()>
                {text.csv_link}
            </a>
        </p>
        <div id=RESULTS_ID>
            <h2 id=ENTRIES_HEADING_ID tabindex="-1">{text.audit_entries_heading}</h2>
            {entries}
            {more}
        </div>
    }
    .into_any()
}

/// The `GET` filter, filled in with the filter shown.
#[component]
fn FilterForm(
    /// The page's data (the filter as typed, its problems, the actors and units to offer).
    data: AuditPageData,
) -> impl IntoView {
    let text = use_admin_text();
    let locale = use_locale();
    let AuditPageData { filter, problems, actors, units, .. } = data;
    let state = |field: &str| {
        let hint = field == fields::FROM || field == fields::TO || field == fields::UNIT;
        FieldState::new(field, hint, problem_of(&problems, field).map(|why| text.problem(why)))
    };
    let [from, to, event, actor, unit] = FILTER_FIELDS.map(state);
    let events = AuditEvent::ALL
        .into_iter()
        .map(|option| {
            view! {
                <option value=option.code() selected=option.code() == filter.event>
                    {text.event_name(option)}
                </option>
            }
        })
        .collect_view();
    let actor_options = actors
        .into_iter()
        .map(|(id, name)| {
            let value = id.to_string();
            let selected = value == filter.actor;
            view! {
                <option value=value selected=selected>
                    {name}
                </option>
            }
        })
        .collect_view();
    // The filter offers retired units too: their history stays in the log.
    let unit_options = units
        .iter()
        .map(|option| {
            view! {
                <option value=option.code.clone() selected=option.code == filter.unit>
                    {unit_option_text(option)}
                </option>
            }
        })
        .collect_view();
    view! {
        <section class="admin-section" aria-labelledby="filter-heading">
            <h2 id="filter-heading">{text.filter_heading}</h2>
            <form
                class="form filter-form"
                method="get"
                action=AUDIT_PAGE
                data-in-place-focus=ENTRIES_HEADING_ID
            >
                <div class="field-row">
                    <FormField
                        id=fields::FROM.to_owned()
                        label=text.field_from
                        hint=Some(text.date_hint)
                        error=from.error
                    >
                        <input
                            id=fields::FROM
                            name=fields::FROM
                            type="text"
                            inputmode="numeric"
                            autocomplete="off"
                            class="field__input field__input--date"
                            value=shown_day(&filter.from, locale)
                            aria-describedby=from.described_by
                            aria-invalid=from.invalid
                        />
                    </FormField>
                    <FormField id=fields::TO.to_owned() label=text.field_to hint=Some(text.date_hint) error=to.error>
                        <input
                            id=fields::TO
                            name=fields::TO
                            type="text"
                            inputmode="numeric"
                            autocomplete="off"
                            class="field__input field__input--date"
                            value=shown_day(&filter.to, locale)
                            aria-describedby=to.described_by
                            aria-invalid=to.invalid
                        />
                    </FormField>
                </div>
                <FormField id=fields::EVENT.to_owned() label=text.field_event hint=None error=event.error>
                    <select
                        id=fields::EVENT
                        name=fields::EVENT
                        class="field__input field__select"
                        aria-describedby=event.described_by
                        aria-invalid=event.invalid
                    >
                        <option value="">{text.all}</option>
                        {events}
                    </select>
                </FormField>
                <FormField id=fields::ACTOR.to_owned() label=text.field_actor hint=None error=actor.error>
                    <select
                        id=fields::ACTOR
                        name=fields::ACTOR
                        class="field__input field__select"
                        aria-describedby=actor.described_by
                        aria-invalid=actor.invalid
                    >
                        <option value="">{text.all}</option>
                        {actor_options}
                    </select>
                </FormField>
                <FormField
                    id=fields::UNIT.to_owned()
                    label=text.field_unit
                    hint=Some(text.unit_filter_hint)
                    error=unit.error
                >
                    <select
                        id=fields::UNIT
                        name=fields::UNIT
                        class="field__input field__select"
                        aria-describedby=unit.described_by
                        aria-invalid=unit.invalid
                    >
                        <option value="">{text.all}</option>
                        {unit_options}
                    </select>
                </FormField>
                <button type="submit" class="button button--primary">
                    {text.filter_button}
                </button>
            </form>
        </section>
    }
}

/// A day of the filter as its field shows it: in the officer's era when it reads as a day, else as typed (to mend).
fn shown_day(typed: &str, locale: Locale) -> String {
    crate::thai_date::parse_day(typed).map_or_else(|| typed.to_owned(), |day| crate::thai_date::day_input(day, locale))
}

/// One entry of the log.
fn entry_row(entry: &AuditRow, text: &'static AdminText, locale: Locale) -> impl IntoView + use<> {
    let none = || view! { <span class="no-data">{text.none}</span> }.into_any();
    // Names and details are typed by people or sent by Digital ID: isolated and clipped as free text (J11).
    let plain = move |value: &Option<String>| {
        value.clone().map_or_else(none, |value| view! { <bdi class="free-text">{value}</bdi> }.into_any())
    };
    let result = if entry.succeeded {
        view! { <strong class="badge badge--done">{text.succeeded}</strong> }.into_any()
    } else {
        let reason = entry.reason.clone().map(|reason| {
            view! {
                <span class="cell-detail">
                    {text.reason_prefix} " " <code>{reason}</code>
                </span>
            }
        });
        view! {
            <strong class="badge badge--stopped">{text.failed}</strong>
            {reason}
        }
        .into_any()
    };
    let actor = entry.actor.clone().map_or_else(
        || view! { {text.system_actor} }.into_any(),
        |name| view! { <bdi class="free-text">{name}</bdi> }.into_any(),
    );
    view! {
        <tr>
            <td>{moment(entry.occurred_at, locale, true)}</td>
            <td>
                <span class="cell-main">{text.event_name(entry.event)}</span>
                <span class="cell-detail">
                    <code>{entry.event_code.clone()}</code>
                </span>
            </td>
            <td>{result}</td>
            <td>{actor}</td>
            <td>{plain(&entry.target)}</td>
            <td>{plain(&entry.unit_name_th)}</td>
            <td>{plain(&entry.client_ip)}</td>
            <td class="table__detail">{plain(&entry.detail)}</td>
        </tr>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use chrono::{TimeZone, Utc};
    use vocabulary::{AuditEvent, Role};

    use leptos::prelude::*;

    use super::AuditView;
    use crate::administration::{AuditFilterValues, AuditPageData, AuditRow, FieldProblem, FormProblem};
    use crate::app_error::AppError;
    use crate::components::app_failure::LoadFailure;
    use crate::paths::AUDIT_PAGE;
    use crate::request_context::{ContactView, RequestContext, Visitor};
    use crate::testing::{Rendered, has_link, officer, render_view};

    fn show(data: AuditPageData) -> Rendered {
        render_view(AUDIT_PAGE, central(), move || view! { <AuditView data /> }.into_any())
    }

    /// What the page shows when its server function refuses the officer.
    fn forbidden(context: RequestContext) -> Rendered {
        render_view(AUDIT_PAGE, context, || view! { <LoadFailure error=AppError::Forbidden /> }.into_any())
    }

    fn central() -> RequestContext {
        let mut officer = officer();
        officer.role = Role::Central;
        RequestContext { visitor: Visitor::Officer(officer), ..Default::default() }
    }

    fn data(entries: Vec<AuditRow>) -> AuditPageData {
        AuditPageData {
            filter: AuditFilterValues { event: "token_redeemed".to_owned(), ..Default::default() },
            problems: Vec::new(),
            entries,
            truncated: false,
            actors: vec![(3, "นางส่วนกลาง หนึ่ง".to_owned())],
            units: Vec::new(),
            csv_href: "/backend/audit.csv?event=token_redeemed".to_owned(),
            more_href: None,
        }
    }

    fn refused_redemption() -> AuditRow {
        AuditRow {
            occurred_at: Utc.with_ymd_and_hms(2026, 12, 3, 6, 45, 0).single().expect("a valid time"),
            event: AuditEvent::TokenRefused,
            event_code: "token_refused".to_owned(),
            succeeded: false,
            reason: Some("wrong_person".to_owned()),
            actor: None,
            target: Some("นายผู้รับ ทดสอบ".to_owned()),
            unit_name_th: Some("สำนักทะเบียน".to_owned()),
            client_ip: Some("203.0.113.9".to_owned()),
            detail: Some("citizen_id=1-1017-xxxxx-03-0".to_owned()),
        }
    }

    #[test]
    fn an_entry_shows_its_translated_event_its_failure_and_only_masked_data() {
        let Rendered { html, status, .. } = show(data(vec![refused_redemption()]));
        assert_eq!(status, None);
        assert!(html.contains(">ปฏิเสธ Token</span>"), "{html}");
        assert!(html.contains(">ไม่สำเร็จ</strong>") && html.contains("<code>wrong_person</code>"));
        assert!(html.contains("1-1017-xxxxx-03-0") && html.contains("203.0.113.9"));
        assert!(html.contains("3 ธันวาคม 2569 เวลา 13:45 น."));
        assert!(html.contains(">ระบบ</td>"), "an entry without an officer was the system's");
        assert!(html.contains("ไม่สามารถแก้ไขหรือลบได้"));
    }

    #[test]
    fn the_filter_is_a_get_form_echoing_the_filter_with_a_csv_link() {
        let Rendered { html, .. } = show(data(Vec::new()));
        assert!(html.contains(&format!(r#"method="get" action="{AUDIT_PAGE}""#)), "{html}");
        assert!(html.contains(r#"<option value="token_redeemed" selected"#));
        // Days are typed as officers write them (day/month/Buddhist-Era year), not in the browser's mm/dd/yyyy.
        assert!(!html.contains(r#"type="date""#) && html.contains(r#"for="from""#));
        assert!(html.contains("วัน/เดือน/ปี พ.ศ. เช่น 7/12/2569"));
        assert!(html.contains(r#"<option value="3">นางส่วนกลาง หนึ่ง</option>"#));
        assert!(has_link(&html, "/backend/audit.csv?event=token_redeemed", "ดาวน์โหลด CSV"));
        assert!(html.contains(">กรอง</button>"));
        assert!(html.contains("ไม่พบรายการที่ตรงกับเงื่อนไข"));
    }

    #[test]
    fn a_truncated_log_points_to_the_csv_and_a_bad_date_is_summarised() {
        let mut data = data(vec![refused_redemption()]);
        data.truncated = true;
        data.problems = vec![FieldProblem { field: "to".to_owned(), problem: FormProblem::DateInvalid }];
        let Rendered { html, status, .. } = show(data);
        assert_eq!(status, Some(http::StatusCode::UNPROCESSABLE_ENTITY));
        assert!(html.contains("แสดงเฉพาะรายการล่าสุด"));
        assert!(html.contains(r##"<a href="#to">วันที่ไม่ถูกต้อง"##), "{html}");
        assert!(html.contains(r#"aria-describedby="to-hint to-error""#));
    }

    #[test]
    fn a_day_given_in_either_era_is_shown_in_the_officers_and_more_entries_are_a_link_to_the_next_ones() {
        let mut data = data(vec![refused_redemption()]);
        data.filter.from = "2026-12-01".to_owned();
        data.filter.to = "31/2/2569".to_owned();
        data.truncated = true;
        data.more_href = Some("/backend/audit?event=token_redeemed&shown=100".to_owned());
        let Rendered { html, .. } = show(data);
        assert!(html.contains(r#"value="1/12/2569""#), "{html}");
        assert!(html.contains(r#"value="31/2/2569""#), "a day that does not exist is shown as typed, to mend");
        assert!(html.contains(
            r#"href="/backend/audit?event=token_redeemed&amp;shown=100" data-in-place-more="audit-results""#
        ));
        assert!(html.contains(">แสดงรายการเพิ่มเติม</a>") && !html.contains("แสดงเฉพาะรายการล่าสุด"));
    }

    #[test]
    fn an_officer_refused_by_the_server_function_is_forbidden() {
        let Rendered { status, .. } = forbidden(central());
        assert_eq!(status, Some(http::StatusCode::FORBIDDEN));
    }

    #[test]
    fn an_agency_officer_refused_the_audit_log_is_told_the_central_officers_of_their_department_by_name() {
        let mut officer = officer();
        officer.central_officers = vec![ContactView {
            name_th: "นายส่วนกลาง ติดต่อได้".to_owned(),
            phone_number: Some("02-141-9000".to_owned()),
            email: Some("central@dopa.go.th".to_owned()),
        }];
        let context = RequestContext { visitor: Visitor::Officer(officer), ..Default::default() };
        let Rendered { html, status, .. } = forbidden(context);
        assert_eq!(status, Some(http::StatusCode::FORBIDDEN));
        assert!(html.contains("เจ้าหน้าที่ส่วนกลางของกรมการปกครอง"), "{html}");
        assert!(html.contains("นายส่วนกลาง ติดต่อได้") && html.contains("mailto:central@dopa.go.th"), "{html}");
    }

    #[test]
    fn a_refused_officer_whose_department_has_no_central_officer_is_sent_to_the_contact_center() {
        let context = RequestContext { visitor: Visitor::Officer(officer()), ..Default::default() };
        let Rendered { html, .. } = forbidden(context);
        assert!(html.contains("ยังไม่มีข้อมูลเจ้าหน้าที่ส่วนกลางในระบบ"), "{html}");
    }
}
