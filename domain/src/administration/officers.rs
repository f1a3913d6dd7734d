//! Officers as the people who look after them see them: the scope's officers, suspending (which ends their
//! sessions at once) and reactivating them, and moving them to another unit or role within the scope.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use super::{AdminError, scope_of};
use crate::activation;
use crate::audit::{self, Entry, Origin};
use crate::entities::audit_event::AuditEvent;
use crate::entities::officer::{self, OfficerStatus, Role};
use crate::entities::organisation_unit;
use crate::scope::{Scope, Tree};

/// An officer in the list.
#[derive(Clone, Debug)]
pub struct OfficerListing {
    /// The row.
    pub officer: officer::Model,
    /// Their unit.
    pub unit: organisation_unit::Model,
    /// Whether the acting officer may change their access.
    pub manageable: bool,
}

fn manageable(scope: &Scope, actor: &officer::Model, target: &officer::Model) -> bool {
    target.id != actor.id && scope.covers_role(target.role)
}

/// The officers in `actor`'s scope, in tree order of their units, then by name.
pub async fn list(db: &impl ConnectionTrait, actor: &officer::Model) -> Result<Vec<OfficerListing>, AdminError> {
    let scope = scope_of(actor)?;
    let tree = Tree::load(db).await?;
    let mut query = officer::Entity::find().order_by_asc(officer::Column::NameTh);
    if let Some(ids) = tree.scope_ids(&scope) {
        query = query.filter(officer::Column::UnitId.is_in(ids));
    }
    let officers = query.all(db).await?;
    let order: std::collections::HashMap<i32, usize> =
        tree.units.iter().enumerate().map(|(index, (unit, _))| (unit.id, index)).collect();
    let mut listings: Vec<OfficerListing> = officers
        .into_iter()
        .filter_map(|officer| {
            let unit = tree.get(officer.unit_id)?.clone();
            Some(OfficerListing { manageable: manageable(&scope, actor, &officer), unit, officer })
        })
        .collect();
    listings.sort_by_key(|listing| order.get(&listing.unit.id).copied().unwrap_or(usize::MAX));
    Ok(listings)
}

/// The officer `officer_id` if `actor` may change their access.
async fn find_manageable(
    db: &impl ConnectionTrait,
    actor: &officer::Model,
    officer_id: i32,
) -> Result<(officer::Model, Scope, Tree), AdminError> {
    let scope = scope_of(actor)?;
    let target = officer::Entity::find_by_id(officer_id).one(db).await?.ok_or(AdminError::NotFound)?;
    let tree = Tree::load(db).await?;
    if !tree.contains(&scope, target.unit_id) {
        return Err(AdminError::NotFound);
    }
    if target.id == actor.id {
        return Err(AdminError::OwnAccount);
    }
    if !manageable(&scope, actor, &target) {
        return Err(AdminError::NotPermitted);
    }
    Ok((target, scope, tree))
}

/// Suspends (ending every session of theirs) or reactivates an officer; `Ok(false)` when they already were.
pub async fn set_status<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &officer::Model,
    officer_id: i32,
    status: OfficerStatus,
    origin: &Origin,
    now: DateTime<Utc>,
) -> Result<bool, AdminError> {
    let (target, _, _) = find_manageable(db, actor, officer_id).await?;
    if target.status == status {
        return Ok(false);
    }
    let txn = db.begin().await?;
    let mut active = target.clone().into_active_model();
    active.status = Set(status);
    let target = active.update(&txn).await?;
    let event = match status {
        OfficerStatus::Suspended => {
            let ended = crate::sessions::end_for_officer(&txn, target.id).await?;
            tracing::info!(officer_id = target.id, sessions_ended = ended, "officer suspended");
            AuditEvent::OfficerSuspended
        }
        OfficerStatus::Active => AuditEvent::OfficerReactivated,
    };
    audit::record(&txn, Entry::new(event, origin).actor(actor).target(&target), now).await?;
    txn.commit().await?;
    Ok(true)
}

/// Gives an officer another role or unit within `actor`'s scope (the unit must suit the role); `Ok(false)` when
/// nothing changed. The change applies to their current sessions at their next request.
pub async fn assign<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &officer::Model,
    officer_id: i32,
    role: Role,
    unit_code: &str,
    origin: &Origin,
    now: DateTime<Utc>,
) -> Result<bool, AdminError> {
    let (target, scope, tree) = find_manageable(db, actor, officer_id).await?;
    if !scope.covers_role(role) {
        return Err(AdminError::RoleNotAllowed);
    }
    let unit = tree.by_code(unit_code).filter(|unit| unit.retired_at.is_none()).ok_or(AdminError::UnitNotAllowed)?;
    if !tree.contains(&scope, unit.id) {
        return Err(AdminError::UnitNotAllowed);
    }
    activation::check_role_fits_unit(role, unit).map_err(|_| AdminError::RoleDoesNotFitUnit)?;
    if target.role == role && target.unit_id == unit.id {
        return Ok(false);
    }
    let old_unit = tree.get(target.unit_id).map_or_else(|| target.unit_id.to_string(), |unit| unit.code.clone());
    let detail = format!("role {} → {}; unit {old_unit} → {}", target.role.code(), role.code(), unit.code);
    let txn = db.begin().await?;
    let mut active = target.into_active_model();
    active.role = Set(role);
    active.unit_id = Set(unit.id);
    let target = active.update(&txn).await?;
    let entry = Entry::new(AuditEvent::OfficerAssigned, origin).actor(actor).target(&target).detail(detail);
    audit::record(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(true)
}
