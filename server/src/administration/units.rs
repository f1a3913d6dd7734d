//! The organisation tree, maintained by DGA Contact Center staff: create, rename, move and retire units (one form
//! address, told apart by `action`).

use app::administration::{Done, FieldProblem, FormProblem, UnitsPageData};
use app::paths::{UNITS_PAGE, fields};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use chrono::Utc;
use domain::administration::{AdminError, units};
use domain::entities::organisation_unit::UnitKind;
use domain::scope::{Scope, Tree};
use domain::units::{NewUnit, UnitError};
use serde::Deserialize;

use super::{Actor, actor, checked_text, done, internal, problem, read_form, refused, render, unit_option};
use crate::state::AppState;

const MAX_NAME: usize = 255;

/// Every units form (fields not used by an action are ignored).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct UnitForm {
    csrf_token: String,
    action: String,
    code: String,
    name_th: String,
    name_en: String,
    kind: String,
    parent: String,
}

/// Who may open the tree: Contact Center staff only (a central officer gets 403, like an agency officer).
async fn contact_center(state: &AppState, parts: &Parts) -> Result<Actor, Response> {
    let actor = actor(state, parts, UNITS_PAGE).await?;
    match actor.scope {
        Scope::Everything => Ok(actor),
        Scope::Department(_) => Err(render::<()>(state, parts, UNITS_PAGE, None, Some(StatusCode::FORBIDDEN)).await),
    }
}

/// `GET /backend/units`
pub async fn page(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let actor = match contact_center(&state, &parts).await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    show(&state, &parts, &actor, Refusal::default(), super::done_in(&parts)).await
}

/// A refused form, shown again.
#[derive(Default)]
struct Refusal {
    problem: Option<(Option<String>, FieldProblem)>,
    create_form: [String; 5],
    rename_form: Option<(String, String)>,
}

async fn show(state: &AppState, parts: &Parts, actor: &Actor, refusal: Refusal, done: Option<Done>) -> Response {
    let status = refusal.problem.as_ref().map(|_| StatusCode::UNPROCESSABLE_ENTITY);
    match Tree::load(&state.db).await {
        Ok(tree) => {
            let data = UnitsPageData {
                units: tree.units.iter().map(|(unit, depth)| unit_option(&tree, unit, *depth)).collect(),
                problem: refusal.problem,
                create_form: refusal.create_form,
                rename_form: refusal.rename_form,
                done,
                csrf_token: actor.csrf_token.clone(),
            };
            render(state, parts, UNITS_PAGE, Some(data), status).await
        }
        Err(error) => internal(state, parts, &error).await,
    }
}

/// `POST /backend/units`
pub async fn change(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let actor = match contact_center(&state, &parts).await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    let form: UnitForm = read_form(&state, &parts, body).await.unwrap_or_default();
    let create_form = [&form.code, &form.name_th, &form.name_en, &form.kind, &form.parent]
        .map(|value| value.chars().take(MAX_NAME).collect::<String>());
    let target = (form.action != "create").then(|| form.code.trim().to_ascii_uppercase());
    let refuse = |field: &str, why: FormProblem| Refusal {
        problem: Some((target.clone(), problem(field, why))),
        create_form: if target.is_none() { create_form.clone() } else { Default::default() },
        rename_form: (form.action == "rename").then(|| (create_form[1].clone(), create_form[2].clone())),
    };
    if !actor.csrf_matches(&form.csrf_token) {
        return show(&state, &parts, &actor, refuse(fields::CODE, FormProblem::FormExpired), None).await;
    }
    let now = Utc::now();
    let result = match form.action.as_str() {
        "create" => {
            let unit = match new_unit(&form) {
                Ok(unit) => unit,
                Err(field_problem) => {
                    let refusal = refuse(&field_problem.field, field_problem.problem);
                    return show(&state, &parts, &actor, refusal, None).await;
                }
            };
            units::create(&state.db, &actor.officer, unit, &actor.origin, now).await.map(|_| Done::UnitCreated)
        }
        "rename" => {
            let (name_th, name_en) = match names(&form) {
                Ok(names) => names,
                Err(field_problem) => {
                    let refusal = refuse(&field_problem.field, field_problem.problem);
                    return show(&state, &parts, &actor, refusal, None).await;
                }
            };
            let renamed =
                units::rename(&state.db, &actor.officer, &form.code, &name_th, name_en.as_deref(), &actor.origin, now);
            renamed.await.map(|_| Done::UnitRenamed)
        }
        "move" => units::move_to(&state.db, &actor.officer, &form.code, form.parent.trim(), &actor.origin, now)
            .await
            .map(|_| Done::UnitMoved),
        "retire" => {
            units::retire(&state.db, &actor.officer, &form.code, &actor.origin, now).await.map(|_| Done::UnitRetired)
        }
        _ => return super::not_found(&state, &parts).await,
    };
    let field_problem = match result {
        Ok(done_now) => return done(UNITS_PAGE, done_now),
        Err(AdminError::Unit(UnitError::BadCode)) => problem(fields::CODE, FormProblem::CodeInvalid),
        Err(AdminError::Unit(UnitError::DuplicateCode(_))) => problem(fields::CODE, FormProblem::CodeTaken),
        Err(AdminError::Unit(UnitError::BadName)) => problem(fields::NAME_TH, FormProblem::TextInvalid),
        Err(AdminError::Unit(UnitError::NameText { english, problem: why })) => {
            problem(if english { fields::NAME_EN } else { fields::NAME_TH }, super::text_problem(why))
        }
        Err(AdminError::Unit(UnitError::Parent(_))) => problem(fields::PARENT, FormProblem::ParentInvalid),
        Err(AdminError::UnitInUse(_)) => problem(fields::CODE, FormProblem::UnitInUse),
        Err(error) => return refused(&state, &parts, UNITS_PAGE, &error).await,
    };
    show(&state, &parts, &actor, refuse(&field_problem.field, field_problem.problem), None).await
}

fn names(form: &UnitForm) -> Result<(String, Option<String>), FieldProblem> {
    let name_th = match checked_text(&form.name_th, MAX_NAME) {
        Ok(Some(name)) => name,
        Ok(None) => return Err(problem(fields::NAME_TH, FormProblem::NameMissing)),
        Err(why) => return Err(problem(fields::NAME_TH, why)),
    };
    let name_en = checked_text(&form.name_en, MAX_NAME).map_err(|why| problem(fields::NAME_EN, why))?;
    Ok((name_th, name_en))
}

fn new_unit(form: &UnitForm) -> Result<NewUnit, FieldProblem> {
    let code = form.code.trim().to_ascii_uppercase();
    if !domain::units::is_valid_code(&code) {
        return Err(problem(fields::CODE, FormProblem::CodeInvalid));
    }
    let (name_th, name_en) = names(form)?;
    let kind =
        UnitKind::from_code(form.kind.trim()).ok_or_else(|| problem(fields::KIND, FormProblem::ParentInvalid))?;
    let parent_code = Some(form.parent.trim().to_owned()).filter(|parent| !parent.is_empty());
    Ok(NewUnit { code, name_th, name_en, kind, parent_code })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(code: &str, name_th: &str, kind: &str) -> UnitForm {
        UnitForm {
            action: "create".to_owned(),
            code: code.to_owned(),
            name_th: name_th.to_owned(),
            kind: kind.to_owned(),
            parent: "DOPA".to_owned(),
            ..Default::default()
        }
    }

    #[test]
    fn a_new_units_code_is_kept_in_capitals() {
        let unit = new_unit(&form(" dopa-bora-02 ", "สำนักบริหารการทะเบียน ๒", "division")).expect("valid");
        assert_eq!(unit.code, "DOPA-BORA-02");
        assert_eq!(unit.kind, UnitKind::Division);
        assert_eq!(unit.parent_code.as_deref(), Some("DOPA"));
    }

    #[test]
    fn a_bad_code_a_missing_name_and_an_unknown_kind_name_their_fields() {
        assert_eq!(new_unit(&form("มท", "ก", "division")).expect_err("bad").field, fields::CODE);
        assert_eq!(new_unit(&form("A", " ", "division")).expect_err("bad").problem, FormProblem::NameMissing);
        assert_eq!(new_unit(&form("A", "ก", "planet")).expect_err("bad").field, fields::KIND);
    }
}
