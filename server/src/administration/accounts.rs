//! Officers in the scope: the list, suspending and reactivating (suspension ends their sessions at once), and
//! moving an officer to another unit or role.

use app::administration::{AccountsPageData, Done, FieldProblem, FormProblem, OfficerRow, OfficerStatusView};
use app::paths::{ACCOUNTS_PAGE, fields};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use chrono::Utc;
use domain::administration::{AdminError, officers};
use domain::entities::officer::{OfficerStatus, Role};
use domain::scope::Tree;
use serde::Deserialize;

use super::{Actor, actor, done, internal, problem, read_form, refused, render, unit_options};
use crate::state::AppState;
use crate::views;

/// The suspend / reactivate form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    csrf_token: String,
    officer_id: String,
    status: String,
}

/// The change-of-role-or-unit form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AssignForm {
    csrf_token: String,
    officer_id: String,
    role: String,
    unit: String,
}

/// `GET /backend/accounts`
pub async fn page(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let actor = match actor(&state, &parts, ACCOUNTS_PAGE).await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    show(&state, &parts, &actor, None, super::done_in(&parts), None).await
}

async fn show(
    state: &AppState,
    parts: &Parts,
    actor: &Actor,
    problem: Option<(i32, FieldProblem)>,
    done: Option<Done>,
    status: Option<StatusCode>,
) -> Response {
    let data = async {
        let tree = Tree::load(&state.db).await?;
        let listed = officers::list(&state.db, &actor.officer).await?;
        Ok::<_, AdminError>(AccountsPageData {
            officers: listed.into_iter().map(officer_row).collect(),
            assignable_roles: actor.scope.roles().iter().map(|role| views::role_view(*role)).collect(),
            units: unit_options(&tree, &actor.scope, actor.scope.roles()),
            problem,
            done,
            csrf_token: actor.csrf_token.clone(),
        })
    };
    match data.await {
        Ok(data) => render(state, parts, ACCOUNTS_PAGE, Some(data), status).await,
        Err(error) => refused(state, parts, ACCOUNTS_PAGE, &error).await,
    }
}

fn officer_row(listing: officers::OfficerListing) -> OfficerRow {
    let officer = listing.officer;
    OfficerRow {
        id: officer.id,
        name_th: officer.name_th,
        citizen_id_masked: officer.citizen_id_masked,
        role: views::role_view(officer.role),
        unit_code: listing.unit.code,
        unit_name_th: listing.unit.name_th,
        status: match officer.status {
            OfficerStatus::Active => OfficerStatusView::Active,
            OfficerStatus::Suspended => OfficerStatusView::Suspended,
        },
        last_sign_in_at: officer.last_sign_in_at,
        manageable: listing.manageable,
    }
}

/// `POST /backend/accounts/status`
pub async fn set_status(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let actor = match actor(&state, &parts, ACCOUNTS_PAGE).await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    let form: StatusForm = read_form(&state, &parts, body).await.unwrap_or_default();
    let Ok(officer_id) = form.officer_id.trim().parse::<i32>() else {
        return super::not_found(&state, &parts).await;
    };
    if !actor.csrf_matches(&form.csrf_token) {
        let expired = (officer_id, problem(fields::STATUS, FormProblem::FormExpired));
        return show(&state, &parts, &actor, Some(expired), None, Some(StatusCode::FORBIDDEN)).await;
    }
    let (status, done_now) = match form.status.as_str() {
        "suspended" => (OfficerStatus::Suspended, Done::Suspended),
        "active" => (OfficerStatus::Active, Done::Reactivated),
        _ => return super::not_found(&state, &parts).await,
    };
    match officers::set_status(&state.db, &actor.officer, officer_id, status, &actor.origin, Utc::now()).await {
        Ok(_) => done(ACCOUNTS_PAGE, done_now),
        Err(error) => refused_change(&state, &parts, &actor, officer_id, fields::STATUS, &error).await,
    }
}

/// `POST /backend/accounts/assign`
pub async fn assign(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let actor = match actor(&state, &parts, ACCOUNTS_PAGE).await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    let form: AssignForm = read_form(&state, &parts, body).await.unwrap_or_default();
    let Ok(officer_id) = form.officer_id.trim().parse::<i32>() else {
        return super::not_found(&state, &parts).await;
    };
    if !actor.csrf_matches(&form.csrf_token) {
        let expired = (officer_id, problem(fields::ROLE, FormProblem::FormExpired));
        return show(&state, &parts, &actor, Some(expired), None, Some(StatusCode::FORBIDDEN)).await;
    }
    let Some(role) = Role::from_code(form.role.trim()) else {
        let bad = (officer_id, problem(fields::ROLE, FormProblem::RoleNotAllowed));
        return show(&state, &parts, &actor, Some(bad), None, Some(StatusCode::UNPROCESSABLE_ENTITY)).await;
    };
    let result =
        officers::assign(&state.db, &actor.officer, officer_id, role, form.unit.trim(), &actor.origin, Utc::now())
            .await;
    match result {
        Ok(_) => done(ACCOUNTS_PAGE, Done::Assigned),
        Err(error) => refused_change(&state, &parts, &actor, officer_id, fields::ROLE, &error).await,
    }
}

async fn refused_change(
    state: &AppState,
    parts: &Parts,
    actor: &Actor,
    officer_id: i32,
    own_field: &str,
    error: &AdminError,
) -> Response {
    let field_problem = match error {
        AdminError::RoleNotAllowed => problem(fields::ROLE, FormProblem::RoleNotAllowed),
        AdminError::UnitNotAllowed => problem(fields::UNIT, FormProblem::UnitNotAllowed),
        AdminError::RoleDoesNotFitUnit => problem(fields::UNIT, FormProblem::RoleDoesNotFitUnit),
        AdminError::OwnAccount => problem(own_field, FormProblem::OwnAccount),
        AdminError::NotFound | AdminError::NotPermitted => return refused(state, parts, ACCOUNTS_PAGE, error).await,
        other => return internal(state, parts, other).await,
    };
    show(state, parts, actor, Some((officer_id, field_problem)), None, Some(StatusCode::UNPROCESSABLE_ENTITY)).await
}
