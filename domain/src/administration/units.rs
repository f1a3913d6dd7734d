//! The organisation tree as DGA Contact Center staff maintain it: create, rename, move and retire units. Units
//! are never deleted (officers, Tokens and the audit log refer to them); a retired unit takes no new officers.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use super::{AdminError, scope_of};
use crate::audit::{self, Entry, Origin};
use crate::entities::audit_event::AuditEvent;
use crate::entities::officer::{self, OfficerStatus};
use crate::entities::{activation_token, organisation_unit};
use crate::scope::{Scope, Tree};
use crate::units::{self, NewUnit, UnitError};

fn contact_center_only(actor: &officer::Model) -> Result<(), AdminError> {
    match scope_of(actor)? {
        Scope::Everything => Ok(()),
        Scope::Department(_) => Err(AdminError::NotPermitted),
    }
}

async fn find(tree: &Tree, code: &str) -> Result<organisation_unit::Model, AdminError> {
    tree.by_code(code).cloned().ok_or(AdminError::NotFound)
}

/// Creates a unit (see [`units::create`] for the rules), as Contact Center staff.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &officer::Model,
    unit: NewUnit,
    origin: &Origin,
    now: DateTime<Utc>,
) -> Result<organisation_unit::Model, AdminError> {
    contact_center_only(actor)?;
    let txn = db.begin().await?;
    let created = match units::create(&txn, unit, now).await {
        Ok(created) => created,
        Err(error) => {
            txn.rollback().await?;
            return Err(error.into());
        }
    };
    let entry = Entry::new(AuditEvent::UnitCreated, origin).actor(actor).unit(created.id).detail(format!(
        "{} {} ({})",
        created.code,
        created.name_th,
        created.kind.code()
    ));
    audit::record(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(created)
}

/// Renames a unit (Thai and English names).
pub async fn rename<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &officer::Model,
    code: &str,
    name_th: &str,
    name_en: Option<&str>,
    origin: &Origin,
    now: DateTime<Utc>,
) -> Result<organisation_unit::Model, AdminError> {
    contact_center_only(actor)?;
    let unit = find(&Tree::load(db).await?, code).await?;
    let (name_th, name_en) = units::checked_names(name_th, name_en)?;
    let detail = format!("{}: {} → {name_th}", unit.code, unit.name_th);
    let txn = db.begin().await?;
    let mut active = unit.into_active_model();
    active.name_th = Set(name_th);
    active.name_en = Set(name_en);
    let unit = active.update(&txn).await?;
    audit::record(&txn, Entry::new(AuditEvent::UnitRenamed, origin).actor(actor).unit(unit.id).detail(detail), now)
        .await?;
    txn.commit().await?;
    Ok(unit)
}

/// Moves a unit (with everything below it) under another parent of the level above it.
pub async fn move_to<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &officer::Model,
    code: &str,
    parent_code: &str,
    origin: &Origin,
    now: DateTime<Utc>,
) -> Result<organisation_unit::Model, AdminError> {
    contact_center_only(actor)?;
    let tree = Tree::load(db).await?;
    let unit = find(&tree, code).await?;
    let parent_error = |message: String| AdminError::Unit(UnitError::Parent(message));
    let Some(kind) = unit.kind.parent_kind() else {
        return Err(parent_error("a ministry has no parent".into()));
    };
    let parent =
        tree.by_code(parent_code).cloned().ok_or_else(|| parent_error(format!("no unit has code {parent_code}")))?;
    if parent.kind != kind || parent.retired_at.is_some() {
        return Err(parent_error(format!("the parent of a {} must be an active {}", unit.kind.code(), kind.code())));
    }
    if unit.parent_id == Some(parent.id) {
        return Ok(unit);
    }
    let old_parent = unit.parent_id.and_then(|id| tree.get(id)).map_or_else(String::new, |old| old.code.clone());
    let detail = format!("{}: {old_parent} → {}", unit.code, parent.code);
    let txn = db.begin().await?;
    let mut active = unit.into_active_model();
    active.parent_id = Set(Some(parent.id));
    let unit = active.update(&txn).await?;
    audit::record(&txn, Entry::new(AuditEvent::UnitMoved, origin).actor(actor).unit(unit.id).detail(detail), now)
        .await?;
    txn.commit().await?;
    Ok(unit)
}

/// Why a unit cannot be retired yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InUse {
    /// Active officers belong to it.
    Officers,
    /// Pending Tokens would create officers in it.
    Tokens,
    /// Units below it are not retired.
    Children,
}

/// Retires a unit with no active officers, no pending Tokens and no active units below it.
pub async fn retire<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &officer::Model,
    code: &str,
    origin: &Origin,
    now: DateTime<Utc>,
) -> Result<organisation_unit::Model, AdminError> {
    contact_center_only(actor)?;
    let tree = Tree::load(db).await?;
    let unit = find(&tree, code).await?;
    if unit.retired_at.is_some() {
        return Ok(unit);
    }
    let txn = db.begin().await?;
    let officers = officer::Entity::find()
        .filter(officer::Column::UnitId.eq(unit.id))
        .filter(officer::Column::Status.eq(OfficerStatus::Active))
        .count(&txn)
        .await?;
    let tokens = activation_token::Entity::find()
        .filter(activation_token::Column::UnitId.eq(unit.id))
        .filter(activation_token::Column::UsedAt.is_null())
        .filter(activation_token::Column::RevokedAt.is_null())
        .filter(activation_token::Column::ExpiresAt.gt(now))
        .count(&txn)
        .await?;
    let children = organisation_unit::Entity::find()
        .filter(organisation_unit::Column::ParentId.eq(unit.id))
        .filter(organisation_unit::Column::RetiredAt.is_null())
        .count(&txn)
        .await?;
    let in_use = [(officers, InUse::Officers), (tokens, InUse::Tokens), (children, InUse::Children)]
        .into_iter()
        .find_map(|(count, reason)| (count > 0).then_some(reason));
    if let Some(reason) = in_use {
        txn.rollback().await?;
        return Err(AdminError::UnitInUse(reason));
    }
    let detail = format!("{} {}", unit.code, unit.name_th);
    let mut active = unit.into_active_model();
    active.retired_at = Set(Some(now));
    let unit = active.update(&txn).await?;
    audit::record(&txn, Entry::new(AuditEvent::UnitRetired, origin).actor(actor).unit(unit.id).detail(detail), now)
        .await?;
    txn.commit().await?;
    Ok(unit)
}
