//! The identity-confirmation screen (ยืนยันตัวตน) of a first sign-in: a Digital ID account that is not yet an
//! officer here enters the activation Token it was given and presses "ยืนยัน". The form posts back to the same
//! address; the server answers a refused Token by rendering this page again with
//! [`RequestContext::activation_form`](crate::request_context::RequestContext) set, and a good one by redirecting
//! to the activated page.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::contact_center_phone::ContactCenterPhone;
use crate::components::contact_list::ContactList;
use crate::components::error_summary::ErrorSummary;
use crate::components::logout_form::LogoutForm;
use crate::i18n::{TOKEN_LABEL, Text, use_locale, use_text};
use crate::paths::{ACTIVATION_PAGE, CSRF_FIELD, OFFICERS_PAGE, TOKEN_FIELD};
use crate::request_context::{
    ActivationFormState, ActivationProblem, DepartmentContacts, Visitor, use_request_context,
};

/// The `id` of the Token field, which the error summary links to.
const TOKEN_INPUT_ID: &str = "token";

/// The Token form with who gives Tokens, any error of the last submission, and a way to sign out.
#[component]
pub fn ActivationPage() -> impl IntoView {
    let text = use_text();
    let context = use_request_context();
    let Visitor::PendingActivation(pending) = context.visitor else {
        // The server sends everyone else elsewhere before rendering; should it not, offer only the way back.
        return view! {
            <Title text=text.activation_title />
            <h1>{text.activation_title}</h1>
            <p>
                <a href=OFFICERS_PAGE>{text.back_to_officers_page}</a>
            </p>
        }
        .into_any();
    };
    let form_state = context.activation_form;
    #[cfg(feature = "ssr")]
    if let Some(state) = &form_state {
        set_problem_status(&state.problem);
    }
    let greeting = match pending.name_th.trim() {
        "" => None,
        name => Some(view! { <p class="lead">{(text.hello)(name)}</p> }),
    };
    let summary = form_state.as_ref().map(|state| problem_summary(state, text));
    let error = form_state.as_ref().map(|state| problem_message(&state.problem, text));
    let typed_token = form_state.as_ref().map(|state| state.typed_token.clone()).unwrap_or_default();
    let has_error = error.is_some();
    let described_by = if has_error { "token-hint token-error" } else { "token-hint" };
    let inline_error = error.map(|message| {
        view! {
            <p id="token-error" class="field__error">
                <span class="visually-hidden">{text.error_prefix} " "</span>
                {message}
            </p>
        }
    });
    view! {
        <Title text=text.activation_title />
        {summary}
        <h1>{text.activation_title}</h1>
        {greeting}
        <p>{text.activation_first_use}</p>
        <form class="form" method="post" action=ACTIVATION_PAGE>
            <input type="hidden" name=CSRF_FIELD value=pending.csrf_token.clone() />
            <div class="field" class:field--error=has_error>
                <label class="field__label" for=TOKEN_INPUT_ID>
                    {TOKEN_LABEL}
                </label>
                <p id="token-hint" class="field__hint">
                    {text.token_hint}
                </p>
                {inline_error}
                <input
                    id=TOKEN_INPUT_ID
                    class="field__input field__input--token"
                    type="text"
                    name=TOKEN_FIELD
                    value=typed_token
                    autocomplete="off"
                    spellcheck="false"
                    autocapitalize="characters"
                    aria-describedby=described_by
                    aria-invalid=has_error.then_some("true")
                />
            </div>
            <button type="submit" class="button button--primary">
                {text.confirm}
            </button>
        </form>
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
            <LogoutForm
                csrf_token=pending.csrf_token
                label=text.sign_out
                button_class="button button--secondary"
            />
        </section>
    }
    .into_any()
}

/// The sentence for a problem, in the summary and beside the field.
fn problem_message(problem: &ActivationProblem, text: &Text) -> String {
    match problem {
        ActivationProblem::Empty => text.token_empty.to_owned(),
        ActivationProblem::Malformed => text.token_malformed.to_owned(),
        ActivationProblem::Refused { .. } => text.token_refused.to_owned(),
        ActivationProblem::TooManyAttempts { retry_after_minutes } => {
            (text.token_too_many_attempts)((*retry_after_minutes).max(1))
        }
        ActivationProblem::Expired => text.activation_form_expired.to_owned(),
    }
}

/// The error summary: the message linking to the field, and for a refused Token of a known department, whom to ask.
fn problem_summary(state: &ActivationFormState, text: &'static Text) -> impl IntoView + use<> {
    let message = problem_message(&state.problem, text);
    let department = match &state.problem {
        ActivationProblem::Refused { department: Some(department) } => Some(department_contacts(department, text)),
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
fn department_contacts(department: &DepartmentContacts, text: &'static Text) -> impl IntoView + use<> {
    view! {
        <h3 class="error-summary__subheading">{(text.central_officers_of)(department.name(use_locale()))}</h3>
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
    use super::problem_message;
    use crate::i18n::Locale;
    use crate::request_context::ActivationProblem;

    #[test]
    fn every_refused_token_gets_the_same_message_whatever_the_department() {
        let th = Locale::Th.text();
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
        let th = Locale::Th.text();
        assert!(
            problem_message(&ActivationProblem::TooManyAttempts { retry_after_minutes: 15 }, th).contains("15 นาที")
        );
        assert!(problem_message(&ActivationProblem::TooManyAttempts { retry_after_minutes: 0 }, th).contains("1 นาที"));
    }

    #[test]
    fn an_empty_field_is_asked_for_in_the_specifications_words() {
        assert_eq!(problem_message(&ActivationProblem::Empty, Locale::Th.text()), "กรุณากรอก Token");
    }

    #[cfg(feature = "ssr")]
    mod rendered {
        use crate::paths::{ACTIVATION_PAGE, LOGOUT, OFFICERS_PAGE};
        use crate::request_context::{
            ActivationFormState, ActivationProblem, ContactView, DepartmentContacts, RequestContext, Visitor,
        };
        use crate::testing::{Rendered, pending, render};

        fn with_problem(problem: ActivationProblem) -> RequestContext {
            RequestContext {
                visitor: pending("นายทดลอง ใจดี"),
                activation_form: Some(ActivationFormState { problem, typed_token: "ABCD-1234".to_owned() }),
                ..Default::default()
            }
        }

        #[test]
        fn a_pending_account_is_greeted_and_given_the_token_form() {
            let Rendered { html, status, .. } =
                render(ACTIVATION_PAGE, RequestContext { visitor: pending("นายทดลอง ใจดี"), ..Default::default() });
            assert_eq!(status, None);
            assert!(html.contains("สวัสดี นายทดลอง ใจดี"));
            assert!(html.contains(&format!(r#"method="post" action="{ACTIVATION_PAGE}""#)), "{html}");
            assert!(html.contains(r#"name="csrf_token" value="csrf-123""#));
            assert!(html.contains(r#"name="token""#) && html.contains(r#"autocomplete="off""#));
            assert!(html.contains(">ยืนยัน</button>"));
            assert!(html.contains(&format!(r#"action="{LOGOUT}""#)));
            assert!(!html.contains("aria-invalid") && !html.contains(r#"role="alert""#));
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
            let Rendered { html, status, .. } =
                render(ACTIVATION_PAGE, with_problem(ActivationProblem::Refused { department: Some(department) }));
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
        }

        #[test]
        fn in_english_the_refusal_names_the_department_by_its_english_name() {
            let department = DepartmentContacts {
                name_th: "กรมการปกครอง".to_owned(),
                name_en: Some("Department of Provincial Administration".to_owned()),
                central_officers: Vec::new(),
            };
            let context = RequestContext {
                locale: crate::i18n::Locale::En,
                ..with_problem(ActivationProblem::Refused { department: Some(department) })
            };
            let Rendered { html, .. } = render(ACTIVATION_PAGE, context);
            assert!(html.contains("Central officers of Department of Provincial Administration"), "{html}");
            assert!(!html.contains("กรมการปกครอง"), "{html}");
        }

        #[test]
        fn a_department_without_central_officers_sends_the_officer_to_the_contact_center() {
            let department =
                DepartmentContacts {
                    name_th: "กรมการปกครอง".to_owned(), name_en: None, central_officers: Vec::new()
                };
            let Rendered { html, .. } =
                render(ACTIVATION_PAGE, with_problem(ActivationProblem::Refused { department: Some(department) }));
            assert!(html.contains("ยังไม่มีข้อมูลเจ้าหน้าที่ส่วนกลางในระบบ"), "{html}");
        }

        #[test]
        fn a_malformed_token_is_put_back_in_the_field_escaped() {
            let context = RequestContext {
                visitor: pending(""),
                activation_form: Some(ActivationFormState {
                    problem: ActivationProblem::Malformed,
                    typed_token: "ABCD-EFGH-<script>\"".to_owned(),
                }),
                ..Default::default()
            };
            let Rendered { html, status, .. } = render(ACTIVATION_PAGE, context);
            assert_eq!(status, Some(http::StatusCode::UNPROCESSABLE_ENTITY));
            assert!(html.contains(r#"value="ABCD-EFGH-&lt;script&gt;&quot;""#), "{html}");
            assert!(!html.contains("<script>"));
            assert!(!html.contains("สวัสดี"), "no greeting without a name");
        }

        #[test]
        fn too_many_attempts_is_answered_with_429_and_retry_after() {
            let Rendered { html, status, headers } =
                render(ACTIVATION_PAGE, with_problem(ActivationProblem::TooManyAttempts { retry_after_minutes: 15 }));
            assert_eq!(status, Some(http::StatusCode::TOO_MANY_REQUESTS));
            assert!(html.contains("15 นาที"));
            assert_eq!(headers[http::header::RETRY_AFTER], "900");
        }

        #[test]
        fn anyone_but_a_pending_account_gets_only_a_link_to_the_officers_page() {
            let Rendered { html, status, .. } =
                render(ACTIVATION_PAGE, RequestContext { visitor: Visitor::Anonymous, ..Default::default() });
            assert_eq!(status, None);
            assert!(html.contains(&format!(r#"<a href="{OFFICERS_PAGE}">"#)));
            assert!(!html.contains(r#"name="token""#));
        }
    }
}
