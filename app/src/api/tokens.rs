//! The Tokens page's server functions: the Tokens in the actor's scope, issuing one, revoking and re-issuing. A
//! missing field reads as empty, so a form without its synchroniser token is refused as expired like one with a
//! wrong token.
//!
//! A Token just issued (or re-issued) is kept in the session's one-time flash ([`crate::host::put_flash`]) and the
//! form is sent back to the Tokens page, whose loader takes it: it is shown once, and never travels in a URL or a
//! function's answer. A refused issue form keeps what was typed (and every problem found) the same way; the refusal
//! itself travels as [`AppError`] codes.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, PostUrl};

use crate::administration::{Done, TokensPageData};
use crate::app_error::AppError;

/// The Tokens page's data for the signed-in officer's scope, with the Token just issued or the issue form just
/// refused (each shown once).
#[server(prefix = "/api", endpoint = "tokens", input = GetUrl)]
pub async fn tokens_page() -> Result<TokensPageData, AppError> {
    on_server::page().await
}

/// Issues a Token for a named person ("ออก Token"); the page then shows it once.
#[server(prefix = "/api", endpoint = "tokens/issue", input = PostUrl)]
pub async fn issue_token(
    /// The session's synchroniser token.
    #[server(default)]
    csrf_token: String,
    /// The role's code.
    #[server(default)]
    role: String,
    /// The unit's code.
    #[server(default)]
    unit: String,
    /// The person's citizen ID as typed.
    #[server(default)]
    citizen_id: String,
    /// The person's name as typed.
    #[server(default)]
    name: String,
    /// The letter or request number as typed.
    #[server(default)]
    reference: String,
    /// The lifetime in days as typed (empty: 7).
    #[server(default)]
    lifetime_days: String,
) -> Result<(), AppError> {
    let form = crate::administration::IssueFormValues { role, unit, citizen_id, name, reference, lifetime_days };
    let result = on_server::issue(&csrf_token, form).await;
    crate::host::answer::<IssueToken, _>(crate::paths::TOKENS_PAGE, result)
}

/// "ยกเลิก Token": revokes a pending Token.
#[server(prefix = "/api", endpoint = "tokens/revoke", input = PostUrl)]
pub async fn revoke_token(
    /// The session's synchroniser token.
    #[server(default)]
    csrf_token: String,
    /// The Token's id.
    #[server(default)]
    token_id: String,
) -> Result<Done, AppError> {
    let result = on_server::revoke(&csrf_token, &token_id).await;
    crate::host::answer::<RevokeToken, _>(crate::paths::TOKENS_PAGE, result)
}

/// "ออก Token ใหม่": revokes a pending or expired Token and issues its replacement; the page then shows it once.
#[server(prefix = "/api", endpoint = "tokens/reissue", input = PostUrl)]
pub async fn reissue_token(
    /// The session's synchroniser token.
    #[server(default)]
    csrf_token: String,
    /// The Token's id.
    #[server(default)]
    token_id: String,
) -> Result<(), AppError> {
    let result = on_server::reissue(&csrf_token, &token_id).await;
    crate::host::answer::<ReissueToken, _>(crate::paths::TOKENS_PAGE, result)
}

#[cfg(feature = "ssr")]
mod on_server {
    use chrono::{Duration, Utc};
    use domain::activation::{self, IssueError, Issued, Issuer, TextField};
    use domain::administration::{AdminError, tokens};
    use domain::citizen_id::{CitizenId, CitizenIdError};
    use domain::entities::officer::Role;
    use domain::scope::Tree;
    use serde::{Deserialize, Serialize};

    use crate::administration::{
        Done, FieldProblem, FormProblem, IssueFormValues, IssuedToken, TokenRow, TokensPageData,
    };
    use crate::app_error::AppError;
    use crate::host::free_text::{checked_text, text_problem};
    use crate::host::views::{join_th, unit_options};
    use crate::host::{Actor, actor, backend, put_flash, refused, take_flash};
    use crate::paths::fields;

    /// How recent the officer's Digital ID sign-in must be to issue or re-issue a Token (ASVS 5.0 V7.5.3:
    /// re-authenticate before a highly sensitive action). Older sessions are offered a fresh sign-in
    /// (`prompt=login`) that returns to the page.
    pub const ISSUE_NEEDS_SIGN_IN_WITHIN: Duration = Duration::minutes(15);

    /// The longest name and letter number kept (a Thai name with title is well under 100 characters).
    const MAX_NAME: usize = 200;
    const MAX_REFERENCE: usize = 100;

    /// The flash's kind: what the Tokens page shows once.
    const FLASH: &str = "tokens";

    /// What the page shows once, kept across the redirect in the session's flash.
    #[derive(Debug, Serialize, Deserialize)]
    enum Kept {
        /// The Token just issued or re-issued.
        Issued(IssuedToken),
        /// The issue form as typed, and every problem found with it.
        Refused { form: IssueFormValues, problems: Vec<FieldProblem> },
    }

    pub async fn page() -> Result<TokensPageData, AppError> {
        let actor = actor()?;
        let db = backend()?.db;
        let load = async {
            let tree = Tree::load(&db).await?;
            let listed = tokens::list(&db, &actor.officer, Utc::now()).await?;
            Ok::<_, AdminError>((tree, listed))
        };
        let (tree, listed) = load.await.map_err(|error| refused("Tokens page request failed", &error))?;
        let (issued, form, problems) = match take_flash::<Kept>(FLASH).await {
            Some(Kept::Issued(issued)) => (Some(issued), IssueFormValues::default(), Vec::new()),
            Some(Kept::Refused { form, problems }) => (None, form, problems),
            None => (None, IssueFormValues::default(), Vec::new()),
        };
        Ok(TokensPageData {
            issuable_roles: actor.scope.issuable_roles().to_vec(),
            units: unit_options(&tree, &actor.scope, actor.scope.issuable_roles()),
            tokens: listed.into_iter().map(token_row).collect(),
            form,
            problems,
            issued,
            csrf_token: actor.csrf_token.clone(),
            reauthentication_needed: !actor.authenticated_within(ISSUE_NEEDS_SIGN_IN_WITHIN, Utc::now()),
        })
    }

    fn token_row(listing: tokens::TokenListing) -> TokenRow {
        let row = listing.row;
        TokenRow {
            id: row.id,
            intended_name: row.intended_name,
            citizen_id_masked: row.citizen_id_masked,
            role: row.role,
            unit_name_th: listing.unit.name_th,
            unit_code: listing.unit.code,
            reference: row.reference,
            issued_at: row.created_at,
            expires_at: row.expires_at,
            status: listing.state,
            issued_by: listing.issued_by,
            closed_at: row.used_at.or(row.revoked_at),
            used_by: listing.used_by,
        }
    }

    pub async fn issue(csrf_token: &str, form: IssueFormValues) -> Result<(), AppError> {
        let actor = actor()?;
        let typed = IssueFormValues {
            role: form.role.chars().take(32).collect(),
            unit: form.unit.chars().take(64).collect(),
            // Shown again so a typo can be fixed: kept in the one-time flash only, never logged.
            citizen_id: form.citizen_id.chars().take(32).collect(),
            name: form.name.chars().take(MAX_NAME).collect(),
            reference: form.reference.chars().take(MAX_REFERENCE).collect(),
            lifetime_days: form.lifetime_days.chars().take(8).collect(),
        };
        if !actor.csrf_matches(csrf_token) {
            return refuse_form(typed, vec![problem(fields::ROLE, FormProblem::FormExpired)]).await;
        }
        if !actor.authenticated_within(ISSUE_NEEDS_SIGN_IN_WITHIN, Utc::now()) {
            step_up_required(&actor);
            return refuse_form(typed, vec![problem(fields::REAUTHENTICATE, FormProblem::ReauthenticationNeeded)])
                .await;
        }
        let request = match checked_request(&form) {
            Ok(request) => request,
            Err(problems) => return refuse_form(typed, problems).await,
        };
        let backend = backend()?;
        let issuer = Issuer::Officer { officer: &actor.officer, origin: &actor.origin };
        match activation::issue(&backend.db, issuer, request, &backend.citizen_id_key, Utc::now()).await {
            Ok(issued) => {
                tracing::info!(
                    event = "token_issued",
                    officer_id = actor.officer.id,
                    token_id = issued.row.id,
                    "Token issued"
                );
                put_flash(FLASH, &Kept::Issued(issued_token(&actor, issued, None))).await
            }
            Err(error) => match issue_problem(error) {
                Ok(field_problem) => refuse_form(typed, vec![field_problem]).await,
                Err(error) => Err(refused("Tokens page request failed", &error)),
            },
        }
    }

    /// A refused issue form: what was typed and every problem kept for the page, the first problem as the refusal.
    async fn refuse_form(form: IssueFormValues, problems: Vec<FieldProblem>) -> Result<(), AppError> {
        let Some(first) = problems.first().cloned() else { return Err(AppError::BadRequest) };
        put_flash(FLASH, &Kept::Refused { form, problems }).await?;
        Err(AppError::Field { row: None, problem: first })
    }

    fn step_up_required(actor: &Actor) {
        tracing::info!(
            event = "step_up_required",
            officer_id = actor.officer.id,
            "issuing a Token needs a fresh sign-in"
        );
    }

    /// The field a refused issue belongs to, or (`Err`) the refusal when it is not the form's fault. The form's own
    /// checks ([`checked_request`]) catch the lifetime, the free text and a missing person first, with the same
    /// problems.
    fn issue_problem(error: IssueError) -> Result<FieldProblem, AdminError> {
        Ok(match error {
            IssueError::NotPermitted => return Err(AdminError::NotPermitted),
            IssueError::Database(error) => return Err(AdminError::Database(error)),
            IssueError::RoleNotAllowed => problem(fields::ROLE, FormProblem::RoleNotAllowed),
            IssueError::UnitNotAllowed | IssueError::UnknownUnit(_) | IssueError::RetiredUnit(_) => {
                problem(fields::UNIT, FormProblem::UnitNotAllowed)
            }
            IssueError::RoleDoesNotFitUnit { .. } => problem(fields::UNIT, FormProblem::RoleDoesNotFitUnit),
            IssueError::PersonMissing => problem(fields::CITIZEN_ID, FormProblem::CitizenIdMissing),
            IssueError::Lifetime => problem(fields::LIFETIME_DAYS, FormProblem::LifetimeInvalid),
            IssueError::Text { field: TextField::Reference, problem: text } => {
                problem(fields::REFERENCE, text_problem(text))
            }
            IssueError::Text { field: TextField::IntendedName, problem: text } => {
                problem(fields::NAME, text_problem(text))
            }
        })
    }

    /// The form's fields checked; every problem at once, so the officer fixes them in one go.
    fn checked_request(form: &IssueFormValues) -> Result<activation::IssueToken, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let role = Role::from_code(form.role.trim());
        if role.is_none() {
            problems.push(problem(fields::ROLE, FormProblem::RoleNotAllowed));
        }
        if form.unit.trim().is_empty() {
            problems.push(problem(fields::UNIT, FormProblem::UnitNotAllowed));
        }
        let citizen_id = match form.citizen_id.trim() {
            "" => Err(FormProblem::CitizenIdMissing),
            typed => CitizenId::parse(typed).map_err(|error| match error {
                CitizenIdError::Malformed => FormProblem::CitizenIdLength,
                CitizenIdError::CheckDigit => FormProblem::CitizenIdChecksum,
            }),
        };
        let citizen_id = citizen_id.map_err(|error| problems.push(problem(fields::CITIZEN_ID, error))).ok();
        let name = match checked_text(&form.name, MAX_NAME) {
            Ok(Some(name)) => Some(name),
            Ok(None) => {
                problems.push(problem(fields::NAME, FormProblem::NameMissing));
                None
            }
            Err(error) => {
                problems.push(problem(fields::NAME, error));
                None
            }
        };
        let reference = checked_text(&form.reference, MAX_REFERENCE)
            .map_err(|error| problems.push(problem(fields::REFERENCE, error)));
        let lifetime = lifetime_days(&form.lifetime_days)
            .ok_or_else(|| problems.push(problem(fields::LIFETIME_DAYS, FormProblem::LifetimeInvalid)));
        match (role, citizen_id, name, reference, lifetime) {
            (Some(role), Some(citizen_id), Some(intended_name), Ok(reference), Ok(days)) if problems.is_empty() => {
                Ok(activation::IssueToken {
                    unit_code: form.unit.trim().to_owned(),
                    role,
                    citizen_id: Some(citizen_id),
                    intended_name: Some(intended_name),
                    reference,
                    lifetime: Duration::days(days),
                })
            }
            _ => Err(problems),
        }
    }

    /// Whole days from 1 to 30 (the limits of [`activation::issue`]); an empty field means the default of 7.
    fn lifetime_days(typed: &str) -> Option<i64> {
        let limits = activation::MIN_LIFETIME.num_days()..=activation::MAX_LIFETIME.num_days();
        match typed.trim() {
            "" => Some(activation::DEFAULT_LIFETIME.num_days()),
            typed => typed.parse::<i64>().ok().filter(|days| limits.contains(days)),
        }
    }

    fn issued_token(actor: &Actor, issued: Issued, replaces_token_id: Option<i32>) -> IssuedToken {
        let Issued { token, row, unit, parents } = issued;
        IssuedToken {
            grouped: token.grouped(),
            intended_name: row.intended_name.unwrap_or_default(),
            citizen_id_masked: row.citizen_id_masked.unwrap_or_default(),
            role: row.role,
            unit_name_th: unit.name_th,
            unit_parents_th: join_th(&parents),
            reference: row.reference,
            issued_at: row.created_at,
            expires_at: row.expires_at,
            issued_by: actor.officer.name_th.clone(),
            replaces_token_id,
        }
    }

    /// The actor and the Token id of a revoke or re-issue form, after its synchroniser token is checked.
    fn token_id_form(csrf_token: &str, token_id: &str) -> Result<(Actor, i32), AppError> {
        let actor = actor()?;
        if !actor.csrf_matches(csrf_token) {
            return Err(AppError::field(fields::TOKEN_ID, FormProblem::FormExpired));
        }
        let token_id = token_id.trim().parse::<i32>().map_err(|_| AppError::NotFound)?;
        Ok((actor, token_id))
    }

    pub async fn revoke(csrf_token: &str, token_id: &str) -> Result<Done, AppError> {
        let (actor, token_id) = token_id_form(csrf_token, token_id)?;
        let db = backend()?.db;
        tokens::revoke(&db, &actor.officer, token_id, &actor.origin, Utc::now())
            .await
            .map_err(|error| refused_token_action(&error))?;
        tracing::info!(event = "token_revoked", officer_id = actor.officer.id, token_id, "Token revoked");
        Ok(Done::Revoked)
    }

    pub async fn reissue(csrf_token: &str, token_id: &str) -> Result<(), AppError> {
        let (actor, token_id) = token_id_form(csrf_token, token_id)?;
        if !actor.authenticated_within(ISSUE_NEEDS_SIGN_IN_WITHIN, Utc::now()) {
            step_up_required(&actor);
            return Err(AppError::field(fields::REAUTHENTICATE, FormProblem::ReauthenticationNeeded));
        }
        let db = backend()?.db;
        let issued = tokens::reissue(&db, &actor.officer, token_id, &actor.origin, Utc::now())
            .await
            .map_err(|error| refused_token_action(&error))?;
        tracing::info!(
            event = "token_reissued",
            officer_id = actor.officer.id,
            token_id,
            new_token_id = issued.row.id,
            "Token re-issued"
        );
        put_flash(FLASH, &Kept::Issued(issued_token(&actor, issued, Some(token_id)))).await
    }

    /// A refused revoke or re-issue: the field when it is the form's fault, else 403, 404 or a failure of ours.
    fn refused_token_action(error: &AdminError) -> AppError {
        match error {
            AdminError::RoleNotAllowed => AppError::field(fields::ROLE, FormProblem::RoleNotAllowed),
            AdminError::UnitNotAllowed => AppError::field(fields::UNIT, FormProblem::UnitNotAllowed),
            AdminError::RoleDoesNotFitUnit => AppError::field(fields::UNIT, FormProblem::RoleDoesNotFitUnit),
            AdminError::NotPending => AppError::field(fields::TOKEN_ID, FormProblem::NotPending),
            other => refused("Tokens page request failed", other),
        }
    }

    fn problem(field: &str, problem: FormProblem) -> FieldProblem {
        FieldProblem { field: field.to_owned(), problem }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn form(citizen_id: &str, name: &str, lifetime_days: &str) -> IssueFormValues {
            IssueFormValues {
                role: "agency".to_owned(),
                unit: "DOPA-BORA".to_owned(),
                citizen_id: citizen_id.to_owned(),
                name: name.to_owned(),
                reference: "มท 0309/1234".to_owned(),
                lifetime_days: lifetime_days.to_owned(),
            }
        }

        fn fields_of(problems: &[FieldProblem]) -> Vec<(&str, FormProblem)> {
            problems.iter().map(|problem| (problem.field.as_str(), problem.problem)).collect()
        }

        #[test]
        fn a_complete_form_becomes_a_request_with_the_default_lifetime_when_none_is_typed() {
            let request = checked_request(&form("1-1017-00207-03-0", " นางสาวสมใจ ใจดี ", "")).expect("valid");
            assert_eq!(request.role, Role::Agency);
            assert_eq!(request.intended_name.as_deref(), Some("นางสาวสมใจ ใจดี"));
            assert_eq!(request.lifetime, Duration::days(7));
            assert_eq!(request.reference.as_deref(), Some("มท 0309/1234"));
        }

        #[test]
        fn every_bad_field_is_reported_at_once() {
            let problems = checked_request(&form("12345", "", "31")).expect_err("refused");
            assert_eq!(
                fields_of(&problems),
                [
                    (fields::CITIZEN_ID, FormProblem::CitizenIdLength),
                    (fields::NAME, FormProblem::NameMissing),
                    (fields::LIFETIME_DAYS, FormProblem::LifetimeInvalid),
                ]
            );
        }

        #[test]
        fn a_citizen_id_with_a_wrong_check_digit_and_a_missing_one_are_told_apart() {
            let wrong = checked_request(&form("1101700207031", "ก", "7")).expect_err("refused");
            assert_eq!(fields_of(&wrong), [(fields::CITIZEN_ID, FormProblem::CitizenIdChecksum)]);
            let missing = checked_request(&form("  ", "ก", "7")).expect_err("refused");
            assert_eq!(fields_of(&missing), [(fields::CITIZEN_ID, FormProblem::CitizenIdMissing)]);
        }

        #[test]
        fn the_lifetime_is_whole_days_from_one_to_thirty() {
            assert_eq!(lifetime_days("1"), Some(1));
            assert_eq!(lifetime_days(" 30 "), Some(30));
            for bad in ["0", "31", "-1", "7.5", "เจ็ด", "99999999999999999999"] {
                assert_eq!(lifetime_days(bad), None, "{bad}");
            }
        }

        #[test]
        fn an_unknown_role_is_refused_without_reaching_the_database() {
            let mut bad = form("1-1017-00207-03-0", "ก", "7");
            bad.role = "contact_center'--".to_owned();
            let problems = checked_request(&bad).expect_err("refused");
            assert_eq!(fields_of(&problems), [(fields::ROLE, FormProblem::RoleNotAllowed)]);
        }
    }
}
