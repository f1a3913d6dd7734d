//! A page's data as the server loads it ([`loaded`]), and what a page shows when one of its server functions refused
//! or failed for a reason that is no field's fault: the page's data could not be loaded ([`LoadFailure`]), or an
//! action was refused as a whole ([`ActionFailure`]).

use leptos::prelude::*;

use crate::app_error::AppError;
use crate::components::admin_form::NoPermission;
use crate::components::error_summary::ErrorSummary;
use crate::components::failure_reference::FailureReference;
use crate::i18n::admin::use_admin_text;
use crate::i18n::use_text;
use crate::pages::not_found_page::NotFoundPage;
use crate::pages::service_error_page::ServiceError;

/// The page `show` makes of `data` once it has loaded, or [`LoadFailure`] when the server would not give it. Routes
/// rendered with `SsrMode::Async` await it, so the HTML arrives complete. `show` runs inside the suspense: read an
/// action's refusal there (`value().get_untracked()`).
pub fn loaded<T, V>(
    data: Resource<Result<T, AppError>>,
    show: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense>
            {move || {
                let show = show.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(data) => show(data).into_any(),
                        Err(error) => view! { <LoadFailure error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// A page whose data the server would not give: "no permission" (403), "not found" (404), or the service-error
/// content (500) with its reference.
#[component]
pub fn LoadFailure(
    /// Why.
    error: AppError,
) -> impl IntoView {
    match error {
        AppError::Forbidden => view! { <NoPermission /> }.into_any(),
        AppError::NotFound => view! { <NotFoundPage /> }.into_any(),
        other => view! { <ServiceError reference=other.reference().map(str::to_owned) /> }.into_any(),
    }
}

/// The error summary for an action refused as a whole (a field's refusal is shown next to the field instead):
/// nothing for `None` or a field's error.
#[component]
pub fn ActionFailure(
    /// The action's error, if it failed.
    error: Option<AppError>,
) -> impl IntoView {
    let text = use_text();
    let admin = use_admin_text();
    error.and_then(|error| {
        let (sentence, reference) = match error {
            // Shown beside its field, by the page that has it.
            AppError::Field { .. } | AppError::Activation(_) => return None,
            AppError::NotFound => (admin.not_in_scope, None),
            AppError::Forbidden => (admin.forbidden_body, None),
            error @ AppError::Internal { .. } => (text.service_error_body, error.reference().map(str::to_owned)),
            AppError::Unreachable => (text.unreachable_body, None),
            AppError::SignInNeeded | AppError::ActivationNeeded | AppError::BadRequest => {
                (admin.problem(crate::administration::FormProblem::FormExpired), None)
            }
        };
        Some(view! {
            <ErrorSummary>
                <p>{sentence}</p>
                <FailureReference reference />
            </ErrorSummary>
        })
    })
}
