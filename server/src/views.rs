//! Turning database rows into the DTOs pages show (`app::request_context`): an officer with their unit chain and
//! central officers, and a department's contacts. Nothing secret crosses here: no token, no citizen ID.

use app::request_context::{ContactView, DepartmentContacts, OfficerView, RoleView, UnitKindView, UnitView};
use domain::entities::officer::{self, Role};
use domain::entities::organisation_unit::{self, UnitKind};
use sea_orm::{ConnectionTrait, DbErr};

/// The officer as pages show them.
pub async fn officer_view(
    db: &impl ConnectionTrait,
    officer: &officer::Model,
    csrf_token: &str,
) -> Result<OfficerView, DbErr> {
    // One walk up the tree serves both the unit chain and the department's central officers.
    let unit_chain = domain::units::chain(db, officer.unit_id).await?;
    let central_officers = match domain::units::department_in(&unit_chain) {
        Some(department) => domain::units::central_officers_of(db, department.id).await?,
        None => Vec::new(),
    };
    Ok(OfficerView {
        name_th: officer.name_th.clone(),
        role: role_view(officer.role),
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
    UnitView {
        code: unit.code.clone(),
        name_th: unit.name_th.clone(),
        name_en: unit.name_en.clone(),
        kind: kind_view(unit.kind),
    }
}

/// A unit's level as pages name it.
pub(crate) fn kind_view(kind: UnitKind) -> UnitKindView {
    match kind {
        UnitKind::Ministry => UnitKindView::Ministry,
        UnitKind::Department => UnitKindView::Department,
        UnitKind::Division => UnitKindView::Division,
        UnitKind::ServicePoint => UnitKindView::ServicePoint,
    }
}

/// A role as pages name it.
pub(crate) fn role_view(role: Role) -> RoleView {
    match role {
        Role::ContactCenter => RoleView::ContactCenter,
        Role::Central => RoleView::Central,
        Role::Agency => RoleView::Agency,
        Role::ServicePoint => RoleView::ServicePoint,
    }
}
