//! The organisation tree (`/backend/units`) of Contact Center staff: every unit, indented by level, retired ones
//! marked; a form adding a unit; and for each unit still in use, folded in a `<details>`, forms renaming, moving and
//! retiring it. The data comes from the [`units_page`] server function; each form is an `<ActionForm>` of
//! [`create_unit`], [`rename_unit`], [`move_unit`] or [`retire_unit`] (a plain POST and redirect without
//! JavaScript). A refused one comes back with that unit's forms open, what was typed (from the session's flash) and
//! the error beside the field. Anyone but Contact Center staff gets 403.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use vocabulary::UnitKind;

use crate::administration::{Done, FieldProblem, UnitOption, UnitsPageData};
use crate::api::units::{CreateUnit, MoveUnit, RenameUnit, RetireUnit, units_page};
use crate::app_error::AppError;
use crate::components::admin_form::{
    DoneBanner, FieldState, FilterField, FormField, ProblemSummary, TextField, TextKind, unit_options,
};
use crate::components::admin_nav::AdminNav;
use crate::components::app_failure::{ActionFailure, loaded};
use crate::i18n::admin::{AdminText, use_admin_text};
use crate::paths::{CSRF_FIELD, UNITS_PAGE, fields};

/// The create form's fields (their `name` is also their `id`), in the order of `create_form`.
const CREATE_FIELDS: [&str; 5] = [fields::CODE, fields::NAME_TH, fields::NAME_EN, fields::KIND, fields::PARENT];

/// The id, inside a unit's forms, of the control for `field` (`name_th-D1`); anything that is not a visible field
/// of those forms (the code, a stale form) is the unit's own box, `unit-D1`.
fn unit_control_id(field: &str, code: &str) -> String {
    if [fields::NAME_TH, fields::NAME_EN, fields::PARENT].contains(&field) {
        format!("{field}-{code}")
    } else {
        format!("unit-{code}")
    }
}

/// The page's four actions.
#[derive(Clone, Copy)]
pub struct UnitActions {
    /// Adding a unit.
    pub create: ServerAction<CreateUnit>,
    /// Renaming one.
    pub rename: ServerAction<RenameUnit>,
    /// Moving one.
    pub relocate: ServerAction<MoveUnit>,
    /// Retiring one.
    pub retire: ServerAction<RetireUnit>,
}

impl UnitActions {
    /// The four actions, created for the page.
    pub fn new() -> Self {
        Self {
            create: ServerAction::new(),
            rename: ServerAction::new(),
            relocate: ServerAction::new(),
            retire: ServerAction::new(),
        }
    }

    /// The refusal of whichever action was just refused.
    fn refusal(self) -> Option<AppError> {
        [
            self.create.value().get_untracked().and_then(Result::err),
            self.rename.value().get_untracked().and_then(Result::err),
            self.relocate.value().get_untracked().and_then(Result::err),
            self.retire.value().get_untracked().and_then(Result::err),
        ]
        .into_iter()
        .flatten()
        .next()
    }
}

impl Default for UnitActions {
    fn default() -> Self {
        Self::new()
    }
}

/// The units page: its data from the server, then [`UnitsView`]; "no permission" (403) for anyone but Contact
/// Center staff.
#[component]
pub fn UnitsPage() -> impl IntoView {
    let actions = UnitActions::new();
    let data = Resource::new_blocking(|| (), |()| units_page());
    let done = use_query_map().with_untracked(|query| query.get(fields::DONE)).and_then(|code| Done::from_code(&code));
    loaded(data, move |data| view! { <UnitsView data done refusal=actions.refusal() actions /> })
}

/// The tree, the create form and each unit's forms.
#[component]
pub fn UnitsView(
    /// What the server gave.
    data: UnitsPageData,
    /// The action that just succeeded.
    done: Option<Done>,
    /// The last action's refusal, when it was refused.
    refusal: Option<AppError>,
    /// The page's actions.
    actions: UnitActions,
) -> impl IntoView {
    let text = use_admin_text();
    // The refusal names the field; the flash, which unit's form it was (none: the create form).
    let problem = match &refusal {
        Some(AppError::Field { problem, .. }) => {
            Some((data.refused.as_ref().and_then(|refused| refused.unit.clone()), problem.clone()))
        }
        _ => None,
    };
    let summary = match &problem {
        None => Vec::new(),
        Some((None, problem)) => {
            let id = if CREATE_FIELDS.contains(&problem.field.as_str()) { &problem.field } else { fields::CODE };
            vec![(id.to_owned(), text.problem(problem.problem))]
        }
        Some((Some(code), problem)) => vec![(unit_control_id(&problem.field, code), text.problem(problem.problem))],
    };
    let tree = if data.units.is_empty() {
        view! { <p class="empty-state">{text.units_empty}</p> }.into_any()
    } else {
        let items = data
            .units
            .iter()
            .enumerate()
            .map(|(index, unit)| {
                let problem = match &problem {
                    Some((Some(code), problem)) if *code == unit.code => Some(problem.clone()),
                    _ => None,
                };
                unit_item(unit, parent_of(&data.units, index), &data, problem, actions, text)
            })
            .collect_view();
        view! { <ol class="unit-tree">{items}</ol> }.into_any()
    };
    let create_problem = match &problem {
        Some((None, problem)) => Some(problem.clone()),
        _ => None,
    };
    view! {
        <Title text=text.units_title />
        <AdminNav current=Some(UNITS_PAGE) />
        <ProblemSummary problems=summary />
        <ActionFailure error=refusal />
        <DoneBanner done />
        <h1>{text.units_title}</h1>
        <p class="lead">{text.units_intro}</p>
        <CreateForm data=data.clone() problem=create_problem action=actions.create />
        <h2 id="units-tree-heading">{text.units_tree_heading}</h2>
        {(!data.units.is_empty())
            .then(|| {
                view! {
                    <FilterField
                        id="units-find"
                        label=text.units_find_label
                        hint=text.units_find_hint
                        rows_of=None
                    />
                }
            })}
        {tree}
    }
}

/// The code of the unit at `index`'s parent: in tree order, the nearest unit before it one level up.
fn parent_of(units: &[UnitOption], index: usize) -> Option<String> {
    let depth = units.get(index)?.depth.checked_sub(1)?;
    units[..index].iter().rev().find(|unit| unit.depth == depth).map(|unit| unit.code.clone())
}

/// The form adding a unit, filled in with what was typed when the server refused it.
#[component]
fn CreateForm(
    /// The page's data (the units to offer as parents, the typed values).
    data: UnitsPageData,
    /// Why the last submission was refused.
    problem: Option<FieldProblem>,
    /// Adding the unit.
    action: ServerAction<CreateUnit>,
) -> impl IntoView {
    let text = use_admin_text();
    let state = |field: &str| {
        let error =
            problem.as_ref().filter(|problem| problem.field == field).map(|problem| text.problem(problem.problem));
        let hint = field != fields::NAME_TH && field != fields::KIND;
        FieldState::new(field, hint, error)
    };
    let [code, name_th, name_en, kind, parent] = CREATE_FIELDS.map(state);
    let [typed_code, typed_name_th, typed_name_en, typed_kind, typed_parent] =
        data.refused.clone().map(|refused| refused.create_form).unwrap_or_default();
    let kinds = UnitKind::ALL
        .into_iter()
        .map(|option| {
            view! {
                <option value=option.code() selected=option.code() == typed_kind>
                    {text.unit_kind_name(option)}
                </option>
            }
        })
        .collect_view();
    view! {
        <section class="admin-section" aria-labelledby="create-heading">
            <h2 id="create-heading">{text.create_heading}</h2>
            <ActionForm action attr:class="form">
                <input type="hidden" name=CSRF_FIELD value=data.csrf_token.clone() />
                <TextField
                    id=fields::CODE.to_owned()
                    name=fields::CODE
                    label=text.field_code
                    hint=text.code_hint
                    error=code.error
                    value=typed_code
                    kind=TextKind::Code
                    modifier="code"
                    maxlength=32
                />
                <NameFields
                    ids=(fields::NAME_TH.to_owned(), fields::NAME_EN.to_owned())
                    values=(typed_name_th, typed_name_en)
                    errors=(name_th.error, name_en.error)
                />
                <FormField id=fields::KIND.to_owned() label=text.field_kind hint=None error=kind.error>
                    <select
                        id=fields::KIND
                        name=fields::KIND
                        class="field__input field__select"
                        aria-describedby=kind.described_by
                        aria-invalid=kind.invalid
                    >
                        <option value="">{text.choose}</option>
                        {kinds}
                    </select>
                </FormField>
                <FormField
                    id=fields::PARENT.to_owned()
                    label=text.field_parent
                    hint=Some(text.parent_hint)
                    error=parent.error
                >
                    <select
                        id=fields::PARENT
                        name=fields::PARENT
                        class="field__input field__select"
                        aria-describedby=parent.described_by
                        aria-invalid=parent.invalid
                    >
                        <option value="">{text.no_parent}</option>
                        {unit_options(&data.units, &typed_parent)}
                    </select>
                </FormField>
                <button type="submit" class="button button--primary">
                    {text.create_button}
                </button>
            </ActionForm>
        </section>
    }
}

/// The Thai and English name fields of the create and rename forms.
#[component]
fn NameFields(
    /// The controls' ids (Thai, English).
    ids: (String, String),
    /// Their values.
    values: (String, String),
    /// Why the last submission refused them.
    errors: (Option<&'static str>, Option<&'static str>),
) -> impl IntoView {
    let text = use_admin_text();
    let (th_id, en_id) = ids;
    let (th_value, en_value) = values;
    let (th_error, en_error) = errors;
    view! {
        <TextField id=th_id name=fields::NAME_TH label=text.field_name_th error=th_error value=th_value />
        <TextField
            id=en_id
            name=fields::NAME_EN
            label=text.field_name_en
            hint=text.name_en_hint
            error=en_error
            value=en_value
            kind=TextKind::English
        />
    }
}

/// One unit of the tree, with its forms unless it is retired.
fn unit_item(
    unit: &UnitOption,
    parent: Option<String>,
    data: &UnitsPageData,
    problem: Option<FieldProblem>,
    actions: UnitActions,
    text: &'static AdminText,
) -> impl IntoView + use<> {
    let depth_class = format!("unit-tree__item unit-tree__item--depth-{}", unit.depth.min(3));
    let name_en = unit.name_en.clone().map(|name| view! { <span class="unit-tree__name-en" lang="en">{name}</span> });
    let retired = unit.retired.then(|| view! { <strong class="badge badge--muted">{text.retired_badge}</strong> });
    let forms = (!unit.retired).then(|| unit_forms(unit, parent, data, problem, actions, text));
    let find = unit.find_text(false);
    view! {
        <li class=depth_class data-depth=unit.depth data-find=find>
            <div class="unit-tree__row">
                <span class="unit-tree__name">{unit.name_th.clone()}</span>
                {name_en}
                <span class="cell-detail">
                    {text.code_prefix} " " <code>{unit.code.clone()}</code> " · " {text.unit_kind_name(unit.kind)}
                </span>
                {retired}
            </div>
            {forms}
        </li>
    }
}

/// A unit's rename, move and retire forms in a `<details>`, open when the last submission about it was refused.
fn unit_forms(
    unit: &UnitOption,
    parent: Option<String>,
    data: &UnitsPageData,
    problem: Option<FieldProblem>,
    actions: UnitActions,
    text: &'static AdminText,
) -> impl IntoView + use<> {
    let code = unit.code.clone();
    let box_id = format!("unit-{code}");
    let error_of = |field: &str| {
        problem.as_ref().filter(|problem| problem.field == field).map(|problem| text.problem(problem.problem))
    };
    let name_errors = (error_of(fields::NAME_TH), error_of(fields::NAME_EN));
    let (name_th_id, name_en_id, parent_id) =
        (format!("name_th-{code}"), format!("name_en-{code}"), format!("parent-{code}"));
    let parent_state = FieldState::new(&parent_id, true, error_of(fields::PARENT));
    // Anything else (the code, a stale form, a unit still in use) is said at the top of the unit's box.
    let other = problem
        .as_ref()
        .filter(|problem| ![fields::NAME_TH, fields::NAME_EN, fields::PARENT].contains(&problem.field.as_str()))
        .map(|problem| text.problem(problem.problem));
    let other_id = format!("unit-{code}-error");
    let retire_hint_id = format!("retire-{code}-hint");
    let retire_described = match other {
        Some(_) => format!("{retire_hint_id} {other_id}"),
        None => retire_hint_id.clone(),
    };
    let other = other.map(|message| {
        view! {
            <p id=other_id.clone() class="field__error">
                {message}
            </p>
        }
    });
    // Every form's hidden fields: the session's synchroniser token and the unit's code.
    let hidden = || {
        view! {
            <input type="hidden" name=CSRF_FIELD value=data.csrf_token.clone() />
            <input type="hidden" name=fields::CODE value=unit.code.clone() />
        }
    };
    // A ministry has no parent, so it cannot move; the others are offered only units one level above.
    let move_form = unit.kind.parent_kind().map(|parent_kind| {
        let candidates: Vec<UnitOption> =
            data.units.iter().filter(|option| option.kind == parent_kind && option.code != unit.code).cloned().collect();
        let options = unit_options(&candidates, parent.as_deref().unwrap_or_default());
        let hidden = hidden();
        view! {
            <ActionForm action=actions.relocate attr:class="form form--compact">
                <h3 class="row-details__heading">{text.move_heading}</h3>
                {hidden}
                <FormField id=parent_id.clone() label=text.field_new_parent hint=Some(text.parent_hint) error=parent_state.error>
                    <select
                        id=parent_id.clone()
                        name=fields::PARENT
                        class="field__input field__select"
                        aria-describedby=parent_state.described_by
                        aria-invalid=parent_state.invalid
                    >
                        {options}
                    </select>
                </FormField>
                <button type="submit" class="button button--secondary button--small">
                    {text.move_button}
                </button>
            </ActionForm>
        }
    });
    let (rename_hidden, retire_hidden) = (hidden(), hidden());
    let open = problem.is_some();
    // A refused rename shows what was typed (the page holds it only for the unit the problem is about).
    let names = match (&problem, data.refused.as_ref().and_then(|refused| refused.rename_form.as_ref())) {
        (Some(_), Some(typed)) => typed.clone(),
        _ => (unit.name_th.clone(), unit.name_en.clone().unwrap_or_default()),
    };
    view! {
        <details id=box_id class="row-details" open=open tabindex="-1">
            <summary class="row-details__summary">{(text.manage_unit)(&unit.name_th)}</summary>
            {other}
            <ActionForm action=actions.rename attr:class="form form--compact">
                <h3 class="row-details__heading">{text.rename_heading}</h3>
                {rename_hidden}
                <NameFields ids=(name_th_id, name_en_id) values=names errors=name_errors />
                <button type="submit" class="button button--secondary button--small">
                    {text.rename_button}
                </button>
            </ActionForm>
            {move_form}
            <ActionForm action=actions.retire attr:class="form form--compact">
                <h3 class="row-details__heading">{text.retire_heading}</h3>
                {retire_hidden}
                <p id=retire_hint_id class="field__hint">
                    {text.retire_hint}
                </p>
                <button
                    id=format!("retire-{code}")
                    type="submit"
                    class="button button--warning button--small"
                    aria-describedby=retire_described
                >
                    {text.retire_button}
                </button>
            </ActionForm>
        </details>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use leptos::prelude::*;
    use leptos::server_fn::ServerFn;

    use super::{UnitActions, UnitsView, parent_of};
    use crate::administration::{Done, FormProblem, RefusedUnitForm, UnitOption, UnitsPageData};
    use crate::api::units::{CreateUnit, MoveUnit, RenameUnit, RetireUnit};
    use crate::app_error::AppError;
    use crate::paths::UNITS_PAGE;
    use crate::request_context::{RequestContext, Visitor};
    use crate::testing::{Rendered, officer, render_view};
    use vocabulary::{Role, UnitKind};

    fn contact_center() -> RequestContext {
        let mut officer = officer();
        officer.role = Role::ContactCenter;
        RequestContext { visitor: Visitor::Officer(officer), ..Default::default() }
    }

    fn unit(code: &str, name_th: &str, kind: UnitKind, depth: u8, retired: bool) -> UnitOption {
        UnitOption {
            code: code.to_owned(),
            name_th: name_th.to_owned(),
            name_en: None,
            kind,
            parents_th: String::new(),
            depth,
            retired,
        }
    }

    fn data() -> UnitsPageData {
        UnitsPageData {
            units: vec![
                unit("M1", "กระทรวงมหาดไทย", UnitKind::Ministry, 0, false),
                unit("D1", "กรมการปกครอง", UnitKind::Department, 1, false),
                unit("D1-1", "สำนักทะเบียน", UnitKind::Division, 2, false),
                unit("D1-OLD", "กองเดิม", UnitKind::Division, 2, true),
            ],
            refused: None,
            csrf_token: "csrf-789".to_owned(),
        }
    }

    fn show(data: UnitsPageData, done: Option<Done>, refusal: Option<AppError>) -> Rendered {
        render_view(UNITS_PAGE, contact_center(), move || {
            let actions = UnitActions::new();
            view! { <UnitsView data done refusal actions /> }.into_any()
        })
    }

    fn refused(field: &str, problem: FormProblem) -> Option<AppError> {
        Some(AppError::field(field, problem))
    }

    #[test]
    fn only_units_still_in_use_can_be_retired_renamed_or_moved() {
        let Rendered { html, status, .. } = show(data(), None, None);
        assert_eq!(status, None);
        assert!(html.contains(r#"id="retire-D1-1""#) && html.contains(r#"id="retire-M1""#), "{html}");
        assert!(!html.contains(r#"id="retire-D1-OLD""#) && !html.contains(r#"id="name_th-D1-OLD""#));
        assert!(html.contains("กองเดิม") && html.contains(">เลิกใช้แล้ว</strong>"));
        assert_eq!(
            [CreateUnit::PATH, RenameUnit::PATH, MoveUnit::PATH, RetireUnit::PATH],
            ["/api/units/create", "/api/units/rename", "/api/units/move", "/api/units/retire"]
        );
        for path in [RenameUnit::PATH, MoveUnit::PATH, RetireUnit::PATH] {
            assert!(html.contains(&format!(r#"action="{path}" method="post""#)), "{path}: {html}");
        }
        assert!(html.contains(r#"action="/api/units/create" method="post""#) && html.contains(">เพิ่มหน่วยงาน</button>"));
        assert!(html.contains(r#"name="code" value="D1-1""#) && html.contains(r#"name="csrf_token" value="csrf-789""#));
        assert!(!html.contains(r#"id="parent-M1""#), "a ministry cannot move");
        assert!(html.contains("unit-tree__item--depth-2"));
        // Found and folded with JavaScript (`in_place`): each unit says its depth and what finding looks in.
        assert!(html.contains(r#"data-depth="0" data-find="กระทรวง"#), "{html}");
        assert!(html.contains(r#"data-tree-find="""#) && html.contains(r#"data-needs-script="" hidden"#));
    }

    #[test]
    fn a_unit_is_offered_to_move_under_units_one_level_up_with_its_parent_chosen() {
        let Rendered { html, .. } = show(data(), None, None);
        let move_d1_1 = html.split(r#"id="parent-D1-1""#).nth(1).expect("a move form for D1-1");
        let options = &move_d1_1[..move_d1_1.find("</select>").expect("its select ends")];
        assert!(options.contains(r#"<option value="D1" selected"#), "{options}");
        assert!(!options.contains(r#"value="M1""#) && !options.contains(r#"value="D1-1""#));
    }

    #[test]
    fn a_refused_retirement_opens_that_units_forms_with_the_reason() {
        let mut data = data();
        data.refused = Some(RefusedUnitForm { unit: Some("D1-1".to_owned()), ..Default::default() });
        let Rendered { html, .. } = show(data, None, refused("code", FormProblem::UnitInUse));
        assert!(html.contains(r##"<a href="#unit-D1-1">เลิกใช้หน่วยงานนี้ไม่ได้"##), "{html}");
        assert!(html.contains(r#"<details id="unit-D1-1" open"#), "{html}");
        assert_eq!(html.matches("<details id=\"unit-D1-1\" open").count(), 1);
        assert_eq!(html.matches(" open ").count(), 1, "only one unit's forms are open");
        assert!(html.contains(r#"aria-describedby="retire-D1-1-hint unit-D1-1-error""#));
    }

    #[test]
    fn a_refused_new_unit_keeps_what_was_typed_and_links_to_the_code() {
        let mut data = data();
        let create_form = ["D1-1".into(), "กองใหม่".into(), String::new(), "division".into(), "D1".into()];
        data.refused = Some(RefusedUnitForm { create_form, ..Default::default() });
        let Rendered { html, .. } = show(data, None, refused("code", FormProblem::CodeTaken));
        assert!(html.contains(r##"<a href="#code">รหัสหน่วยงานนี้มีอยู่แล้ว"##), "{html}");
        assert!(html.contains(r#"value="กองใหม่""#) && html.contains(r#"<option value="division" selected"#));
        assert!(html.contains(r#"aria-describedby="code-hint code-error""#));
        assert!(!html.contains("<details id=\"unit-D1\" open") && !html.contains(" open "), "no unit is opened");
    }

    #[test]
    fn j11_a_refused_rename_keeps_what_was_typed_in_that_units_form_with_the_reason_beside_the_name() {
        let mut data = data();
        data.refused = Some(RefusedUnitForm {
            unit: Some("D1-1".to_owned()),
            rename_form: Some(("สำนัก\u{202e}ทะเบียน".into(), "Registration".into())),
            ..Default::default()
        });
        let Rendered { html, .. } = show(data, None, refused("name_th", FormProblem::TextDirectionControl));
        assert!(html.contains(r##"<a href="#name_th-D1-1">ข้อความมีอักขระควบคุมทิศทาง"##), "{html}");
        let form = html.split(r#"<details id="unit-D1-1" open"#).nth(1).expect("D1-1's forms are open");
        assert!(form.contains("value=\"สำนัก\u{202e}ทะเบียน\"") && form.contains(r#"value="Registration""#), "{form}");
        assert!(html.contains(r#"value="กรมการปกครอง""#), "other units keep their own names");
    }

    #[test]
    fn a_retirement_is_confirmed_and_a_refusal_that_is_no_fields_fault_is_said_above_the_tree() {
        let Rendered { html, .. } = show(data(), Some(Done::UnitRetired), None);
        assert!(html.contains("เลิกใช้หน่วยงานเรียบร้อยแล้ว"));
        let Rendered { html, .. } = show(data(), None, Some(AppError::NotFound));
        assert!(html.contains(r#"class="error-summary""#), "{html}");
        assert!(!html.contains(" open "), "no unit is opened");
    }

    #[test]
    fn a_refused_field_without_the_flash_is_still_named_at_the_create_form() {
        let Rendered { html, .. } = show(data(), None, refused("code", FormProblem::CodeInvalid));
        assert!(html.contains(r##"<a href="#code">"##), "{html}");
        assert!(!html.contains(" open "), "no unit is opened");
    }

    #[test]
    fn a_units_parent_is_the_nearest_unit_one_level_up_before_it() {
        let units = data().units;
        assert_eq!(parent_of(&units, 0), None);
        assert_eq!(parent_of(&units, 2).as_deref(), Some("D1"));
        assert_eq!(parent_of(&units, 3).as_deref(), Some("D1"));
    }
}
