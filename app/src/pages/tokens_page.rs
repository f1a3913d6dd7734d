//! The Tokens page (`/backend/tokens`) of Contact Center staff and central officers: the form that issues an
//! activation Token, and the Tokens in the officer's scope with "ยกเลิก Token" and "ออก Token ใหม่". The data comes
//! from the [`tokens_page`] server function; each form is an `<ActionForm>` of [`issue_token`], [`revoke_token`] or
//! [`reissue_token`] (a plain POST and redirect without JavaScript). After a successful issue or re-issue the page
//! shows instead only the new Token, once (the loader takes it from the session's flash), with its printable
//! activation letter ([`activation_letter`]). An officer who administers nothing gets 403.

mod activation_letter;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use vocabulary::TokenState;

use crate::administration::{Done, FieldProblem, IssueFormValues, TokenRow, TokensPageData};
use crate::api::tokens::{IssueToken, ReissueToken, RevokeToken, tokens_page};
use crate::app_error::AppError;
use crate::components::admin_form::{
    DataTable, DoneBanner, FieldState, FilterField, FormField, ProblemSummary, TextField, TextKind, moment, problem_of,
    unit_options,
};
use crate::components::admin_nav::AdminNav;
use crate::components::app_failure::{ActionFailure, loaded};
use crate::components::login_forms::FreshSignInForm;
use crate::components::role_name::role_name;
use crate::i18n::admin::{AdminText, use_admin_text};
use crate::i18n::{Locale, use_locale, use_text};
use crate::paths::{CSRF_FIELD, TOKENS_PAGE, fields};

use self::activation_letter::IssuedTokenPanel;

/// The `id` of the list's heading, which the error summary links to when a revoke or re-issue was refused.
const LIST_HEADING_ID: &str = "tokens-heading";
/// The `id` of the region holding the list (what its filter narrows).
const LIST_ID: &str = "tokens-list";

/// The issue form's fields, in the order they appear (their `name` is also their `id`).
const ISSUE_FIELDS: [&str; 6] =
    [fields::ROLE, fields::UNIT, fields::CITIZEN_ID, fields::NAME, fields::REFERENCE, fields::LIFETIME_DAYS];

/// The Tokens page: its data from the server, then [`TokensView`]; "no permission" (403) for an officer who
/// administers nothing.
#[component]
pub fn TokensPage() -> impl IntoView {
    let issue = ServerAction::<IssueToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    let reissue = ServerAction::<ReissueToken>::new();
    let data = Resource::new_blocking(|| (), |()| tokens_page());
    let done = use_query_map().with_untracked(|query| query.get(fields::DONE)).and_then(|code| Done::from_code(&code));
    loaded(data, move |data| {
        let refusal = [
            issue.value().get_untracked().and_then(Result::err),
            revoke.value().get_untracked().and_then(Result::err),
            reissue.value().get_untracked().and_then(Result::err),
        ]
        .into_iter()
        .flatten()
        .next();
        view! { <TokensView data done refusal issue revoke reissue /> }
    })
}

/// The issue form and the list of Tokens, or the Token just issued.
#[component]
pub fn TokensView(
    /// What the server gave.
    data: TokensPageData,
    /// The action that just succeeded.
    done: Option<Done>,
    /// The last action's refusal, when it was refused.
    refusal: Option<AppError>,
    /// Issuing a Token.
    issue: ServerAction<IssueToken>,
    /// Revoking one.
    revoke: ServerAction<RevokeToken>,
    /// Re-issuing one.
    reissue: ServerAction<ReissueToken>,
) -> impl IntoView {
    let text = use_admin_text();
    let locale = use_locale();
    if let Some(issued) = data.issued {
        return view! { <IssuedTokenPanel issued /> }.into_any();
    }
    // Every problem of a refused issue form came back with what was typed; otherwise the refusal names its field.
    let problems = match &refusal {
        _ if !data.problems.is_empty() => data.problems.clone(),
        Some(AppError::Field { problem, .. }) => vec![problem.clone()],
        _ => Vec::new(),
    };
    let summary = summary_items(&problems, text);
    let forms = RowForms { csrf_token: data.csrf_token.clone(), revoke, reissue };
    let list = token_list(&data.tokens, &forms, text, locale);
    let issue_form = (!data.reauthentication_needed || data.form != IssueFormValues::default())
        .then(|| view! { <IssueForm data=data.clone() problems action=issue /> });
    view! {
        <Title text=text.tokens_title />
        <AdminNav current=Some(TOKENS_PAGE) />
        <ProblemSummary problems=summary />
        <ActionFailure error=refusal />
        <DoneBanner done />
        <h1>{text.tokens_title}</h1>
        <p class="lead">{text.tokens_intro}</p>
        {data.reauthentication_needed.then(|| view! { <FreshSignInSection /> })}
        // A refused issue keeps what was typed on screen, even when it was refused for an old sign-in.
        {issue_form}
        <h2 id=LIST_HEADING_ID>{text.tokens_list_heading}</h2>
        {(!data.tokens.is_empty())
            .then(|| {
                view! {
                    <FilterField
                        id="tokens-filter"
                        label=text.tokens_filter_label
                        hint=text.tokens_filter_hint
                        rows_of=Some(LIST_ID)
                    />
                }
            })}
        <div id=LIST_ID>{list}</div>
    }
    .into_any()
}

/// What every row's forms need.
struct RowForms {
    csrf_token: String,
    revoke: ServerAction<RevokeToken>,
    reissue: ServerAction<ReissueToken>,
}

/// The error summary's links: a field of the issue form, or the list for a refused revoke or re-issue.
fn summary_items(problems: &[FieldProblem], text: &AdminText) -> Vec<(String, &'static str)> {
    problems
        .iter()
        .map(|problem| {
            let field = problem.field.as_str();
            let id =
                if ISSUE_FIELDS.contains(&field) || field == fields::REAUTHENTICATE { field } else { LIST_HEADING_ID };
            (id.to_owned(), text.problem(problem.problem))
        })
        .collect()
}

/// Instead of the issue form when the session's Digital ID sign-in is too old to issue Tokens: why, and a button
/// for a fresh sign-in that returns here.
#[component]
fn FreshSignInSection() -> impl IntoView {
    let text = use_admin_text();
    view! {
        <section
            class="admin-section panel"
            id=fields::REAUTHENTICATE
            tabindex="-1"
            aria-labelledby="reauthenticate-heading"
        >
            <h2 id="reauthenticate-heading">{text.reauthenticate_heading}</h2>
            <p>{text.reauthenticate_body}</p>
            <FreshSignInForm return_to=TOKENS_PAGE button=text.reauthenticate_button />
        </section>
    }
}

/// The form that issues a Token, filled in with what was typed when the server refused it.
#[component]
fn IssueForm(
    /// The page's data (its roles, units and typed values).
    data: TokensPageData,
    /// What was wrong with the last submission.
    problems: Vec<FieldProblem>,
    /// The issue action.
    action: ServerAction<IssueToken>,
) -> impl IntoView {
    let text = use_admin_text();
    let main_text = use_text();
    let TokensPageData { issuable_roles, units, form, csrf_token, .. } = data;
    let state = |field: &str| FieldState::new(field, true, problem_of(&problems, field).map(|why| text.problem(why)));
    let [role, unit, citizen_id, name, reference, lifetime_days] = ISSUE_FIELDS.map(state);
    // With one role there is nothing to choose, but the select still shows (and sends) it.
    let choose_role = (issuable_roles.len() != 1).then(|| view! { <option value="">{text.choose}</option> });
    let roles = issuable_roles
        .iter()
        .map(|role| {
            let selected = role.code() == form.role;
            view! {
                <option value=role.code() selected=selected>
                    {role_name(*role, main_text)}
                </option>
            }
        })
        .collect_view();
    let lifetime_value = if form.lifetime_days.trim().is_empty() { "7".to_owned() } else { form.lifetime_days.clone() };
    view! {
        <section class="admin-section" aria-labelledby="issue-heading">
            <h2 id="issue-heading">{text.issue_heading}</h2>
            <ActionForm action attr:class="form">
                <input type="hidden" name=CSRF_FIELD value=csrf_token />
                <FormField
                    id=fields::ROLE.to_owned()
                    label=text.field_role
                    hint=Some(text.role_hint)
                    error=role.error
                >
                    <select
                        id=fields::ROLE
                        name=fields::ROLE
                        class="field__input field__select"
                        aria-describedby=role.described_by
                        aria-invalid=role.invalid
                    >
                        {choose_role}
                        {roles}
                    </select>
                </FormField>
                <FormField
                    id=fields::UNIT.to_owned()
                    label=text.field_unit
                    hint=Some(text.unit_hint)
                    error=unit.error
                >
                    <select
                        id=fields::UNIT
                        name=fields::UNIT
                        class="field__input field__select"
                        aria-describedby=unit.described_by
                        aria-invalid=unit.invalid
                        data-combobox=""
                    >
                        <option value="">{text.choose}</option>
                        {unit_options(&units, &form.unit)}
                    </select>
                </FormField>
                <TextField
                    id=fields::CITIZEN_ID.to_owned()
                    name=fields::CITIZEN_ID
                    label=text.field_citizen_id
                    hint=text.citizen_id_hint
                    error=citizen_id.error
                    value=form.citizen_id.clone()
                    kind=TextKind::CitizenId
                    modifier="citizen-id"
                    maxlength=17
                />
                <TextField
                    id=fields::NAME.to_owned()
                    name=fields::NAME
                    label=text.field_name
                    hint=text.name_hint
                    error=name.error
                    value=form.name.clone()
                />
                <TextField
                    id=fields::REFERENCE.to_owned()
                    name=fields::REFERENCE
                    label=text.field_reference
                    hint=text.reference_hint
                    error=reference.error
                    value=form.reference.clone()
                />
                <FormField
                    id=fields::LIFETIME_DAYS.to_owned()
                    label=text.field_lifetime
                    hint=Some(text.lifetime_hint)
                    error=lifetime_days.error
                >
                    <input
                        id=fields::LIFETIME_DAYS
                        name=fields::LIFETIME_DAYS
                        class="field__input field__input--short"
                        type="number"
                        inputmode="numeric"
                        min="1"
                        max="30"
                        step="1"
                        value=lifetime_value
                        aria-describedby=lifetime_days.described_by
                        aria-invalid=lifetime_days.invalid
                    />
                </FormField>
                <button type="submit" class="button button--primary">
                    {text.issue_button}
                </button>
            </ActionForm>
        </section>
    }
}

/// The Tokens as a table, or a sentence when there are none.
fn token_list(tokens: &[TokenRow], forms: &RowForms, text: &'static AdminText, locale: Locale) -> AnyView {
    if tokens.is_empty() {
        return view! { <p class="empty-state">{text.tokens_empty}</p> }.into_any();
    }
    let rows = tokens.iter().map(|token| token_row(token, forms, text, locale)).collect_view();
    view! {
        <DataTable
            label=text.tokens_list_heading
            headers=vec![
                text.col_person,
                text.col_role,
                text.col_unit,
                text.col_reference,
                text.col_issued,
                text.col_expires,
                text.col_status,
                text.col_actions,
            ]
        >
            {rows}
        </DataTable>
    }
    .into_any()
}

/// One Token: who, what, when, its state and the forms that still apply to it.
fn token_row(token: &TokenRow, forms: &RowForms, text: &'static AdminText, locale: Locale) -> impl IntoView + use<> {
    let main_text = use_text();
    let person_id = format!("token-{}-person", token.id);
    let none = || view! { <span class="no-data">{text.none}</span> }.into_any();
    // Typed names and references in <bdi> (and isolated by CSS), so none can reorder the text around it (J11).
    let name = token.intended_name.clone().map_or_else(none, |name| view! { <bdi>{name}</bdi> }.into_any());
    let masked =
        token.citizen_id_masked.clone().map(|masked| view! { <span class="cell-detail masked-id">{masked}</span> });
    let reference = token
        .reference
        .clone()
        .map_or_else(none, |reference| view! { <bdi class="free-text">{reference}</bdi> }.into_any());
    let issued_by = token.issued_by.clone().unwrap_or_else(|| text.issued_by_system.to_owned());
    let status_class = match token.status {
        TokenState::Pending => "badge badge--pending",
        TokenState::Used => "badge badge--done",
        TokenState::Expired => "badge badge--muted",
        TokenState::Revoked => "badge badge--stopped",
    };
    let closed = token.closed_at.map(|at| view! { <span class="cell-detail">{moment(at, locale, false)}</span> });
    let used_by =
        token.used_by.as_deref().map(|name| view! { <span class="cell-detail">{(text.used_by)(name)}</span> });
    // Whom the Token is for, as the confirmation names them: their name, else their masked citizen ID.
    let whom = token.intended_name.clone().or_else(|| token.citizen_id_masked.clone()).unwrap_or_default();
    let revoke = (token.status == TokenState::Pending).then(|| {
        let action = forms.revoke;
        let fields = token_fields(token.id, &forms.csrf_token, text.revoke_button, &person_id, WARNING_BUTTON);
        let question = (text.revoke_question)(&whom);
        view! { <ActionForm action attr:class="inline-form" attr:data-confirm=question>{fields}</ActionForm> }
    });
    let reissue = matches!(token.status, TokenState::Pending | TokenState::Expired).then(|| {
        let action = forms.reissue;
        let fields = token_fields(token.id, &forms.csrf_token, text.reissue_button, &person_id, SECONDARY_BUTTON);
        let question = (text.reissue_question)(&whom);
        view! { <ActionForm action attr:class="inline-form" attr:data-confirm=question>{fields}</ActionForm> }
    });
    view! {
        <tr>
            <td id=person_id.clone()>
                <span class="cell-main">{name}</span>
                {masked}
            </td>
            <td>{role_name(token.role, main_text)}</td>
            <td>
                <span class="cell-main">{token.unit_name_th.clone()}</span>
                <span class="cell-detail">{token.unit_code.clone()}</span>
            </td>
            <td>{reference}</td>
            <td>
                <span class="cell-main">{moment(token.issued_at, locale, false)}</span>
                <span class="cell-detail">{text.issued_by_prefix} " " <bdi>{issued_by}</bdi></span>
            </td>
            <td>{moment(token.expires_at, locale, true)}</td>
            <td>
                <strong class=status_class>{text.token_status_name(token.status)}</strong>
                {closed}
                {used_by}
            </td>
            <td class="table__actions">{revoke} {reissue}</td>
        </tr>
    }
}

/// The classes of the revoke and re-issue buttons.
const WARNING_BUTTON: &str = "button button--warning button--small";
const SECONDARY_BUTTON: &str = "button button--secondary button--small";

/// The fields of a one-button form posting a Token's id; the button is described by the row's person cell, so a
/// screen reader hears whose Token it is without the button's name changing.
fn token_fields(
    token_id: i32,
    csrf_token: &str,
    label: &'static str,
    described_by: &str,
    button_class: &'static str,
) -> impl IntoView + use<> {
    view! {
        <input type="hidden" name=CSRF_FIELD value=csrf_token.to_owned() />
        <input type="hidden" name=fields::TOKEN_ID value=token_id.to_string() />
        <button type="submit" class=button_class aria-describedby=described_by.to_owned()>
            {label}
        </button>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use chrono::{TimeZone, Utc};
    use leptos::prelude::*;
    use leptos::server_fn::ServerFn;
    use vocabulary::{Role, TokenState, UnitKind};

    use super::TokensView;
    use crate::administration::{
        Done, FieldProblem, FormProblem, IssueFormValues, IssuedToken, TokenRow, TokensPageData, UnitOption,
    };
    use crate::api::tokens::{IssueToken, ReissueToken, RevokeToken};
    use crate::app_error::AppError;
    use crate::paths::TOKENS_PAGE;
    use crate::request_context::{RequestContext, Visitor};
    use crate::testing::{Rendered, officer, render_view};

    const REVOKE_TOKEN: &str = RevokeToken::PATH;
    const REISSUE_TOKEN: &str = ReissueToken::PATH;

    fn central() -> RequestContext {
        let mut officer = officer();
        officer.role = Role::Central;
        RequestContext { visitor: Visitor::Officer(officer), ..Default::default() }
    }

    fn token(id: i32, status: TokenState) -> TokenRow {
        TokenRow {
            id,
            intended_name: Some("นายผู้รับ ทดสอบ".to_owned()),
            citizen_id_masked: Some("1-1017-xxxxx-03-0".to_owned()),
            role: Role::Agency,
            unit_name_th: "สำนักทะเบียน".to_owned(),
            unit_code: "D1-1".to_owned(),
            reference: Some("มท 0309/1234".to_owned()),
            issued_at: Utc.with_ymd_and_hms(2026, 12, 3, 6, 45, 0).single().expect("a valid time"),
            expires_at: Utc.with_ymd_and_hms(2026, 12, 10, 6, 45, 0).single().expect("a valid time"),
            status,
            issued_by: Some("นางส่วนกลาง หนึ่ง".to_owned()),
            closed_at: None,
            used_by: None,
        }
    }

    fn data() -> TokensPageData {
        TokensPageData {
            issuable_roles: vec![Role::Agency, Role::ServicePoint],
            units: vec![UnitOption {
                code: "D1-1".to_owned(),
                name_th: "สำนักทะเบียน".to_owned(),
                name_en: None,
                kind: UnitKind::Division,
                parents_th: "กระทรวงมหาดไทย › กรมการปกครอง".to_owned(),
                depth: 2,
                retired: false,
            }],
            tokens: Vec::new(),
            form: IssueFormValues::default(),
            problems: Vec::new(),
            issued: None,
            csrf_token: "csrf-789".to_owned(),
            reauthentication_needed: false,
        }
    }

    fn show(data: TokensPageData, done: Option<Done>, refusal: Option<AppError>) -> Rendered {
        render_view(TOKENS_PAGE, central(), move || {
            let issue = ServerAction::<IssueToken>::new();
            let revoke = ServerAction::<RevokeToken>::new();
            let reissue = ServerAction::<ReissueToken>::new();
            view! { <TokensView data done refusal issue revoke reissue /> }.into_any()
        })
    }

    #[test]
    fn j11_names_and_references_in_the_token_list_are_isolated_so_none_reorders_the_text_beside_it() {
        let mut data = data();
        data.tokens = vec![token(41, TokenState::Pending)];
        let Rendered { html, .. } = show(data, None, None);
        assert!(html.contains(r#"<span class="cell-main"><bdi>นายผู้รับ ทดสอบ</bdi></span>"#), "{html}");
        assert!(html.contains(r#"<bdi class="free-text">มท 0309/1234</bdi>"#), "{html}");
        assert!(html.contains("<bdi>นางส่วนกลาง หนึ่ง</bdi>"), "{html}");
    }

    #[test]
    fn e13_an_old_sign_in_gets_a_fresh_digital_id_sign_in_that_returns_here_instead_of_the_issue_form() {
        let mut data = data();
        data.reauthentication_needed = true;
        data.tokens = vec![token(41, TokenState::Pending)];
        let Rendered { html, .. } = show(data, None, None);
        assert!(!html.contains(r#"name="citizen_id""#), "no issue form: {html}");
        assert!(html.contains("ยืนยันตัวตนอีกครั้งก่อนออก Token"), "{html}");
        assert!(html.contains(&format!(r#"action="{}""#, crate::paths::LOGIN)));
        assert!(
            html.contains(r#"name="fresh" value="1""#) && html.contains(r#"name="return_to" value="/backend/tokens""#)
        );
        assert!(html.contains("นายผู้รับ ทดสอบ"), "the list stays");
    }

    #[test]
    fn e13_a_refused_issue_for_an_old_sign_in_links_its_summary_to_the_fresh_sign_in() {
        let mut data = data();
        data.reauthentication_needed = true;
        let refusal = AppError::field("reauthenticate", FormProblem::ReauthenticationNeeded);
        let Rendered { html, .. } = show(data, None, Some(refusal));
        assert!(html.contains(r##"href="#reauthenticate""##) && html.contains(r#"id="reauthenticate""#), "{html}");
        assert!(html.contains("กรุณายืนยันตัวตนด้วย Digital ID อีกครั้งก่อนออก Token"));
    }

    #[test]
    fn a_pending_token_is_listed_with_revoke_and_reissue_forms_and_a_buddhist_era_date() {
        let mut data = data();
        data.tokens = vec![token(41, TokenState::Pending), token(42, TokenState::Used)];
        let Rendered { html, status, .. } = show(data, None, None);
        assert_eq!(status, None);
        assert!(html.contains("นายผู้รับ ทดสอบ") && html.contains("1-1017-xxxxx-03-0"), "{html}");
        assert!(html.contains("3 ธันวาคม 2569"), "issued date in the Buddhist Era");
        assert!(html.contains(">รอใช้งาน</strong>") && html.contains(">ใช้แล้ว</strong>"));
        assert!(html.contains(r#"action="/api/tokens/revoke" method="post""#), "{html}");
        assert!(html.contains(r#"action="/api/tokens/reissue" method="post""#));
        assert_eq!((REVOKE_TOKEN, REISSUE_TOKEN), ("/api/tokens/revoke", "/api/tokens/reissue"));
        assert!(html.contains(r#"name="token_id" value="41""#));
        assert!(!html.contains(r#"name="token_id" value="42""#), "a used Token has no forms");
        assert!(html.contains(">ยกเลิก Token</button>") && html.contains(">ออก Token ใหม่</button>"));
        assert!(html.contains(r#"name="csrf_token" value="csrf-789""#));
        assert!(html.contains(r#"aria-current="page""#), "the admin navigation marks this page");
        // With JavaScript (`in_place`): revoke and re-issue ask first, naming whom the Token is for; the list has a
        // filter, hidden until the script runs; the island is on the page with its words.
        assert!(html.contains(r#"data-confirm="ยกเลิก Token ของ นายผู้รับ ทดสอบ หรือไม่"#), "{html}");
        assert!(html.contains(r#"data-confirm="ออก Token ใหม่ให้ นายผู้รับ ทดสอบ หรือไม่"#));
        assert!(html.contains(r#"data-filter-rows="tokens-list""#) && html.contains(r#"<div id="tokens-list">"#));
        assert!(html.contains(r#"<div data-needs-script="" hidden class="filter-field">"#), "{html}");
        assert!(html.contains(r#"data-component="InPlace_"#));
    }

    #[test]
    fn the_issue_form_offers_the_roles_and_units_and_defaults_to_seven_days() {
        let Rendered { html, .. } = show(data(), None, None);
        assert!(html.contains(r#"data-citizen-id="""#), "the citizen ID is checked as typed: {html}");
        assert!(!html.contains("data-filter-rows"), "no list, no filter");
        assert!(html.contains(r#"action="/api/tokens/issue" method="post""#), "{html}");
        assert_eq!(IssueToken::PATH, "/api/tokens/issue");
        assert!(html.contains(r#"value="agency""#) && html.contains(r#"value="service_point""#));
        assert!(html.contains("สำนักทะเบียน (กระทรวงมหาดไทย › กรมการปกครอง)"), "{html}");
        assert!(html.contains(r#"for="citizen_id""#) && html.contains(r#"inputmode="numeric""#));
        assert!(html.contains(r#"name="lifetime_days""#) && html.contains(r#"value="7""#));
        assert!(html.contains(">ออก Token</button>"));
        assert!(html.contains("ยังไม่มี Token ในความรับผิดชอบของท่าน"), "the empty list says so");
    }

    #[test]
    fn an_issued_token_is_shown_grouped_with_its_letter_and_without_the_list() {
        let mut data = data();
        data.tokens = vec![token(41, TokenState::Pending)];
        data.issued = Some(IssuedToken {
            grouped: "7K3M-Q9XA-ABCD-EFGH-JKLM-NPQR-STUV".to_owned(),
            intended_name: "นายผู้รับ ทดสอบ".to_owned(),
            citizen_id_masked: "1-1017-xxxxx-03-0".to_owned(),
            role: Role::Agency,
            unit_name_th: "สำนักทะเบียน".to_owned(),
            unit_parents_th: "กระทรวงมหาดไทย › กรมการปกครอง".to_owned(),
            reference: Some("มท 0309/1234".to_owned()),
            issued_at: Utc.with_ymd_and_hms(2026, 12, 3, 6, 45, 0).single().expect("a valid time"),
            expires_at: Utc.with_ymd_and_hms(2026, 12, 10, 6, 45, 0).single().expect("a valid time"),
            issued_by: "นางส่วนกลาง หนึ่ง".to_owned(),
            replaces_token_id: Some(40),
        });
        let Rendered { html, status, .. } = show(data, None, None);
        assert_eq!(status, None);
        assert!(html.contains("Token สำหรับ นายผู้รับ ทดสอบ"), "{html}");
        assert!(html.contains("7K3M-Q9XA-ABCD-EFGH-JKLM-NPQR-STUV"));
        assert!(html.contains(r#"class="token-display""#));
        assert!(html.contains("Token นี้แสดงเพียงครั้งเดียว จดหรือพิมพ์ก่อนออกจากหน้านี้"));
        assert!(html.contains("หนังสือแจ้ง Token") && html.contains("10 ธันวาคม 2569 เวลา 13:45 น."));
        assert!(html.contains("Token เดิมถูกยกเลิกแล้ว"));
        assert!(html.contains(r#"data-component="PrintButton"#) && html.contains("ใช้คำสั่งพิมพ์ของเบราว์เซอร์"));
        assert!(!html.contains(REVOKE_TOKEN) && !html.contains(r#"name="citizen_id""#), "no list and no form");
    }

    #[test]
    fn refused_fields_are_summarised_with_links_and_marked_invalid() {
        let mut data = data();
        data.form =
            IssueFormValues { citizen_id: "12345".to_owned(), name: "<b>x</b>".to_owned(), ..Default::default() };
        data.problems = vec![FieldProblem { field: "citizen_id".to_owned(), problem: FormProblem::CitizenIdLength }];
        let Rendered { html, .. } = show(data, None, None);
        assert!(html.contains(r#"role="alert""#), "{html}");
        assert!(html.contains(r##"<a href="#citizen_id">เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก</a>"##));
        assert!(html.contains(r#"aria-describedby="citizen_id-hint citizen_id-error""#));
        assert!(html.contains(r#"aria-invalid="true""#) && html.contains(r#"value="12345""#));
        assert!(html.contains(r#"value="&lt;b&gt;x&lt;/b&gt;""#), "typed text is escaped");
    }

    #[test]
    fn every_problem_kept_with_the_typed_form_is_summarised_not_only_the_refusals_first() {
        let mut data = data();
        data.form =
            IssueFormValues { citizen_id: "12345".to_owned(), lifetime_days: "31".to_owned(), ..Default::default() };
        data.problems = vec![
            FieldProblem { field: "citizen_id".to_owned(), problem: FormProblem::CitizenIdLength },
            FieldProblem { field: "lifetime_days".to_owned(), problem: FormProblem::LifetimeInvalid },
        ];
        let refusal = AppError::field("citizen_id", FormProblem::CitizenIdLength);
        let Rendered { html, .. } = show(data, None, Some(refusal));
        assert!(
            html.contains(r##"<a href="#citizen_id">"##) && html.contains(r##"<a href="#lifetime_days">"##),
            "{html}"
        );
        assert_eq!(html.matches(r#"aria-invalid="true""#).count(), 2);
    }

    #[test]
    fn a_revoke_refused_because_the_token_was_used_meanwhile_links_to_the_list() {
        let mut data = data();
        data.tokens = vec![token(41, TokenState::Used)];
        let Rendered { html, .. } = show(data, None, Some(AppError::field("token_id", FormProblem::NotPending)));
        assert!(html.contains(r##"<a href="#tokens-heading">"##) && html.contains(r#"id="tokens-heading""#), "{html}");
    }

    #[test]
    fn a_revoke_refused_as_a_whole_says_so_at_the_top_and_a_forged_reference_is_not_shown() {
        let Rendered { html, .. } = show(data(), None, Some(AppError::NotFound));
        assert!(html.contains(r#"class="error-summary""#) && html.contains("ไม่พบรายการนี้ในความรับผิดชอบของท่าน"));
        let forged = AppError::Internal { reference: "call 02-999-9999".to_owned() };
        let Rendered { html, .. } = show(data(), None, Some(forged));
        assert!(html.contains("เกิดข้อผิดพลาดในระบบ") && !html.contains("02-999-9999"), "{html}");
    }

    #[test]
    fn a_revoked_token_is_confirmed_with_a_banner() {
        let Rendered { html, .. } = show(data(), Some(Done::Revoked), None);
        assert!(html.contains(r#"role="status""#) && html.contains("ยกเลิก Token เรียบร้อยแล้ว"));
    }

    #[test]
    fn an_officer_who_administers_nothing_is_forbidden() {
        let Rendered { html, status, .. } = render_view(TOKENS_PAGE, central(), || {
            view! { <crate::components::app_failure::LoadFailure error=AppError::Forbidden /> }.into_any()
        });
        assert_eq!(status, Some(http::StatusCode::FORBIDDEN));
        assert!(html.contains("ไม่มีสิทธิ์เข้าถึงหน้านี้"));
        assert!(!html.contains(r#"name="citizen_id""#));
    }
}
