//! The identity-confirmation screen (ยืนยันตัวตน) of a first sign-in: a Digital ID account that is not yet an
//! officer here enters the activation Token it was given and presses "ยืนยัน". The data comes from the
//! [`activation_page`] server function; the form is an `<ActionForm>` of [`activate`] (a plain POST and redirect
//! without JavaScript). A refused Token comes back to this page with the problem, and whom to ask, from the
//! session's flash; a good one goes on to the activated page.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::activation::{Activate, ActivationPageData, activation_page};
use crate::app_error::{ActivationRefusal, AppError};
use crate::components::admin_form::{TextField, TextKind};
use crate::components::app_failure::{ActionFailure, LoadFailure};
use crate::components::contact_center_phone::ContactCenterPhone;
use crate::components::contact_list::ContactList;
use crate::components::error_summary::ErrorSummary;
use crate::components::logout_form::LogoutForm;
use crate::i18n::{TOKEN_LABEL, Text, use_locale, use_text};
use crate::paths::{CSRF_FIELD, TOKEN_FIELD};
use crate::request_context::{ActivationFormState, ActivationProblem, DepartmentContacts};

/// The `id` of the Token field, which the error summary links to.
const TOKEN_INPUT_ID: &str = "token";

/// The screen: its data from the server, then [`ActivationView`].
#[component]
pub fn ActivationPage() -> impl IntoView {
    let activate = ServerAction::<Activate>::new();
    let data = Resource::new_blocking(|| (), |()| activation_page());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let refusal = activate.value().get_untracked().and_then(Result::err);
                match data.await {
                    Ok(data) => view! { <ActivationView data refusal activate /> }.into_any(),
                    Err(error) => view! { <LoadFailure error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The Token form with who gives Tokens, any error of the last submission, and a way to sign out.
#[component]
pub fn ActivationView(
    /// What the server gave.
    data: ActivationPageData,
    /// The last submission's refusal, when it was refused.
    refusal: Option<AppError>,
    /// The form's action.
    activate: ServerAction<Activate>,
) -> impl IntoView {
    let text = use_text();
    // The flash has the details; a refusal code without them (the flash was taken, or the address was written by
    // someone else) still says what was wrong.
    let form_state = data.form.or_else(|| match &refusal {
        Some(AppError::Activation(code)) => {
            Some(ActivationFormState { problem: problem_of(*code), typed_token: String::new() })
        }
        _ => None,
    });
    #[cfg(feature = "ssr")]
    if let Some(state) = &form_state {
        set_problem_status(&state.problem);
    }
    let greeting = match data.name_th.trim() {
        "" => None,
        name => Some(view! { <p class="lead">{(text.hello)(name)}</p> }),
    };
    let summary = form_state.as_ref().map(|state| problem_summary(state, text));
    let error = form_state.as_ref().map(|state| problem_message(&state.problem, text));
    let typed_token = form_state.as_ref().map(|state| state.typed_token.clone()).unwrap_or_default();
    let csrf_token = data.csrf_token;
    let form_csrf_token = csrf_token.clone();
    view! {
        <Title text=text.activation_title />
        {summary}
        <ActionFailure error=refusal />
        <h1>{text.activation_title}</h1>
        {greeting}
        <p>{text.activation_first_use}</p>
        <ActionForm action=activate attr:class="form">
            <input type="hidden" name=CSRF_FIELD value=form_csrf_token.clone() />
            <TextField
                id=TOKEN_INPUT_ID.to_owned()
                name=TOKEN_FIELD
                label=TOKEN_LABEL
                hint=text.token_hint
                error=error.clone()
                value=typed_token.clone()
                kind=TextKind::Code
                modifier="token"
            />
            <button type="submit" class="button button--primary">
                {text.confirm}
            </button>
        </ActionForm>
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
        use leptos::prelude::*;

        use super::super::ActivationView;
        use crate::api::activation::ActivationPageData;
        use crate::app_error::{ActivationRefusal, AppError};
        use crate::paths::{ACTIVATION_PAGE, LOGOUT};
        use crate::request_context::{
            ActivationFormState, ActivationProblem, ContactView, DepartmentContacts, RequestContext,
        };
        use crate::testing::{Rendered, pending, render_view};

        fn show(name_th: &str, form: Option<ActivationFormState>, refusal: Option<AppError>) -> Rendered {
            let data = ActivationPageData { name_th: name_th.to_owned(), csrf_token: "csrf-123".to_owned(), form };
            let context = RequestContext { visitor: pending(name_th), ..Default::default() };
            show_in(context, data, refusal)
        }

        fn show_in(context: RequestContext, data: ActivationPageData, refusal: Option<AppError>) -> Rendered {
            render_view(ACTIVATION_PAGE, context, move || {
                view! { <ActivationView data refusal activate=ServerAction::new() /> }.into_any()
            })
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
            let Rendered { html, .. } = show_in(context, data, None);
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
