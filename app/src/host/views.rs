//! Turning database rows into the DTOs pages show (`crate::request_context`, `crate::administration`): an officer
//! with their unit chain and central officers, a department's contacts, and units as forms offer them. Nothing
//! secret crosses here: no token, no citizen ID (only masked copies).

use domain::entities::officer::{self, Role};
use domain::entities::organisation_unit;
use domain::scope::{Scope, Tree};
use sea_orm::{ConnectionTrait, DbErr};

use crate::administration::UnitOption;
use crate::request_context::{ContactView, DepartmentContacts, OfficerView, UnitView};

/// The officer as pages show them.
pub async fn officer_view(
    db: &impl ConnectionTrait,
    officer: &officer::Model,
    csrf_token: &str,
) -> Result<OfficerView, DbErr> {
    // One query serves both the unit chain and the department's central officers.
    let (unit_chain, central_officers) = domain::units::chain_and_central_officers(db, officer.unit_id).await?;
    Ok(OfficerView {
        name_th: officer.name_th.clone(),
        role: officer.role,
        unit_chain: unit_chain.iter().map(unit_view).collect(),
        citizen_id_masked: officer.citizen_id_masked.clone(),
        phone_number: officer.phone_number.clone(),
        email: officer.email.clone(),
        activated_at: officer.activated_at,
        last_sign_in_at: officer.last_sign_in_at,
        previous_sign_in_at: officer.previous_sign_in_at,
        central_officers: central_officers.iter().filter(|other| other.id != officer.id).map(contact_view).collect(),
        csrf_token: csrf_token.to_owned(),
    })
}

/// The department of `unit_id` and its central officers, if the unit lies under a department.
pub async fn department_contacts(db: &impl ConnectionTrait, unit_id: i32) -> Result<Option<DepartmentContacts>, DbErr> {
    let (department, officers) = domain::units::central_officers_for(db, unit_id).await?;
    Ok(department.map(|department| DepartmentContacts {
        name_th: department.name_th,
        name_en: department.name_en,
        central_officers: officers.iter().map(contact_view).collect(),
    }))
}

fn contact_view(officer: &officer::Model) -> ContactView {
    ContactView {
        name_th: officer.name_th.clone(),
        phone_number: officer.phone_number.clone(),
        email: officer.email.clone(),
    }
}

fn unit_view(unit: &organisation_unit::Model) -> UnitView {
    UnitView { code: unit.code.clone(), name_th: unit.name_th.clone(), name_en: unit.name_en.clone(), kind: unit.kind }
}

/// The units of `scope` a form may offer, tree order: not retired, and at a level one of `roles` fits.
pub fn unit_options(tree: &Tree, scope: &Scope, roles: &[Role]) -> Vec<UnitOption> {
    tree.in_scope(scope)
        .into_iter()
        .filter(|(unit, _)| unit.retired_at.is_none())
        .filter(|(unit, _)| roles.iter().any(|role| role.unit_kind() == Some(unit.kind)))
        .map(|(unit, depth)| unit_option(tree, unit, *depth))
        .collect()
}

/// A unit as forms and tables show it.
pub fn unit_option(tree: &Tree, unit: &organisation_unit::Model, depth: u8) -> UnitOption {
    UnitOption {
        code: unit.code.clone(),
        name_th: unit.name_th.clone(),
        name_en: unit.name_en.clone(),
        kind: unit.kind,
        parents_th: parents_th(tree, unit.id),
        depth,
        retired: unit.retired_at.is_some(),
    }
}

/// The Thai names of a unit's parents, ministry first.
pub fn parents_th(tree: &Tree, unit_id: i32) -> String {
    join_th(tree.parents(unit_id))
}

/// Units' Thai names in the given order, as the pages write a chain of them.
pub fn join_th<'a>(units: impl IntoIterator<Item = &'a organisation_unit::Model>) -> String {
    units.into_iter().map(|unit| unit.name_th.as_str()).collect::<Vec<_>>().join(" › ")
}
