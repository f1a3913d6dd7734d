//! The officers page (`/backend/accounts`) of Contact Center staff and central officers: the officers in their scope
//! with their state and latest sign-in, and for each one they may manage a "ระงับการใช้งาน" or "เปิดใช้งานอีกครั้ง"
//! form and, folded in a `<details>`, a form changing the officer's role or unit. The data comes from the
//! [`accounts_page`] server function; each form is an `<ActionForm>` of [`set_officer_status`] or [`assign_officer`]
//! (a plain POST and redirect without JavaScript). Every field's id carries the officer's id (`role-7`), so the
//! error summary can link to the right row.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use vocabulary::{OfficerStatus, Role};

use crate::administration::{AccountsPageData, Done, FieldProblem, OfficerRow, UnitOption};
use crate::api::accounts::{AssignOfficer, SetOfficerStatus, accounts_page};
use crate::app_error::AppError;
use crate::components::admin_form::{
    DataTable, DoneBanner, FieldState, FormField, ProblemSummary, moment, unit_options,
};
use crate::components::admin_nav::AdminNav;
use crate::components::app_failure::{ActionFailure, loaded};
use crate::components::role_name::role_name;
use crate::i18n::admin::{AdminText, use_admin_text};
use crate::i18n::{Locale, use_locale, use_text};
use crate::paths::{ACCOUNTS_PAGE, CSRF_FIELD, fields};

/// The id of a row's control for `field` (`role-7`, `unit-7`; anything else: the status button, `status-7`).
fn control_id(field: &str, officer_id: i32) -> String {
    let field = if field == fields::ROLE || field == fields::UNIT { field } else { fields::STATUS };
    format!("{field}-{officer_id}")
}

/// The officers page: its data from the server, then [`AccountsView`]; "no permission" (403) for an officer who
/// administers nothing.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let set_status = ServerAction::<SetOfficerStatus>::new();
    let assign = ServerAction::<AssignOfficer>::new();
    let (done, search) = use_query_map().with_untracked(|query| {
        (query.get(fields::DONE).and_then(|code| Done::from_code(&code)), query.get(fields::SEARCH).unwrap_or_default())
    });
    let data = Resource::new_blocking(move || search.clone(), accounts_page);
    loaded(data, move |data| {
        let refusal = set_status
            .value()
            .get_untracked()
            .and_then(Result::err)
            .or_else(|| assign.value().get_untracked().and_then(Result::err));
        view! { <AccountsView data done refusal set_status assign /> }
    })
}

/// The officers in the visitor's scope, with the forms that change them.
#[component]
pub fn AccountsView(
    /// What the server gave.
    data: AccountsPageData,
    /// The action that just succeeded.
    done: Option<Done>,
    /// The last action's refusal, when it was refused.
    refusal: Option<AppError>,
    /// The suspend / reactivate action.
    set_status: ServerAction<SetOfficerStatus>,
    /// The change of role or unit.
    assign: ServerAction<AssignOfficer>,
) -> impl IntoView {
    let text = use_admin_text();
    let locale = use_locale();
    let problem = match &refusal {
        Some(AppError::Field { row: Some(officer_id), problem }) => Some((*officer_id, problem.clone())),
        _ => None,
    };
    let summary = problem
        .iter()
        .map(|(officer_id, problem)| (control_id(&problem.field, *officer_id), text.problem(problem.problem)))
        .collect::<Vec<_>>();
    let forms = Forms { data: &data, problem: problem.as_ref(), set_status, assign };
    let list = if data.officers.is_empty() {
        let empty = if data.search.is_empty() { text.accounts_empty } else { text.accounts_none_found };
        view! { <p class="empty-state">{empty}</p> }.into_any()
    } else {
        let rows = data.officers.iter().map(|officer| officer_row(officer, &forms, text, locale)).collect_view();
        view! {
            <DataTable
                label=text.accounts_title
                headers=vec![
                    text.col_officer,
                    text.col_unit,
                    text.col_role,
                    text.col_status,
                    text.col_last_sign_in,
                    text.col_actions,
                ]
            >
                {rows}
            </DataTable>
        }
        .into_any()
    };
    view! {
        <Title text=text.accounts_title />
        <AdminNav current=Some(ACCOUNTS_PAGE) />
        <ProblemSummary problems=summary />
        <ActionFailure error=refusal />
        <DoneBanner done />
        <h1>{text.accounts_title}</h1>
        <p class="lead">{text.accounts_intro}</p>
        <SearchForm search=data.search.clone() />
        <div id=RESULTS_ID>{list}</div>
    }
}

/// The `id` of the region holding the officers found (what the search replaces as the officer types).
const RESULTS_ID: &str = "accounts-results";

/// The search: a `GET` form (a search is a link); with JavaScript it answers as the officer types, replacing only
/// the officers found (the field keeps its focus and what is typed).
#[component]
fn SearchForm(
    /// The search shown.
    search: String,
) -> impl IntoView {
    let text = use_admin_text();
    view! {
        <form
            class="form search-form"
            method="get"
            action=ACCOUNTS_PAGE
            role="search"
            data-in-place-target=RESULTS_ID
        >
            <FormField
                id=fields::SEARCH.to_owned()
                label=text.accounts_search_label
                hint=Some(text.accounts_search_hint)
                error={None::<&str>}
            >
                <input
                    id=fields::SEARCH
                    name=fields::SEARCH
                    type="search"
                    class="field__input"
                    value=search
                    maxlength="64"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby=format!("{}-hint", fields::SEARCH)
                    aria-controls=RESULTS_ID
                    data-live-search=""
                />
            </FormField>
            <button type="submit" class="button button--secondary">
                {text.search_button}
            </button>
        </form>
    }
}

/// What every row's forms need.
struct Forms<'a> {
    data: &'a AccountsPageData,
    problem: Option<&'a (i32, FieldProblem)>,
    set_status: ServerAction<SetOfficerStatus>,
    assign: ServerAction<AssignOfficer>,
}

/// One officer: who, where, what, their state and latest sign-in, and what the visitor may change.
fn officer_row(
    officer: &OfficerRow,
    forms: &Forms<'_>,
    text: &'static AdminText,
    locale: Locale,
) -> impl IntoView + use<> {
    let main_text = use_text();
    let problem = forms.problem.filter(|(id, _)| *id == officer.id).map(|(_, problem)| problem.clone());
    let masked =
        officer.citizen_id_masked.clone().map(|masked| view! { <span class="cell-detail masked-id">{masked}</span> });
    let (status_class, status_name) = match officer.status {
        OfficerStatus::Active => ("badge badge--done", text.officer_status_name(officer.status)),
        OfficerStatus::Suspended => ("badge badge--stopped", text.officer_status_name(officer.status)),
    };
    let last_sign_in = match officer.last_sign_in_at {
        Some(at) => moment(at, locale, true).into_any(),
        None => view! { <span class="no-data">{text.never_signed_in}</span> }.into_any(),
    };
    let actions = if officer.manageable {
        let status = status_form(officer, forms, problem.as_ref(), text);
        let assign = assign_form(officer, forms, problem.as_ref(), text);
        view! {
            {status}
            {assign}
        }
        .into_any()
    } else {
        // A refusal can still concern a row the visitor may no longer change (their own account, say).
        let error = problem.map(|problem| {
            view! {
                <p id=control_id(&problem.field, officer.id) class="field__error" tabindex="-1">
                    {text.problem(problem.problem)}
                </p>
            }
        });
        view! {
            {error}
            <span class="no-data">{text.not_manageable}</span>
        }
        .into_any()
    };
    view! {
        <tr>
            <td>
                <span class="cell-main">{officer.name_th.clone()}</span>
                {masked}
            </td>
            <td>
                <span class="cell-main">{officer.unit_name_th.clone()}</span>
                <span class="cell-detail">{officer.unit_code.clone()}</span>
            </td>
            <td>{role_name(officer.role, main_text)}</td>
            <td>
                <strong class=status_class>{status_name}</strong>
            </td>
            <td>{last_sign_in}</td>
            <td class="table__actions">{actions}</td>
        </tr>
    }
}

/// "ระงับการใช้งาน" for an active officer (saying their sessions end at once), "เปิดใช้งานอีกครั้ง" otherwise.
fn status_form(
    officer: &OfficerRow,
    forms: &Forms<'_>,
    problem: Option<&FieldProblem>,
    text: &'static AdminText,
) -> impl IntoView + use<> {
    let id = control_id(fields::STATUS, officer.id);
    let error = problem
        .filter(|problem| problem.field != fields::ROLE && problem.field != fields::UNIT)
        .map(|problem| text.problem(problem.problem));
    let (new_status, label, hint, button_class) = match officer.status {
        OfficerStatus::Active => {
            ("suspended", text.suspend_button, Some(text.suspend_hint), "button button--warning button--small")
        }
        OfficerStatus::Suspended => ("active", text.reactivate_button, None, "button button--secondary button--small"),
    };
    let state = FieldState::new(&id, hint.is_some(), error);
    let hint = hint.map(|hint| {
        view! {
            <p id=format!("{id}-hint") class="cell-detail">
                {hint}
            </p>
        }
    });
    let error = state.error.map(|message| {
        view! {
            <p id=format!("{id}-error") class="field__error">
                {message}
            </p>
        }
    });
    let (action, csrf_token, officer_id) = (forms.set_status, forms.data.csrf_token.clone(), officer.id.to_string());
    view! {
        <ActionForm action attr:class="inline-form">
            <input type="hidden" name=CSRF_FIELD value=csrf_token />
            <input type="hidden" name=fields::OFFICER_ID value=officer_id />
            <input type="hidden" name=fields::STATUS value=new_status />
            {error}
            <button id=id.clone() type="submit" class=button_class aria-describedby=state.described_by>
                {label}
            </button>
            {hint}
        </ActionForm>
    }
}

/// The change of role or unit, folded away unless the last submission refused it.
fn assign_form(
    officer: &OfficerRow,
    forms: &Forms<'_>,
    problem: Option<&FieldProblem>,
    text: &'static AdminText,
) -> impl IntoView + use<> {
    let main_text = use_text();
    let role_id = control_id(fields::ROLE, officer.id);
    let unit_id = control_id(fields::UNIT, officer.id);
    let error_of =
        |field: &str| problem.filter(|problem| problem.field == field).map(|problem| text.problem(problem.problem));
    let role = FieldState::new(&role_id, false, error_of(fields::ROLE));
    let unit = FieldState::new(&unit_id, false, error_of(fields::UNIT));
    let open = role.error.is_some() || unit.error.is_some();
    let roles = role_options(&forms.data.assignable_roles, officer.role, main_text, text);
    let units: Vec<UnitOption> = forms.data.units.clone();
    let current_unit = officer.unit_code.clone();
    let (action, csrf_token, officer_id) = (forms.assign, forms.data.csrf_token.clone(), officer.id.to_string());
    view! {
        <details class="row-details" open=open>
            <summary class="row-details__summary">{text.change_summary}</summary>
            <ActionForm action attr:class="form form--compact">
                <input type="hidden" name=CSRF_FIELD value=csrf_token />
                <input type="hidden" name=fields::OFFICER_ID value=officer_id />
                <FormField id=role_id.clone() label=text.field_new_role hint=None error=role.error>
                    <select
                        id=role_id.clone()
                        name=fields::ROLE
                        class="field__input field__select"
                        aria-describedby=role.described_by
                        aria-invalid=role.invalid
                    >
                        {roles}
                    </select>
                </FormField>
                <FormField id=unit_id.clone() label=text.field_new_unit hint=None error=unit.error>
                    <select
                        id=unit_id.clone()
                        name=fields::UNIT
                        class="field__input field__select"
                        aria-describedby=unit.described_by
                        aria-invalid=unit.invalid
                        data-combobox=""
                    >
                        {unit_options(&units, &current_unit)}
                    </select>
                </FormField>
                <button type="submit" class="button button--primary button--small">
                    {text.assign_button}
                </button>
            </ActionForm>
        </details>
    }
}

/// The roles the visitor may give, the officer's current one chosen (or "choose" first, when it is not among them).
fn role_options(
    roles: &[Role],
    current: Role,
    main_text: &'static crate::i18n::Text,
    text: &'static AdminText,
) -> impl IntoView + use<> {
    let choose = (!roles.contains(&current)).then(|| view! { <option value="">{text.choose}</option> });
    let options = roles
        .iter()
        .map(|role| {
            view! {
                <option value=role.code() selected=*role == current>
                    {role_name(*role, main_text)}
                </option>
            }
        })
        .collect_view();
    view! {
        {choose}
        {options}
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use chrono::{TimeZone, Utc};
    use leptos::prelude::*;
    use leptos::server_fn::ServerFn;

    use super::AccountsView;
    use crate::administration::{AccountsPageData, Done, FieldProblem, FormProblem, OfficerRow, UnitOption};
    use crate::api::accounts::{AssignOfficer, SetOfficerStatus};
    use crate::app_error::AppError;
    use crate::paths::ACCOUNTS_PAGE;
    use crate::request_context::{RequestContext, Visitor};
    use crate::testing::{Rendered, officer, render_view};
    use vocabulary::{OfficerStatus, Role, UnitKind};

    fn central() -> RequestContext {
        let mut officer = officer();
        officer.role = Role::Central;
        RequestContext { visitor: Visitor::Officer(officer), ..Default::default() }
    }

    fn row(id: i32, name: &str, status: OfficerStatus, manageable: bool) -> OfficerRow {
        OfficerRow {
            id,
            name_th: name.to_owned(),
            citizen_id_masked: Some(format!("1-1017-xxxxx-0{id}-0")),
            role: Role::Agency,
            unit_code: "D1-1".to_owned(),
            unit_name_th: "สำนักทะเบียน".to_owned(),
            status,
            last_sign_in_at: None,
            manageable,
        }
    }

    fn data(officers: Vec<OfficerRow>) -> AccountsPageData {
        AccountsPageData {
            officers,
            assignable_roles: vec![Role::Agency, Role::ServicePoint],
            units: vec![UnitOption {
                code: "D1-1".to_owned(),
                name_th: "สำนักทะเบียน".to_owned(),
                name_en: None,
                kind: UnitKind::Division,
                parents_th: "กระทรวงมหาดไทย › กรมการปกครอง".to_owned(),
                depth: 2,
                retired: false,
            }],
            csrf_token: "csrf-789".to_owned(),
            search: String::new(),
        }
    }

    fn show(data: AccountsPageData, done: Option<Done>, refusal: Option<AppError>) -> Rendered {
        render_view(ACCOUNTS_PAGE, central(), move || {
            let set_status = ServerAction::<SetOfficerStatus>::new();
            let assign = ServerAction::<AssignOfficer>::new();
            view! { <AccountsView data done refusal set_status assign /> }.into_any()
        })
    }

    #[test]
    fn a_manageable_active_officer_can_be_suspended_and_reassigned() {
        let mut active = row(7, "นายหน่วยงาน เจ็ด", OfficerStatus::Active, true);
        active.last_sign_in_at = Utc.with_ymd_and_hms(2026, 12, 3, 6, 45, 0).single();
        let Rendered { html, status, .. } = show(data(vec![active]), None, None);
        assert_eq!(status, None);
        assert!(html.contains("นายหน่วยงาน เจ็ด") && html.contains("1-1017-xxxxx-07-0"), "{html}");
        assert!(html.contains("3 ธันวาคม 2569 เวลา 13:45 น."));
        assert!(html.contains(r#"action="/api/accounts/status" method="post""#), "{html}");
        assert_eq!(SetOfficerStatus::PATH, "/api/accounts/status");
        assert!(html.contains(r#"name="officer_id" value="7""#) && html.contains(r#"name="status" value="suspended""#));
        assert!(html.contains(r#"name="csrf_token" value="csrf-789""#));
        assert!(html.contains(">ระงับการใช้งาน</button>") && html.contains("ออกจากระบบทันที"));
        assert!(html.contains(r#"action="/api/accounts/assign" method="post""#));
        assert_eq!(AssignOfficer::PATH, "/api/accounts/assign");
        assert!(html.contains(r#"for="role-7""#) && html.contains(r#"id="unit-7""#));
        assert!(html.contains(r#"<option value="agency" selected"#), "the current role is chosen");
        assert!(html.contains(">บันทึกการเปลี่ยนแปลง</button>"));
    }

    #[test]
    fn a_suspended_officer_is_offered_reactivation_and_one_never_signed_in_says_so() {
        let suspended = row(8, "นางระงับ แปด", OfficerStatus::Suspended, true);
        let Rendered { html, .. } = show(data(vec![suspended]), None, None);
        assert!(html.contains(r#"name="status" value="active""#) && html.contains(">เปิดใช้งานอีกครั้ง</button>"));
        assert!(html.contains(">ถูกระงับการใช้งาน</strong>") && html.contains("ยังไม่เคยเข้าสู่ระบบ"));
    }

    #[test]
    fn an_officer_the_visitor_may_not_manage_has_no_forms() {
        let own = row(9, "นางสาวทดลอง ใจดี", OfficerStatus::Active, false);
        let Rendered { html, .. } = show(data(vec![own]), None, None);
        assert!(html.contains("นางสาวทดลอง ใจดี"));
        assert!(!html.contains("/api/accounts/"), "{html}");
        assert!(html.contains("ท่านไม่สามารถเปลี่ยนแปลงบัญชีนี้ได้"));
    }

    #[test]
    fn a_refused_change_opens_that_rows_form_and_links_to_its_field() {
        let data = data(vec![
            row(7, "นายหน่วยงาน เจ็ด", OfficerStatus::Active, true),
            row(8, "นางระงับ แปด", OfficerStatus::Active, true),
        ]);
        let refusal = AppError::Field {
            row: Some(8),
            problem: FieldProblem { field: "unit".to_owned(), problem: FormProblem::RoleDoesNotFitUnit },
        };
        let Rendered { html, .. } = show(data, None, Some(refusal));
        assert!(html.contains(r##"<a href="#unit-8">บทบาทนี้ไม่ตรงกับระดับ"##), "{html}");
        assert!(html.contains(r#"id="unit-8-error""#) && html.contains(r#"aria-describedby="unit-8-error""#));
        assert_eq!(html.matches(r#"aria-invalid="true""#).count(), 1);
        assert_eq!(html.matches("<details open").count(), 1, "only one row is open: {html}");
        let row_8 = html.split(r#"name="officer_id" value="8""#).nth(1).expect("row 8 has forms");
        assert!(row_8.contains("<details open"), "and it is row 8");
    }

    #[test]
    fn a_change_refused_as_a_whole_says_so_at_the_top_and_a_forged_reference_is_not_shown() {
        let rows = vec![row(7, "นายหน่วยงาน เจ็ด", OfficerStatus::Active, true)];
        let Rendered { html, .. } = show(data(rows.clone()), None, Some(AppError::NotFound));
        assert!(html.contains(r#"class="error-summary""#) && html.contains("ไม่พบรายการนี้ในความรับผิดชอบของท่าน"));
        let forged = AppError::Internal { reference: "call 02-999-9999".to_owned() };
        let Rendered { html, .. } = show(data(rows.clone()), None, Some(forged));
        assert!(html.contains("เกิดข้อผิดพลาดในระบบ") && !html.contains("02-999-9999"), "{html}");
        let Rendered { html, .. } =
            show(data(rows), None, Some(AppError::Internal { reference: "0A1B2C3D4E".to_owned() }));
        assert!(html.contains("0A1B2C3D4E"), "{html}");
    }

    #[test]
    fn a_suspension_is_confirmed_with_a_banner() {
        let Rendered { html, .. } = show(data(Vec::new()), Some(Done::Suspended), None);
        assert!(html.contains(r#"role="status""#) && html.contains("ระงับการใช้งานเรียบร้อยแล้ว"));
        assert!(html.contains("ยังไม่มีเจ้าหน้าที่ในความรับผิดชอบของท่าน"));
    }

    #[test]
    fn an_officer_who_administers_nothing_is_forbidden() {
        let Rendered { status, html, .. } = render_view(ACCOUNTS_PAGE, central(), || {
            view! { <crate::components::app_failure::LoadFailure error=AppError::Forbidden /> }.into_any()
        });
        assert_eq!(status, Some(http::StatusCode::FORBIDDEN));
        assert!(html.contains("ไม่มีสิทธิ์เข้าถึงหน้านี้"));
    }
}
