//! The identity-confirmation screen (ยืนยันตัวตน) of a first sign-in: a Digital ID account that is not yet an
//! officer here enters the activation Token it was given and presses "ยืนยัน". The data comes from the
//! [`activation_page`] server function; the form posts to [`activate`](crate::api::activation::activate) — a plain
//! POST and redirect without JavaScript, a call from the [`ActivationScreen`] island with it. A refused Token comes
//! back with the problem, and whom to ask, from the session's flash; a good one goes on to the activated page.

#![expect(missing_docs, reason = "#[island] generates a props struct without documentation")]

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use vocabulary::token_text::{self, Reading};

use crate::api::activation::{Activate, ActivationPageData, activation_page};
use crate::app_error::{ActivationRefusal, AppError};
use crate::components::app_failure::loaded;
use crate::components::contact_center_phone::ContactCenterPhone;
use crate::components::contact_list::ContactList;
use crate::components::error_summary::ErrorSummary;
use crate::components::failure_reference::FailureReference;
use crate::components::logout_form::LogoutForm;
use crate::components::server_call::{self, Answer};
use crate::i18n::{Locale, TOKEN_LABEL, Text, use_locale, use_text};
use crate::paths::{CSRF_FIELD, TOKEN_FIELD};
use crate::request_context::{ActivationFormState, ActivationProblem, DepartmentContacts};

/// The `id` of the Token field, which the error summary links to.
const TOKEN_INPUT_ID: &str = "token";

/// The screen: its data from the server, then [`ActivationView`].
#[component]
pub fn ActivationPage() -> impl IntoView {
    // Only the server reads this action: a form posted without JavaScript comes back with its refusal in the URL.
    let activate = ServerAction::<Activate>::new();
    let data = Resource::new_blocking(|| (), |()| activation_page());
    loaded(data, move |data| {
        let refusal = activate.value().get_untracked().and_then(Result::err);
        view! { <ActivationView data refusal /> }
    })
}

/// The page's title and HTTP status, around [`ActivationScreen`].
#[component]
pub fn ActivationView(
    /// What the server gave.
    data: ActivationPageData,
    /// The last submission's refusal, when a form posted without JavaScript was refused.
    refusal: Option<AppError>,
) -> impl IntoView {
    let text = use_text();
    // The flash has the details; a refusal code without them (the flash was taken, or the address was written by
    // someone else) still says what was wrong.
    let form = data.form.or_else(|| match &refusal {
        Some(AppError::Activation(code)) => {
            Some(ActivationFormState { problem: problem_of(*code), typed_token: String::new() })
        }
        _ => None,
    });
    #[cfg(feature = "ssr")]
    if let Some(state) = &form {
        set_problem_status(&state.problem);
    }
    let failure = refusal.filter(|error| !matches!(error, AppError::Activation(_)));
    let greeting = match data.name_th.trim() {
        "" => None,
        name => Some(view! { <p class="lead">{(text.hello)(name)}</p> }),
    };
    let csrf_token = data.csrf_token.clone();
    let state = ScreenState { data: ActivationPageData { form, ..data }, failure }.to_prop();
    view! {
        <Title text=text.activation_title />
        <ActivationScreen state locale=use_locale()>
            <h1>{text.activation_title}</h1>
            {greeting}
            <p>{text.activation_first_use}</p>
        </ActivationScreen>
        <section class="panel" aria-labelledby="token-source-heading">
            <h2 id="token-source-heading">{text.activation_where_heading}</h2>
            <ul class="list">
                <li>{text.access_central_officers} " (" <ContactCenterPhone /> ")"</li>
                <li>{text.access_unit_officers}</li>
            </ul>
            <p class="hint">{text.access_wrong_rights}</p>
        </section>
        <section class="wrong-account" aria-labelledby="wrong-account-heading">
            <h2 id="wrong-account-heading">{text.wrong_account_heading}</h2>
            <p>{text.wrong_account_hint}</p>
            <LogoutForm csrf_token label=text.sign_out button_class="button button--secondary" />
        </section>
    }
}

/// What the island starts from: the page's data with the refused form to show first, and an action refused as a
/// whole (no field's fault).
///
/// It crosses to the browser as one JSON string read inside the island, not as typed props: a lazy island's props
/// are read before its code is loaded, so their decoding (this nested data and every `AppError`) would sit in the
/// WASM every page loads (measured: ~10 kB brotli).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct ScreenState {
    data: ActivationPageData,
    failure: Option<AppError>,
}

impl ScreenState {
    #[cfg(feature = "ssr")]
    fn to_prop(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    #[cfg(not(feature = "ssr"))]
    fn to_prop(&self) -> String {
        String::new()
    }

    /// The state in `prop`; one that cannot be read (never written by our server) shows an empty form.
    fn from_prop(prop: &str) -> Self {
        serde_json::from_str(prop).unwrap_or_else(|_| Self {
            data: ActivationPageData { name_th: String::new(), csrf_token: String::new(), form: None },
            failure: None,
        })
    }
}

/// The Token form and any error of the last submission, around `children` (the screen's heading and introduction,
/// rendered by the server only): an island, loaded lazily (its own WASM chunk, fetched on this page only).
///
/// Without JavaScript it is a plain form (POST to [`activate`](crate::api::activation::activate), then a redirect).
/// With it, the Token is shown in groups of four with a count as it is typed or pasted, its shape is checked before
/// anything is sent, and the server's answer appears in place: a refusal with whom to ask (read from the flash the
/// refusal left, as the page would), or the activated page.
#[island(lazy)]
pub fn ActivationScreen(
    /// The [`ScreenState`], as JSON.
    state: String,
    /// The language (islands do not see the server's context).
    locale: Locale,
    /// The heading and introduction, between the error summary and the form.
    children: Children,
) -> impl IntoView {
    let ScreenState { data, failure } = ScreenState::from_prop(&state);
    provide_context(locale);
    let words = Words::of(locale.text());
    let pending = RwSignal::new(false);
    let form = RwSignal::new(data.form);
    let failure = RwSignal::new(failure);
    let typed_token =
        form.with_untracked(|form| form.as_ref().map(|form| form.typed_token.clone())).unwrap_or_default();
    let reading = RwSignal::new(Reading::of(&typed_token));
    let hydrated = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let screen = NodeRef::<leptos::html::Div>::new();
    // Once the island runs, read what the field holds: the officer may have typed or pasted before the WASM arrived.
    Effect::new(move |_| {
        if let Some(field) = input.get_untracked() {
            let typed = field.value();
            let (shown, _) = token_text::reformat(&typed, typed.len());
            if shown != typed && Reading::of(&typed).foreign.is_none() {
                field.set_value(&shown);
            }
            reading.set(Reading::of(&typed));
        }
        hydrated.set(true);
    });

    let on_input = move |_| {
        let Some(field) = input.get_untracked() else { return };
        let typed = field.value();
        let caret = field.selection_start().ok().flatten().map_or(typed.len(), |caret| caret as usize);
        let (shown, position) = token_text::reformat(&typed, caret);
        if shown != typed {
            field.set_value(&shown);
            let position = position as u32;
            let _ = field.set_selection_range(position, position);
        }
        reading.set(Reading::of(&typed));
    };
    // With JavaScript the form is sent from here: a Token of the wrong shape never leaves the page, and the server's
    // answer is shown in place (or the browser goes on to the activated page).
    let csrf = StoredValue::new(data.csrf_token.clone());
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let Some(field) = input.get_untracked() else { return };
        // What the field holds now (not only what was typed since the island ran).
        let now = Reading::of(&field.value());
        let problem = match now.count() {
            0 if now.foreign.is_none() => Some(ActivationProblem::Empty),
            _ if !now.complete() => Some(ActivationProblem::Malformed),
            _ => None,
        };
        if let Some(problem) = problem {
            form.set(Some(ActivationFormState { problem, typed_token: String::new() }));
            failure.set(None);
            focus_summary(screen);
            return;
        }
        let token = field.value();
        pending.set(true);
        leptos::task::spawn_local(async move {
            let fields = [(CSRF_FIELD, csrf.get_value()), (TOKEN_FIELD, token)];
            let fields: Vec<(&str, &str)> = fields.iter().map(|(name, value)| (*name, value.as_str())).collect();
            match server_call::post::<()>(Activate::PATH, &fields).await {
                Answer::GoTo(location) => go_to(&location),
                Answer::Refused(error) => show_refusal(error, Shown { form, failure, reading, input, screen }),
                // A success always sends the browser on; an answer without that is not one we gave.
                Answer::Value(()) => {
                    show_refusal(AppError::BadRequest, Shown { form, failure, reading, input, screen })
                }
            }
            pending.set(false);
        });
    };

    let error = move || form.with(|form| form.as_ref().map(|form| problem_message(&form.problem, words)));
    let described_by = move || {
        let mut ids = vec![format!("{TOKEN_INPUT_ID}-hint")];
        if hydrated.get() {
            ids.push(format!("{TOKEN_INPUT_ID}-count"));
        }
        if error().is_some() {
            ids.push(format!("{TOKEN_INPUT_ID}-error"));
        }
        ids.join(" ")
    };
    let csrf_token = data.csrf_token;
    view! {
        <div class="activation" node_ref=screen>
            {move || form.get().map(|state| problem_summary(&state, words))}
            {move || failure.get().map(|error| failure_summary(&error, words))}
            {children()}
            <form
                action=Activate::PATH
                method="post"
                class="form"
                aria-busy=move || pending.get().then_some("true")
                on:submit=on_submit
            >
                <input type="hidden" name=CSRF_FIELD value=csrf_token />
                <div class="field" class:field--error=move || error().is_some()>
                    <label class="field__label" for=TOKEN_INPUT_ID>
                        {TOKEN_LABEL}
                    </label>
                    <p id=format!("{TOKEN_INPUT_ID}-hint") class="field__hint">
                        {words.hint}
                    </p>
                    {move || {
                        error()
                            .map(|message| {
                                view! {
                                    <p id=format!("{TOKEN_INPUT_ID}-error") class="field__error">
                                        <span class="visually-hidden">{words.error_prefix} " "</span>
                                        {message}
                                    </p>
                                }
                            })
                    }}
                    <input
                        id=TOKEN_INPUT_ID
                        name=TOKEN_FIELD
                        type="text"
                        class="field__input field__input--token"
                        autocomplete="off"
                        spellcheck="false"
                        autocapitalize="characters"
                        maxlength=token_text::MAX_INPUT
                        value=typed_token
                        aria-describedby=described_by
                        aria-invalid=move || error().map(|_| "true")
                        node_ref=input
                        on:input=on_input
                    />
                    <p
                        id=format!("{TOKEN_INPUT_ID}-count")
                        class="field__count"
                        class:field__count--complete=move || reading.with(Reading::complete)
                        hidden=move || !hydrated.get()
                    >
                        {move || (words.count)(reading.with(Reading::count), token_text::LENGTH)}
                    </p>
                    <p class="field__notice" aria-live="polite">
                        {move || reading.with(|reading| foreign_notice(reading, words))}
                    </p>
                </div>
                <button
                    type="submit"
                    class="button button--primary"
                    aria-disabled=move || pending.get().then_some("true")
                    data-pending=move || pending.get().then_some("")
                >
                    {words.confirm}
                </button>
            </form>
        </div>
    }
}

/// The catalogue's words the island shows, picked once. The island's closures and helpers hold these, never the
/// catalogue: a `&Text` kept at run time keeps every string of both languages in the WASM that every page loads
/// (measured: ~20 kB of Thai alone).
#[derive(Clone, Copy)]
struct Words {
    empty: &'static str,
    malformed: &'static str,
    refused: &'static str,
    too_many: fn(i64) -> String,
    expired: &'static str,
    central_officers_of: fn(&str) -> String,
    thai_keyboard: fn(char) -> String,
    foreign: fn(char) -> String,
    count: fn(usize, usize) -> String,
    service_error: &'static str,
    unreachable: &'static str,
    hint: &'static str,
    error_prefix: &'static str,
    confirm: &'static str,
}

impl Words {
    /// The words of `text` (inlined, so only these strings are read).
    #[inline(always)]
    fn of(text: &'static Text) -> Self {
        Self {
            empty: text.token_empty,
            malformed: text.token_malformed,
            refused: text.token_refused,
            too_many: text.token_too_many_attempts,
            expired: text.activation_form_expired,
            central_officers_of: text.central_officers_of,
            thai_keyboard: text.token_thai_keyboard,
            foreign: text.token_foreign,
            count: text.token_count,
            service_error: text.service_error_body,
            unreachable: text.unreachable_body,
            hint: text.token_hint,
            error_prefix: text.error_prefix,
            confirm: text.confirm,
        }
    }
}

/// What the island shows and where.
#[derive(Clone, Copy)]
struct Shown {
    /// The refused form's problem.
    form: RwSignal<Option<ActivationFormState>>,
    /// An action refused as a whole.
    failure: RwSignal<Option<AppError>>,
    /// What the field holds, as read.
    reading: RwSignal<Reading>,
    /// The Token field.
    input: NodeRef<leptos::html::Input>,
    /// The island's element.
    screen: NodeRef<leptos::html::Div>,
}

/// Shows the server's refusal of a submission made with JavaScript: at once from its code, then with the details the
/// server kept in the flash (whom to ask about a refused Token, how long to wait), as the page would show them. A
/// refused Token leaves the field, as it does without JavaScript (it may be someone else's); a typo stays to mend.
fn show_refusal(error: AppError, shown: Shown) {
    let Shown { form, failure, reading, input, screen } = shown;
    let AppError::Activation(code) = error else {
        form.set(None);
        failure.set(Some(error));
        focus_summary(screen);
        return;
    };
    failure.set(None);
    if !matches!(code, ActivationRefusal::Empty | ActivationRefusal::Malformed) {
        if let Some(field) = input.get_untracked() {
            field.set_value("");
        }
        reading.set(Reading::default());
    }
    form.set(Some(ActivationFormState { problem: problem_of(code), typed_token: String::new() }));
    leptos::task::spawn_local(async move {
        let path = <crate::api::activation::ActivationPage as ServerFn>::PATH;
        if let Answer::Value(ActivationPageData { form: Some(kept), .. }) = server_call::get(path).await {
            form.set(Some(kept));
        }
        focus_summary(screen);
    });
}

/// Sends the browser to `location` (the activated page, or the page about too little identity assurance).
fn go_to(location: &str) {
    if let Some(window) = leptos::web_sys::window() {
        let _ = window.location().set_href(location);
    }
}

/// Moves the focus to the error summary once it is drawn (`autofocus` acts only when a page loads).
fn focus_summary(screen: NodeRef<leptos::html::Div>) {
    request_animation_frame(move || {
        let summary = screen.get_untracked().and_then(|screen| screen.query_selector(".error-summary").ok().flatten());
        if let Some(summary) = summary {
            use leptos::wasm_bindgen::JsCast;
            if let Ok(summary) = summary.dyn_into::<leptos::web_sys::HtmlElement>() {
                let _ = summary.focus();
            }
        }
    });
}

/// What the field says about a character that belongs to no Token (it is left out of the field).
fn foreign_notice(reading: &Reading, words: Words) -> Option<String> {
    let foreign = reading.foreign?;
    Some(if reading.thai_keyboard() { (words.thai_keyboard)(foreign) } else { (words.foreign)(foreign) })
}

/// The error summary for a submission refused as a whole: a failure of ours with its reference, the service out of
/// reach, or a form that no longer fits the session (it ended, or another one began). Worded from the main catalogue
/// only: the administration catalogue would more than double the strings this island ships.
fn failure_summary(error: &AppError, words: Words) -> impl IntoView + use<> {
    let sentence = match error {
        AppError::Internal { .. } => words.service_error,
        AppError::Unreachable => words.unreachable,
        _ => words.expired,
    };
    let reference = error.reference().map(str::to_owned);
    view! {
        <ErrorSummary>
            <p>{sentence}</p>
            <FailureReference reference />
        </ErrorSummary>
    }
}

/// The problem a refusal code stands for, without the details only the flash has.
fn problem_of(code: ActivationRefusal) -> ActivationProblem {
    match code {
        ActivationRefusal::Empty => ActivationProblem::Empty,
        ActivationRefusal::Malformed => ActivationProblem::Malformed,
        ActivationRefusal::Refused => ActivationProblem::Refused { department: None },
        // How long to wait is known only to the flash: the page says at least a minute.
        ActivationRefusal::TooManyAttempts => ActivationProblem::TooManyAttempts { retry_after_minutes: 1 },
        ActivationRefusal::Expired => ActivationProblem::Expired,
    }
}

/// The sentence for a problem, in the summary and beside the field.
fn problem_message(problem: &ActivationProblem, words: Words) -> String {
    match problem {
        ActivationProblem::Empty => words.empty.to_owned(),
        ActivationProblem::Malformed => words.malformed.to_owned(),
        ActivationProblem::Refused { .. } => words.refused.to_owned(),
        ActivationProblem::TooManyAttempts { retry_after_minutes } => (words.too_many)((*retry_after_minutes).max(1)),
        ActivationProblem::Expired => words.expired.to_owned(),
    }
}

/// The error summary: the message linking to the field, and for a refused Token of a known department, whom to ask.
fn problem_summary(state: &ActivationFormState, words: Words) -> impl IntoView + use<> {
    let message = problem_message(&state.problem, words);
    let department = match &state.problem {
        ActivationProblem::Refused { department: Some(department) } => Some(department_contacts(department, words)),
        _ => None,
    };
    view! {
        <ErrorSummary>
            <ul class="error-summary__list">
                <li>
                    <a href=format!("#{TOKEN_INPUT_ID}")>{message}</a>
                </li>
            </ul>
            {department}
        </ErrorSummary>
    }
}

/// The department a refused Token belongs to and its central officers (or the DGA Contact Center, when it has none).
fn department_contacts(department: &DepartmentContacts, words: Words) -> impl IntoView + use<> {
    view! {
        <h3 class="error-summary__subheading">{(words.central_officers_of)(department.name(use_locale()))}</h3>
        <ContactList contacts=department.central_officers.clone() />
    }
}

/// 429 for too many attempts (with `Retry-After`), 422 for every other refused submission.
#[cfg(feature = "ssr")]
fn set_problem_status(problem: &ActivationProblem) {
    use http::{HeaderValue, StatusCode, header::RETRY_AFTER};

    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else { return };
    match problem {
        ActivationProblem::TooManyAttempts { retry_after_minutes } => {
            response.set_status(StatusCode::TOO_MANY_REQUESTS);
            let seconds = (*retry_after_minutes).max(1).saturating_mul(60);
            response.insert_header(RETRY_AFTER, HeaderValue::from(seconds));
        }
        ActivationProblem::Empty
        | ActivationProblem::Malformed
        | ActivationProblem::Refused { .. }
        | ActivationProblem::Expired => response.set_status(StatusCode::UNPROCESSABLE_ENTITY),
    }
}

#[cfg(test)]
mod tests {
    use super::{Words, problem_message};
    use crate::i18n::Locale;
    use crate::request_context::ActivationProblem;

    #[test]
    fn every_refused_token_gets_the_same_message_whatever_the_department() {
        let th = Words::of(Locale::Th.text());
        let without = problem_message(&ActivationProblem::Refused { department: None }, th);
        assert_eq!(without, "Token ไม่ถูกต้อง หมดอายุ หรือถูกใช้ไปแล้ว กรุณาติดต่อเจ้าหน้าที่ส่วนกลางต้นสังกัด");
        let with = problem_message(
            &ActivationProblem::Refused {
                department: Some(crate::request_context::DepartmentContacts {
                    name_th: "กรมการปกครอง".to_owned(),
                    name_en: None,
                    central_officers: Vec::new(),
                }),
            },
            th,
        );
        assert_eq!(with, without);
    }

    #[test]
    fn too_many_attempts_says_how_many_minutes_to_wait_and_never_less_than_one() {
        let th = Words::of(Locale::Th.text());
        assert!(
            problem_message(&ActivationProblem::TooManyAttempts { retry_after_minutes: 15 }, th).contains("15 นาที")
        );
        assert!(problem_message(&ActivationProblem::TooManyAttempts { retry_after_minutes: 0 }, th).contains("1 นาที"));
    }

    #[test]
    fn an_empty_field_is_asked_for_in_the_specifications_words() {
        assert_eq!(problem_message(&ActivationProblem::Empty, Words::of(Locale::Th.text())), "กรุณากรอก Token");
    }

    #[cfg(feature = "ssr")]
    mod rendered {
        use leptos::prelude::*;

        use super::super::ActivationView;
        use crate::api::activation::ActivationPageData;
        use crate::app_error::{ActivationRefusal, AppError};
        use crate::paths::{ACTIVATION_PAGE, LOGOUT};
        use crate::request_context::{
            ActivationFormState, ActivationProblem, ContactView, DepartmentContacts, RequestContext,
        };
        use crate::testing::{Rendered, pending, render_view, without_island_props};

        fn show(name_th: &str, form: Option<ActivationFormState>, refusal: Option<AppError>) -> Rendered {
            let data = ActivationPageData { name_th: name_th.to_owned(), csrf_token: "csrf-123".to_owned(), form };
            let context = RequestContext { visitor: pending(name_th), ..Default::default() };
            show_in(context, data, refusal)
        }

        fn show_in(context: RequestContext, data: ActivationPageData, refusal: Option<AppError>) -> Rendered {
            render_view(ACTIVATION_PAGE, context, move || view! { <ActivationView data refusal /> }.into_any())
        }

        fn with_problem(problem: ActivationProblem) -> Option<ActivationFormState> {
            Some(ActivationFormState { problem, typed_token: "ABCD-1234".to_owned() })
        }

        fn refused_by(department: DepartmentContacts) -> Option<ActivationFormState> {
            with_problem(ActivationProblem::Refused { department: Some(department) })
        }

        #[test]
        fn a_pending_account_is_greeted_and_given_the_token_form() {
            let Rendered { html, status, .. } = show("นายทดลอง ใจดี", None, None);
            assert_eq!(status, None);
            assert!(html.contains("สวัสดี นายทดลอง ใจดี"));
            assert!(html.contains(r#"action="/api/activation/activate" method="post""#), "{html}");
            assert!(html.contains(r#"name="csrf_token" value="csrf-123""#));
            assert!(html.contains(r#"name="token""#) && html.contains(r#"autocomplete="off""#));
            assert!(html.contains(">ยืนยัน</button>"));
            assert!(html.contains(&format!(r#"action="{LOGOUT}""#)));
            assert!(!html.contains("aria-invalid") && !html.contains(r#"role="alert""#));
            // The form is the Token entry island; its count shows only once the island runs.
            assert!(html.contains(r#"<leptos-island data-component="ActivationScreen"#), "{html}");
            let count = html.split(r#"id="token-count""#).nth(1).and_then(|tag| tag.split('>').next());
            assert!(count.is_some_and(|tag| tag.contains(" hidden")), "{html}");
        }

        #[test]
        fn a_refused_token_is_unprocessable_and_names_the_departments_central_officers() {
            let department = DepartmentContacts {
                name_th: "กรมการปกครอง".to_owned(),
                name_en: Some("Department of Provincial Administration".to_owned()),
                central_officers: vec![ContactView {
                    name_th: "นายส่วนกลาง หนึ่ง".to_owned(),
                    phone_number: Some("02-123-4567".to_owned()),
                    email: Some("central@example.go.th".to_owned()),
                }],
            };
            let refusal = Some(AppError::Activation(ActivationRefusal::Refused));
            let Rendered { html, status, .. } = show("นายทดลอง ใจดี", refused_by(department), refusal);
            assert_eq!(status, Some(http::StatusCode::UNPROCESSABLE_ENTITY));
            assert!(html.contains(r#"role="alert""#) && html.contains(r#"aria-invalid="true""#), "{html}");
            // The summary takes the focus on load, without JavaScript too.
            assert!(html.contains(r#"tabindex="-1" autofocus"#), "{html}");
            assert!(html.contains("Token ไม่ถูกต้อง หมดอายุ หรือถูกใช้ไปแล้ว"));
            assert!(html.contains("เจ้าหน้าที่ส่วนกลางของกรมการปกครอง"));
            assert!(
                html.contains(r#"href="tel:021234567""#) && html.contains(r#"href="mailto:central@example.go.th""#)
            );
            assert!(html.contains(r#"value="ABCD-1234""#), "the typed token is shown again");
            assert_eq!(html.matches(r#"role="alert""#).count(), 1, "one summary: {html}");
        }

        #[test]
        fn a_refusal_code_without_its_flash_still_says_what_was_wrong_and_nothing_more() {
            let refusal = Some(AppError::Activation(ActivationRefusal::Refused));
            let Rendered { html, status, .. } = show("นายทดลอง ใจดี", None, refusal);
            assert_eq!(status, Some(http::StatusCode::UNPROCESSABLE_ENTITY));
            assert!(html.contains("Token ไม่ถูกต้อง หมดอายุ หรือถูกใช้ไปแล้ว"), "{html}");
            assert!(!html.contains("เจ้าหน้าที่ส่วนกลางของ"), "{html}");
        }

        #[test]
        fn in_english_the_refusal_names_the_department_by_its_english_name() {
            let department = DepartmentContacts {
                name_th: "กรมการปกครอง".to_owned(),
                name_en: Some("Department of Provincial Administration".to_owned()),
                central_officers: Vec::new(),
            };
            let context =
                RequestContext { locale: crate::i18n::Locale::En, visitor: pending("x"), ..Default::default() };
            let data = ActivationPageData {
                name_th: "x".to_owned(),
                csrf_token: "c".to_owned(),
                form: refused_by(department),
            };
            let html = without_island_props(&show_in(context, data, None).html);
            assert!(html.contains("Central officers of Department of Provincial Administration"), "{html}");
            assert!(!html.contains("กรมการปกครอง"), "{html}");
        }

        #[test]
        fn a_department_without_central_officers_sends_the_officer_to_the_contact_center() {
            let department =
                DepartmentContacts {
                    name_th: "กรมการปกครอง".to_owned(), name_en: None, central_officers: Vec::new()
                };
            let Rendered { html, .. } = show("นายทดลอง ใจดี", refused_by(department), None);
            assert!(html.contains("ยังไม่มีข้อมูลเจ้าหน้าที่ส่วนกลางในระบบ"), "{html}");
        }

        #[test]
        fn a_malformed_token_is_put_back_in_the_field_escaped() {
            let form = Some(ActivationFormState {
                problem: ActivationProblem::Malformed,
                typed_token: "ABCD-EFGH-<script>\"".to_owned(),
            });
            let Rendered { html, status, .. } = show("", form, None);
            assert_eq!(status, Some(http::StatusCode::UNPROCESSABLE_ENTITY));
            assert!(html.contains(r#"value="ABCD-EFGH-&lt;script&gt;&quot;""#), "{html}");
            assert!(!html.contains("<script>"));
            assert!(!html.contains("สวัสดี"), "no greeting without a name");
        }

        #[test]
        fn too_many_attempts_is_answered_with_429_and_retry_after() {
            let problem = ActivationProblem::TooManyAttempts { retry_after_minutes: 15 };
            let Rendered { html, status, headers } = show("นายทดลอง ใจดี", with_problem(problem), None);
            assert_eq!(status, Some(http::StatusCode::TOO_MANY_REQUESTS));
            assert!(html.contains("15 นาที"));
            assert_eq!(headers[http::header::RETRY_AFTER], "900");
        }

        #[test]
        fn a_failure_of_ours_shows_its_reference_and_no_field_error() {
            let refusal = Some(AppError::Internal { reference: "0A1B2C3D4E".to_owned() });
            let Rendered { html, .. } = show("นายทดลอง ใจดี", None, refusal);
            assert!(html.contains("0A1B2C3D4E"), "{html}");
            assert!(!html.contains(r#"aria-invalid="true""#), "{html}");
        }
    }
}
