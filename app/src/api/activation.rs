//! The identity-confirmation screen's server functions: its data (who signed in, and the form refused just before)
//! and redeeming the activation Token ("ยืนยัน").
//!
//! A good Token makes the Digital ID account an officer, ends the session (as the specification says, the officer
//! signs in again) and sends the browser to the activated page. A refused one is kept with what was typed (a
//! malformed entry only: a refused Token is never shown again) and the department's central officers in the
//! session's flash for the page's next view; the refusal itself travels as a code ([`AppError::Activation`]). An
//! account below the Token's identity assurance is signed out and sent to the page saying how to raise it.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, PostUrl};

use crate::app_error::AppError;
use crate::request_context::ActivationFormState;

/// What the identity-confirmation screen shows.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ActivationPageData {
    /// The Thai name Digital ID gave (may be empty).
    pub name_th: String,
    /// The session's synchroniser token, for the form.
    pub csrf_token: String,
    /// The form refused just before (taken from the flash, once).
    pub form: Option<ActivationFormState>,
}

/// The screen's data, for a Digital ID account signed in but not yet an officer here.
#[server(prefix = "/api", endpoint = "activation", input = GetUrl)]
pub async fn activation_page() -> Result<ActivationPageData, AppError> {
    on_server::page().await
}

/// "ยืนยัน": redeems the Token typed into the form.
#[server(prefix = "/api", endpoint = "activation/activate", input = PostUrl)]
pub async fn activate(
    /// The session's synchroniser token.
    #[server(default)]
    csrf_token: String,
    /// The Token as typed.
    #[server(default)]
    token: String,
) -> Result<(), AppError> {
    match on_server::activate(&csrf_token, &token).await {
        Ok(next) => {
            crate::host::send_to(&next);
            Ok(())
        }
        Err(error) => crate::host::answer::<Activate, ()>(crate::paths::ACTIVATION_PAGE, Err(error)),
    }
}

/// The audit reason of an activation attempt refused because of too many wrong Tokens.
pub const RATE_LIMITED_REASON: &str = "rate_limited";

/// The server side; the host's sign-in sends a person below the level of their role to the same page.
#[cfg(feature = "ssr")]
pub mod on_server {
    use chrono::Utc;
    use domain::activation::{self, ActivationToken, RedeemError, RedeemFailure, TokenFormatError};
    use domain::assurance::Shortfall;
    use domain::audit::{self, Entry};
    use domain::entities::audit_event::AuditEvent;

    use super::{ActivationPageData, RATE_LIMITED_REASON};
    use crate::app_error::{ActivationRefusal, AppError};
    use crate::host::{
        CurrentSession, backend, current_session, end_session, internal, origin, put_flash, request, take_flash,
    };
    use crate::paths::{ACTIVATED_PAGE, ASSURANCE_REQUIRED_PAGE};
    use crate::request_context::{ActivationFormState, ActivationProblem};

    /// The flash's kind: the activation form refused just before.
    const FLASH: &str = "activation";

    /// The longest entry shown again.
    const MAX_TYPED: usize = 128;

    /// The session of a Digital ID account not yet activated: [`AppError::SignInNeeded`] without one, `Forbidden`
    /// for an officer (who has nothing to activate).
    fn pending() -> Result<CurrentSession, AppError> {
        let current = current_session(&request()?)?;
        if current.officer.is_some() {
            return Err(AppError::Forbidden);
        }
        Ok(current)
    }

    /// The screen's data.
    pub async fn page() -> Result<ActivationPageData, AppError> {
        let current = pending()?;
        Ok(ActivationPageData {
            name_th: current.session.identity.name_th.clone(),
            csrf_token: current.session.row.csrf_token.clone(),
            form: take_flash::<ActivationFormState>(FLASH).await,
        })
    }

    /// Redeems `typed`. Where the browser goes next: the activated page, or the page about too little identity assurance. A
    /// refusal is kept in the flash and returned as its code.
    pub async fn activate(csrf_token: &str, typed: &str) -> Result<String, AppError> {
        let current = pending()?;
        if !current.csrf_matches(csrf_token) {
            return refuse(ActivationProblem::Expired, String::new()).await;
        }
        match redeem(&current, typed).await {
            Ok(()) => {
                end_session(&current, "ending the session after activation failed").await?;
                Ok(ACTIVATED_PAGE.to_owned())
            }
            Err(Refusal::Problem(problem)) => {
                // A malformed entry is shown again to fix a typo; a refused Token is never echoed (security.md G3).
                let typed = match problem {
                    ActivationProblem::Malformed => typed.chars().take(MAX_TYPED).collect(),
                    _ => String::new(),
                };
                refuse(problem, typed).await
            }
            Err(Refusal::Assurance(shortfall)) => {
                // The claims in this session are Digital ID's of this sign-in: after raising the level the person
                // signs in again (and enters the same Token, which is left as it was).
                end_session(&current, "ending the session after activation failed").await?;
                Ok(assurance_required(&shortfall))
            }
            Err(Refusal::Failed(error)) => Err(error),
        }
    }

    /// Keeps the refused form for the page's next view; the refusal is its code.
    async fn refuse(problem: ActivationProblem, typed_token: String) -> Result<String, AppError> {
        let code = ActivationRefusal::of(&problem);
        put_flash(FLASH, &ActivationFormState { problem, typed_token }).await?;
        Err(AppError::Activation(code))
    }

    /// The page telling a person their Digital ID level, the level their role needs and how to raise it (codes only
    /// in the address).
    pub fn assurance_required(shortfall: &Shortfall) -> String {
        let flag = |set: bool| if set { "1" } else { "0" };
        let have = shortfall.have.map(|level| format!("have={level}&")).unwrap_or_default();
        format!(
            "{ASSURANCE_REQUIRED_PAGE}?{have}need={}&verified={}&id={}&role={}",
            shortfall.need,
            flag(shortfall.citizen_id_verified),
            flag(shortfall.need_verified_citizen_id),
            shortfall.role.code()
        )
    }

    enum Refusal {
        Problem(ActivationProblem),
        /// The Digital ID account is not proofed well enough for the Token (already audited as a refused Token).
        Assurance(Shortfall),
        /// A failure of ours (already logged under its reference).
        Failed(AppError),
    }

    impl From<sea_orm::DbErr> for Refusal {
        fn from(error: sea_orm::DbErr) -> Self {
            Self::Failed(internal("activation failed", &error))
        }
    }

    impl From<AppError> for Refusal {
        fn from(error: AppError) -> Self {
            Self::Failed(error)
        }
    }

    async fn redeem(current: &CurrentSession, typed: &str) -> Result<(), Refusal> {
        let now = Utc::now();
        // A typo is answered before anything is counted: no Token is looked up for it.
        let token = match ActivationToken::parse(typed) {
            Ok(token) => token,
            Err(TokenFormatError::Empty) => return Err(Refusal::Problem(ActivationProblem::Empty)),
            Err(TokenFormatError::Malformed) => return Err(Refusal::Problem(ActivationProblem::Malformed)),
        };
        let backend = backend()?;
        let db = &backend.db;
        let origin = origin(&request()?);
        let identity = &current.session.identity;
        let policy = &backend.assurance;
        // Requests without a peer address (only tests without a socket) share one rate-limit bucket.
        let client_ip = origin.client_ip.as_deref().unwrap_or("unknown");
        // The try is counted and decided on in one atomic step before the Token is looked at (docs/SECURITY.md).
        let caller = activation::Caller { identity, policy, client_ip };
        let attempt = match activation::reserve(db, backend.attempt_limits, &caller, &token, now).await? {
            activation::Reservation::Admitted(attempt) => attempt,
            activation::Reservation::Limited { limit, wait } => {
                tracing::warn!(
                    event = "activation_ratelimited",
                    limit = limit.code(),
                    "activation attempts over the limit"
                );
                // Audited like any refused Token, so the central officers see someone guessing (security.md G10).
                let entry = Entry::new(AuditEvent::TokenRefused, &origin)
                    .failed(RATE_LIMITED_REASON)
                    .target_name(Some(&identity.name_th));
                audit::record(db, entry, now).await?;
                let retry_after_minutes = (wait.num_seconds() + 59) / 60;
                return Err(Refusal::Problem(ActivationProblem::TooManyAttempts { retry_after_minutes }));
            }
        };
        if attempt.rightful_officer() {
            tracing::info!(
                event = "activation_rightful_officer",
                "a Token bound to the caller passes the address limit"
            );
        }
        match activation::redeem_from(db, &token, identity, policy, &origin, now).await {
            Ok(officer) => {
                attempt.succeeded(db).await?;
                tracing::info!(event = "activation_ok", officer_id = officer.id, "officer activated");
                Ok(())
            }
            Err(RedeemError::Refused { reason: RedeemFailure::Assurance(shortfall), .. }) => {
                // A real Token from a person below its level is not a guess: the try no longer counts.
                attempt.release(db).await?;
                tracing::warn!(
                    event = "activation_failed",
                    reason = "assurance",
                    "Digital ID assurance below the Token's"
                );
                Err(Refusal::Assurance(shortfall))
            }
            Err(RedeemError::Refused { reason, unit_id }) => {
                // The reserved try stays a failure.
                tracing::warn!(event = "activation_failed", reason = reason.code(), "activation token refused");
                let department = match unit_id {
                    Some(unit_id) => crate::host::views::department_contacts(db, unit_id).await?,
                    None => None,
                };
                Err(Refusal::Problem(ActivationProblem::Refused { department }))
            }
            Err(RedeemError::Database(error)) => Err(error.into()),
        }
    }
}
