//! What the administration pages share: the "no permission" answer (HTTP 403), the success banner, the error
//! summary linking to refused fields, a labelled field with its hint and inline error, unit `<option>`s, the
//! scrollable data table and `<time>` elements. Every form is a plain HTML form; nothing here needs JavaScript.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_meta::Title;
use vocabulary::{Role, UnitKind};

use crate::administration::{Done, FieldProblem, FormProblem, UnitOption};
use crate::components::contact_center_phone::ContactCenterPhone;
use crate::components::contact_list::ContactList;
use crate::components::error_summary::ErrorSummary;
use crate::components::notification_banner::NotificationBanner;
use crate::i18n::admin::use_admin_text;
use crate::i18n::{Locale, use_locale, use_text};
use crate::paths::HOME_PAGE;
use crate::request_context::{Visitor, use_request_context};
use crate::thai_date::{datetime_attribute, format_date, format_date_time};

/// The page for a visitor the server gave no page data (not Contact Center staff or a central officer), answered
/// with HTTP 403: who manages Tokens and officers, and whom to contact instead — for an agency or service-point
/// officer, the central officers of their own department by name, phone and e-mail.
#[component]
pub fn NoPermission() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::FORBIDDEN);
    }
    let text = use_admin_text();
    let main_text = use_text();
    let contacts = match use_request_context().visitor {
        Visitor::Officer(officer) if matches!(officer.role, Role::Agency | Role::ServicePoint) => {
            let department = officer.unit_chain.iter().find(|unit| unit.kind == UnitKind::Department);
            let heading = department.map_or_else(
                || main_text.your_central_officers.to_owned(),
                |department| (main_text.central_officers_of)(department.name(use_locale())),
            );
            Some(view! {
                <section class="admin-section" aria-labelledby="forbidden-contacts-heading">
                    <h2 id="forbidden-contacts-heading">{heading}</h2>
                    <ContactList contacts=officer.central_officers />
                </section>
            })
        }
        _ => None,
    };
    view! {
        <Title text=text.forbidden_title />
        <h1>{text.forbidden_title}</h1>
        <p>{text.forbidden_body}</p>
        <p>{text.forbidden_contact} " (" <ContactCenterPhone /> ")"</p>
        {contacts}
        <p class="back-link">
            <a href=HOME_PAGE>{text.back_home}</a>
        </p>
    }
}

/// The green banner saying what just succeeded; nothing when nothing did.
#[component]
pub fn DoneBanner(
    /// The action that just succeeded.
    done: Option<Done>,
) -> impl IntoView {
    let text = use_admin_text();
    done.map(|done| {
        view! {
            <NotificationBanner heading_id="done-heading" heading=text.done_heading>
                <p>{text.done_sentence(done)}</p>
            </NotificationBanner>
        }
    })
}

/// The error summary: one link per refused field, to the field's `id`; nothing when nothing was refused.
#[component]
pub fn ProblemSummary(
    /// (the `id` to link to, the sentence).
    problems: Vec<(String, &'static str)>,
) -> impl IntoView {
    (!problems.is_empty()).then(|| {
        let items = problems
            .into_iter()
            .map(|(id, message)| {
                view! {
                    <li>
                        <a href=format!("#{id}")>{message}</a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <ErrorSummary>
                <ul class="error-summary__list">{items}</ul>
            </ErrorSummary>
        }
    })
}

/// The first problem of `field` among `problems`.
pub fn problem_of(problems: &[FieldProblem], field: &str) -> Option<FormProblem> {
    problems.iter().find(|problem| problem.field == field).map(|problem| problem.problem)
}

/// What a field shows about the last submission: its inline error, `aria-invalid` and `aria-describedby`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldState {
    /// The inline error, when the field was refused.
    pub error: Option<&'static str>,
    /// `"true"` when the field was refused.
    pub invalid: Option<&'static str>,
    /// The ids of the hint and the error.
    pub described_by: Option<String>,
}

impl FieldState {
    /// The state of the field with `id`, refused with `error` (if any), that has a hint or not.
    pub fn new(id: &str, hint: bool, error: Option<&'static str>) -> Self {
        Self { error, invalid: error.map(|_| "true"), described_by: described_by(id, hint, error.is_some()) }
    }
}

/// The `aria-describedby` of a field with `id`: its hint and its error, whichever it has.
pub fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let ids: Vec<String> = [(hint, "hint"), (error, "error")]
        .into_iter()
        .filter(|(has, _)| *has)
        .map(|(_, part)| format!("{id}-{part}"))
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A form field: its label (`for` the control's `id`), hint and inline error, then the control itself, which must
/// carry `id`, and `aria-describedby` from [`described_by`] and `aria-invalid` when `error` is set.
#[component]
pub fn FormField<E>(
    /// The control's `id`.
    id: String,
    /// The label.
    label: &'static str,
    /// The hint under the label (`{id}-hint`).
    hint: Option<&'static str>,
    /// Why the last submission refused the field (`{id}-error`).
    error: Option<E>,
    /// The control.
    children: Children,
) -> impl IntoView
where
    E: IntoView + 'static,
{
    let text = use_text();
    let hint = hint.map(|hint| {
        view! {
            <p id=format!("{id}-hint") class="field__hint">
                {hint}
            </p>
        }
    });
    let has_error = error.is_some();
    let error = error.map(|message| {
        view! {
            <p id=format!("{id}-error") class="field__error">
                <span class="visually-hidden">{text.error_prefix} " "</span>
                {message}
            </p>
        }
    });
    view! {
        <div class="field" class:field--error=has_error>
            <label class="field__label" for=id>
                {label}
            </label>
            {hint}
            {error}
            {children()}
        </div>
    }
}

/// What a text field's control accepts and how the browser should treat what is typed into it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextKind {
    /// Words (a name, a letter's number): spell-checked, as typed.
    #[default]
    Words,
    /// Words in English (`lang="en"`, so the spell checker and screen readers use English).
    English,
    /// A code read out or copied (a Token, a unit's code): no spell check, letters shown as capitals.
    Code,
    /// Digits: the numeric keypad, no spell check.
    Digits,
    /// A citizen ID: digits, checked as typed once the page's script runs (`in_place`).
    CitizenId,
}

/// A labelled one-line text field ([`FormField`] with its `<input>`): the label, the hint, the inline error, and the
/// control with `aria-describedby` and `aria-invalid` set from them. Nothing typed is ever autocompleted: these are
/// other people's names, codes and Tokens.
#[component]
pub fn TextField<E>(
    /// The control's `id` (the label's `for`; the summary links to it).
    id: String,
    /// The form field's `name`.
    name: &'static str,
    /// The label.
    label: &'static str,
    /// The hint under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// Why the last submission refused the field.
    error: Option<E>,
    /// What the field holds (what was typed into a refused form).
    #[prop(into)]
    value: String,
    /// What it accepts.
    #[prop(optional)]
    kind: TextKind,
    /// The size modifier of `field__input` (`code` gives `field__input--code`).
    #[prop(optional)]
    modifier: Option<&'static str>,
    /// The most characters it takes.
    #[prop(optional)]
    maxlength: Option<u32>,
) -> impl IntoView
where
    E: IntoView + 'static,
{
    let invalid = error.is_some().then_some("true");
    let described_by = described_by(&id, hint.is_some(), error.is_some());
    let class = match modifier {
        Some(modifier) => format!("field__input field__input--{modifier}"),
        None => "field__input".to_owned(),
    };
    let (lang, inputmode, no_spellcheck, capitals) = match kind {
        TextKind::Words => (None, None, false, None),
        TextKind::English => (Some("en"), None, false, None),
        TextKind::Code => (None, None, true, Some("characters")),
        TextKind::Digits | TextKind::CitizenId => (None, Some("numeric"), true, None),
    };
    let checked_as_typed = (kind == TextKind::CitizenId).then_some("");
    view! {
        <FormField id=id.clone() label hint error>
            <input
                id=id.clone()
                name=name
                type="text"
                class=class.clone()
                lang=lang
                inputmode=inputmode
                autocomplete="off"
                spellcheck=no_spellcheck.then_some("false")
                autocapitalize=capitals
                maxlength=maxlength
                value=value.clone()
                aria-describedby=described_by.clone()
                aria-invalid=invalid
                data-citizen-id=checked_as_typed
            />
        </FormField>
    }
}

/// A field that narrows what the page already shows, as the officer types: the rows of the table in the region
/// `rows_of`, or (without it) the organisation tree. Hidden until the page's script runs (`in_place`): without it there
/// is nothing it could do.
#[component]
pub fn FilterField(
    /// The control's `id`.
    id: &'static str,
    /// The label.
    label: &'static str,
    /// What it looks in.
    hint: &'static str,
    /// The `id` of the region whose table it filters; `None`: the organisation tree.
    rows_of: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="filter-field" data-needs-script="" hidden>
            <FormField id=id.to_owned() label hint=Some(hint) error={None::<&str>}>
                <input
                    id=id
                    type="search"
                    class="field__input"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby=format!("{id}-hint")
                    data-filter-rows=rows_of
                    data-tree-find=rows_of.is_none().then_some("")
                />
            </FormField>
        </div>
    }
}

/// How a unit reads in a `<select>`: indented by its level, with its parents to tell units of one name apart.
pub fn unit_option_text(unit: &UnitOption) -> String {
    let indent = "\u{a0}\u{a0}\u{a0}".repeat(usize::from(unit.depth));
    if unit.parents_th.is_empty() {
        format!("{indent}{}", unit.name_th)
    } else {
        format!("{indent}{} ({})", unit.name_th, unit.parents_th)
    }
}

/// The `<option>`s of `units` that are not retired, the one whose code is `selected` chosen. Each carries its name,
/// parents and what finding it looks in (its names, code and parents), for the searchable list the select becomes once JavaScript runs.
pub fn unit_options(units: &[UnitOption], selected: &str) -> impl IntoView + use<> {
    units
        .iter()
        .filter(|unit| !unit.retired)
        .map(|unit| {
            let is_selected = unit.code == selected;
            let find = unit.find_text(true);
            view! {
                <option
                    value=unit.code.clone()
                    selected=is_selected
                    data-name=unit.name_th.clone()
                    data-parents=unit.parents_th.clone()
                    data-find=find
                >
                    {unit_option_text(unit)}
                </option>
            }
        })
        .collect_view()
}

/// A table of rows with a column header per entry of `headers`, in a box that scrolls sideways on a narrow screen
/// and is focusable so keyboard users can scroll it.
#[component]
pub fn DataTable(
    /// What the table holds (the scrolling region's name).
    label: &'static str,
    /// The column headers, left to right.
    headers: Vec<&'static str>,
    /// An extra class of the `<table>` beside `table` (a page's column widths).
    #[prop(optional)]
    class: Option<&'static str>,
    /// The `<tr>` rows.
    children: Children,
) -> impl IntoView {
    let text = use_admin_text();
    let class = class.map_or_else(|| "table".to_owned(), |class| format!("table {class}"));
    let headers = headers.into_iter().map(|header| view! { <th scope="col">{header}</th> }).collect_view();
    view! {
        <div class="table-region" role="region" aria-label=format!("{} {label}", text.table_scroll_hint) tabindex="0">
            <table class=class>
                <thead>
                    <tr>{headers}</tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}

/// A moment as a `<time>` element: the Bangkok date (and time, when `with_time`), machine-readable in `datetime`.
pub fn moment(at: DateTime<Utc>, locale: Locale, with_time: bool) -> impl IntoView + use<> {
    let shown = if with_time { format_date_time(at, locale) } else { format_date(at, locale) };
    view! { <time datetime=datetime_attribute(at)>{shown}</time> }
}

#[cfg(test)]
mod tests {
    use super::{described_by, unit_option_text};
    use crate::administration::UnitOption;
    use vocabulary::UnitKind;

    #[test]
    fn a_field_is_described_by_its_hint_and_its_error_when_it_has_them() {
        assert_eq!(described_by("name", true, true).as_deref(), Some("name-hint name-error"));
        assert_eq!(described_by("name", false, true).as_deref(), Some("name-error"));
        assert_eq!(described_by("name", false, false), None);
    }

    #[test]
    fn a_unit_option_is_indented_by_its_level_and_names_its_parents() {
        let unit = UnitOption {
            code: "D1-1".to_owned(),
            name_th: "สำนักทะเบียน".to_owned(),
            name_en: None,
            kind: UnitKind::Division,
            parents_th: "กระทรวงมหาดไทย › กรมการปกครอง".to_owned(),
            depth: 2,
            retired: false,
        };
        assert_eq!(
            unit_option_text(&unit),
            "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}สำนักทะเบียน (กระทรวงมหาดไทย › กรมการปกครอง)"
        );
    }
}
