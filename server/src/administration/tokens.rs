//! Activation Tokens: the list of the scope's Tokens, issuing one (shown once, in the response), revoking and
//! re-issuing.

use app::administration::{
    FieldProblem, FormProblem, IssueFormValues, IssuedToken, TokenRow, TokenStatus, TokensPageData,
};
use app::paths::{TOKENS_PAGE, fields};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use chrono::{Duration, Utc};
use domain::administration::AdminError;
use domain::administration::tokens::{self, Issued, TokenRequest, TokenState};
use domain::citizen_id::{CitizenId, CitizenIdError};
use domain::entities::officer::Role;
use domain::scope::Tree;
use serde::Deserialize;

use super::{Actor, actor, checked_text, done, internal, problem, read_form, refused, render, unit_options};
use crate::state::AppState;
use crate::views;

/// How recent the officer's Digital ID sign-in must be to issue or re-issue a Token (ASVS 5.0 V7.5.3: re-authenticate
/// before a highly sensitive action). Older sessions are offered a fresh sign-in (`prompt=login`) that returns here.
pub const ISSUE_NEEDS_SIGN_IN_WITHIN: Duration = Duration::minutes(15);

/// The longest name and letter number kept (a Thai name with title is well under 100 characters).
const MAX_NAME: usize = 200;
const MAX_REFERENCE: usize = 100;

/// The issue form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct IssueForm {
    csrf_token: String,
    role: String,
    unit: String,
    citizen_id: String,
    name: String,
    reference: String,
    lifetime_days: String,
}

/// The revoke and re-issue forms.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenIdForm {
    csrf_token: String,
    token_id: String,
}

/// `GET /backend/tokens`
pub async fn page(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let actor = match actor(&state, &parts, TOKENS_PAGE).await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    let shown = Shown { done: super::done_in(&parts), ..Shown::default() };
    show(&state, &parts, &actor, shown, None).await
}

/// What the page shows besides the list.
#[derive(Default)]
struct Shown {
    form: IssueFormValues,
    problems: Vec<FieldProblem>,
    issued: Option<IssuedToken>,
    done: Option<app::administration::Done>,
}

async fn show(state: &AppState, parts: &Parts, actor: &Actor, shown: Shown, status: Option<StatusCode>) -> Response {
    let data = async {
        let tree = Tree::load(&state.db).await?;
        let listed = tokens::list(&state.db, &actor.officer, Utc::now()).await?;
        Ok::<_, AdminError>(TokensPageData {
            issuable_roles: actor.scope.issuable_roles().iter().map(|role| views::role_view(*role)).collect(),
            units: unit_options(&tree, &actor.scope, actor.scope.issuable_roles()),
            tokens: listed.into_iter().map(token_row).collect(),
            form: shown.form,
            problems: shown.problems,
            issued: shown.issued,
            done: shown.done,
            csrf_token: actor.csrf_token.clone(),
            reauthentication_needed: !actor.authenticated_within(ISSUE_NEEDS_SIGN_IN_WITHIN, Utc::now()),
        })
    };
    match data.await {
        Ok(data) => render(state, parts, TOKENS_PAGE, Some(data), status).await,
        Err(error) => refused(state, parts, TOKENS_PAGE, &error).await,
    }
}

fn token_row(listing: tokens::TokenListing) -> TokenRow {
    let row = listing.row;
    TokenRow {
        id: row.id,
        intended_name: row.intended_name,
        citizen_id_masked: row.citizen_id_masked,
        role: views::role_view(row.role),
        unit_name_th: listing.unit.name_th,
        unit_code: listing.unit.code,
        reference: row.reference,
        issued_at: row.created_at,
        expires_at: row.expires_at,
        status: match listing.state {
            TokenState::Pending => TokenStatus::Pending,
            TokenState::Used => TokenStatus::Used,
            TokenState::Expired => TokenStatus::Expired,
            TokenState::Revoked => TokenStatus::Revoked,
        },
        issued_by: listing.issued_by,
        closed_at: row.used_at.or(row.revoked_at),
        used_by: listing.used_by,
    }
}

/// `POST /backend/tokens`: issues a Token and shows it once.
pub async fn issue(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let actor = match actor(&state, &parts, TOKENS_PAGE).await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    let form: IssueForm = read_form(&state, &parts, body).await.unwrap_or_default();
    let typed = IssueFormValues {
        role: form.role.clone(),
        unit: form.unit.clone(),
        // Shown again so a typo can be fixed: this response only, never stored or logged.
        citizen_id: form.citizen_id.chars().take(32).collect(),
        name: form.name.chars().take(MAX_NAME).collect(),
        reference: form.reference.chars().take(MAX_REFERENCE).collect(),
        lifetime_days: form.lifetime_days.chars().take(8).collect(),
    };
    if !actor.csrf_matches(&form.csrf_token) {
        let shown = Shown {
            form: typed,
            problems: vec![problem(fields::ROLE, FormProblem::FormExpired)],
            ..Default::default()
        };
        return show(&state, &parts, &actor, shown, Some(StatusCode::FORBIDDEN)).await;
    }
    if let Some(response) = refuse_old_sign_in(&state, &parts, &actor, typed.clone()).await {
        return response;
    }
    let request = match checked_request(&form) {
        Ok(request) => request,
        Err(problems) => {
            let shown = Shown { form: typed, problems, ..Default::default() };
            return show(&state, &parts, &actor, shown, Some(StatusCode::UNPROCESSABLE_ENTITY)).await;
        }
    };
    match tokens::issue(&state.db, &actor.officer, request, &state.citizen_id_key, &actor.origin, Utc::now()).await {
        Ok(issued) => {
            tracing::info!(
                event = "token_issued",
                officer_id = actor.officer.id,
                token_id = issued.row.id,
                "Token issued"
            );
            let shown = Shown { issued: Some(issued_token(&actor, issued, None)), ..Default::default() };
            show(&state, &parts, &actor, shown, None).await
        }
        Err(error) => match field_of(&error) {
            Some(field_problem) => {
                let shown = Shown { form: typed, problems: vec![field_problem], ..Default::default() };
                show(&state, &parts, &actor, shown, Some(StatusCode::UNPROCESSABLE_ENTITY)).await
            }
            None => refused(&state, &parts, TOKENS_PAGE, &error).await,
        },
    }
}

/// Issuing needs a recent sign-in: for an older one, the page again with the typed values kept, a problem linking to
/// the fresh sign-in, and `403`; `None` when the sign-in is recent enough.
async fn refuse_old_sign_in(
    state: &AppState,
    parts: &Parts,
    actor: &Actor,
    typed: IssueFormValues,
) -> Option<Response> {
    if actor.authenticated_within(ISSUE_NEEDS_SIGN_IN_WITHIN, Utc::now()) {
        return None;
    }
    tracing::info!(event = "step_up_required", officer_id = actor.officer.id, "issuing a Token needs a fresh sign-in");
    let shown = Shown {
        form: typed,
        problems: vec![problem(fields::REAUTHENTICATE, FormProblem::ReauthenticationNeeded)],
        ..Default::default()
    };
    Some(show(state, parts, actor, shown, Some(StatusCode::FORBIDDEN)).await)
}

/// The form's fields checked; every problem at once, so the officer fixes them in one go.
fn checked_request(form: &IssueForm) -> Result<TokenRequest, Vec<FieldProblem>> {
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
    let reference =
        checked_text(&form.reference, MAX_REFERENCE).map_err(|error| problems.push(problem(fields::REFERENCE, error)));
    let lifetime = lifetime_days(&form.lifetime_days)
        .ok_or_else(|| problems.push(problem(fields::LIFETIME_DAYS, FormProblem::LifetimeInvalid)));
    match (role, citizen_id, name, reference, lifetime) {
        (Some(role), Some(citizen_id), Some(intended_name), Ok(reference), Ok(days)) if problems.is_empty() => {
            Ok(TokenRequest {
                unit_code: form.unit.trim().to_owned(),
                role,
                citizen_id,
                intended_name,
                reference,
                lifetime: Duration::days(days),
            })
        }
        _ => Err(problems),
    }
}

/// Whole days from 1 to 30; an empty field means the default of 7.
fn lifetime_days(typed: &str) -> Option<i64> {
    match typed.trim() {
        "" => Some(domain::activation::DEFAULT_LIFETIME.num_days()),
        typed => {
            typed.parse::<i64>().ok().filter(|days| (1..=domain::activation::MAX_LIFETIME.num_days()).contains(days))
        }
    }
}

/// The field an action's refusal belongs to, when it is the form's fault.
fn field_of(error: &AdminError) -> Option<FieldProblem> {
    match error {
        AdminError::RoleNotAllowed => Some(problem(fields::ROLE, FormProblem::RoleNotAllowed)),
        AdminError::UnitNotAllowed => Some(problem(fields::UNIT, FormProblem::UnitNotAllowed)),
        AdminError::RoleDoesNotFitUnit => Some(problem(fields::UNIT, FormProblem::RoleDoesNotFitUnit)),
        AdminError::NotPending => Some(problem(fields::TOKEN_ID, FormProblem::NotPending)),
        _ => None,
    }
}

fn issued_token(actor: &Actor, issued: Issued, replaces_token_id: Option<i32>) -> IssuedToken {
    let Issued { token, row, unit, parents } = issued;
    IssuedToken {
        grouped: token.grouped(),
        intended_name: row.intended_name.unwrap_or_default(),
        citizen_id_masked: row.citizen_id_masked.unwrap_or_default(),
        role: views::role_view(row.role),
        unit_name_th: unit.name_th,
        unit_parents_th: super::join_th(&parents),
        reference: row.reference,
        issued_at: row.created_at,
        expires_at: row.expires_at,
        issued_by: actor.officer.name_th.clone(),
        replaces_token_id,
    }
}

/// The Token id of a revoke or re-issue form, after its synchroniser token is checked.
async fn token_id_form(
    state: &AppState,
    parts: &Parts,
    actor: &Actor,
    body: axum::body::Body,
) -> Result<i32, Response> {
    let form: TokenIdForm = read_form(state, parts, body).await.unwrap_or_default();
    if !actor.csrf_matches(&form.csrf_token) {
        let shown = Shown { problems: vec![problem(fields::TOKEN_ID, FormProblem::FormExpired)], ..Default::default() };
        return Err(show(state, parts, actor, shown, Some(StatusCode::FORBIDDEN)).await);
    }
    match form.token_id.trim().parse::<i32>() {
        Ok(id) => Ok(id),
        Err(_) => Err(super::not_found(state, parts).await),
    }
}

/// `POST /backend/tokens/revoke`
pub async fn revoke(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let actor = match actor(&state, &parts, TOKENS_PAGE).await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    let token_id = match token_id_form(&state, &parts, &actor, body).await {
        Ok(id) => id,
        Err(response) => return response,
    };
    match tokens::revoke(&state.db, &actor.officer, token_id, &actor.origin, Utc::now()).await {
        Ok(()) => {
            tracing::info!(event = "token_revoked", officer_id = actor.officer.id, token_id, "Token revoked");
            done(TOKENS_PAGE, app::administration::Done::Revoked)
        }
        Err(error) => refused_token_action(&state, &parts, &actor, &error).await,
    }
}

/// `POST /backend/tokens/reissue`: revokes the Token and shows its replacement once.
pub async fn reissue(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let actor = match actor(&state, &parts, TOKENS_PAGE).await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    let token_id = match token_id_form(&state, &parts, &actor, body).await {
        Ok(id) => id,
        Err(response) => return response,
    };
    if let Some(response) = refuse_old_sign_in(&state, &parts, &actor, IssueFormValues::default()).await {
        return response;
    }
    match tokens::reissue(&state.db, &actor.officer, token_id, &actor.origin, Utc::now()).await {
        Ok(issued) => {
            tracing::info!(
                event = "token_reissued",
                officer_id = actor.officer.id,
                token_id,
                new_token_id = issued.row.id,
                "Token re-issued"
            );
            let shown = Shown { issued: Some(issued_token(&actor, issued, Some(token_id))), ..Default::default() };
            show(&state, &parts, &actor, shown, None).await
        }
        Err(error) => refused_token_action(&state, &parts, &actor, &error).await,
    }
}

async fn refused_token_action(state: &AppState, parts: &Parts, actor: &Actor, error: &AdminError) -> Response {
    match field_of(error) {
        Some(field_problem) => {
            let shown = Shown { problems: vec![field_problem], ..Default::default() };
            show(state, parts, actor, shown, Some(StatusCode::CONFLICT)).await
        }
        None => match error {
            AdminError::NotFound | AdminError::NotPermitted => refused(state, parts, TOKENS_PAGE, error).await,
            other => internal(state, parts, other).await,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(citizen_id: &str, name: &str, lifetime_days: &str) -> IssueForm {
        IssueForm {
            csrf_token: "x".to_owned(),
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
        assert_eq!(request.intended_name, "นางสาวสมใจ ใจดี");
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
