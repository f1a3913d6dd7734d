//! Activation Tokens as their issuers see them: the list of the scope's Tokens with their state, revoking a pending
//! one, and re-issuing (which revokes the old one). Issuing one is [`crate::activation::issue`], the same for an
//! officer as for the command line.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, TransactionSession, TransactionTrait,
};

use super::{AdminError, scope_of};
use crate::activation::{self, Grant, Issued, Issuer};
use crate::audit::{self, Entry, Origin};
use crate::entities::activation_token;
use crate::entities::audit_event::AuditEvent;
use crate::entities::officer;
use crate::entities::organisation_unit;
use crate::scope::{Scope, Tree};

/// A Token's state at a given moment ([`activation_token::Model::state_at`]); shared with the Tokens page.
pub use vocabulary::TokenState;

/// A Token in the list, with the names it refers to.
#[derive(Clone, Debug)]
pub struct TokenListing {
    /// The row (its hash is useless to anyone without the Token).
    pub row: activation_token::Model,
    /// Its state now.
    pub state: TokenState,
    /// Its unit.
    pub unit: organisation_unit::Model,
    /// The issuing officer's name (`None`: issued on the server's command line).
    pub issued_by: Option<String>,
    /// The name of the officer its use created.
    pub used_by: Option<String>,
}

/// The Tokens `actor` sees (units of its scope, roles it issues or manages), newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    actor: &officer::Model,
    now: DateTime<Utc>,
) -> Result<Vec<TokenListing>, AdminError> {
    let scope = scope_of(actor)?;
    let tree = Tree::load(db).await?;
    let mut query = activation_token::Entity::find()
        .filter(activation_token::Column::Role.is_in(scope.roles().iter().copied()))
        .order_by_desc(activation_token::Column::CreatedAt)
        .order_by_desc(activation_token::Column::Id);
    if let Some(ids) = tree.scope_ids(&scope) {
        query = query.filter(activation_token::Column::UnitId.is_in(ids));
    }
    let rows = query.all(db).await?;
    let mut officer_ids: Vec<i32> =
        rows.iter().flat_map(|row| [row.issued_by_officer_id, row.used_by_officer_id]).flatten().collect();
    officer_ids.sort_unstable();
    officer_ids.dedup();
    let names: std::collections::HashMap<i32, String> = officer::Entity::find()
        .filter(officer::Column::Id.is_in(officer_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|officer| (officer.id, officer.name_th))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let unit = tree.get(row.unit_id)?.clone();
            Some(TokenListing {
                state: row.state_at(now),
                issued_by: row.issued_by_officer_id.and_then(|id| names.get(&id).cloned()),
                used_by: row.used_by_officer_id.and_then(|id| names.get(&id).cloned()),
                unit,
                row,
            })
        })
        .collect())
}

/// The Token `token_id` if `actor` may act on it.
async fn find_manageable(
    db: &impl ConnectionTrait,
    actor: &officer::Model,
    token_id: i32,
) -> Result<(activation_token::Model, Tree, Scope), AdminError> {
    let scope = scope_of(actor)?;
    let row = activation_token::Entity::find_by_id(token_id).one(db).await?.ok_or(AdminError::NotFound)?;
    let tree = Tree::load(db).await?;
    if !tree.contains(&scope, row.unit_id) || !scope.covers_role(row.role) {
        return Err(AdminError::NotFound);
    }
    if !scope.issuable_roles().contains(&row.role) {
        return Err(AdminError::NotPermitted);
    }
    Ok((row, tree, scope))
}

/// Marks `row` revoked by `actor` if it is still unused and unrevoked; whether it was.
async fn mark_revoked(
    db: &impl ConnectionTrait,
    actor: &officer::Model,
    row: &activation_token::Model,
    now: DateTime<Utc>,
) -> Result<bool, sea_orm::DbErr> {
    let revoked = activation_token::Entity::update_many()
        .col_expr(activation_token::Column::RevokedAt, Expr::value(Some(now)))
        .col_expr(activation_token::Column::RevokedByOfficerId, Expr::value(Some(actor.id)))
        .filter(activation_token::Column::Id.eq(row.id))
        .filter(activation_token::Column::UsedAt.is_null())
        .filter(activation_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(revoked.rows_affected == 1)
}

/// Revokes a pending Token (one conditional update: a Token redeemed a moment earlier stays redeemed).
pub async fn revoke<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &officer::Model,
    token_id: i32,
    origin: &Origin,
    now: DateTime<Utc>,
) -> Result<(), AdminError> {
    let (row, _, _) = find_manageable(db, actor, token_id).await?;
    let txn = db.begin().await?;
    if !mark_revoked(&txn, actor, &row, now).await? {
        txn.rollback().await?;
        return Err(AdminError::NotPending);
    }
    let entry = Entry::new(AuditEvent::TokenRevoked, origin)
        .actor(actor)
        .target_name(row.intended_name.as_deref())
        .unit(row.unit_id)
        .token(row.id);
    audit::record(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Re-issues a pending or expired Token: the old one is revoked and a new one with the same person, unit, role and
/// reference is issued by `actor`, living [`activation::DEFAULT_LIFETIME`].
pub async fn reissue<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &officer::Model,
    token_id: i32,
    origin: &Origin,
    now: DateTime<Utc>,
) -> Result<Issued, AdminError> {
    let (old, tree, scope) = find_manageable(db, actor, token_id).await?;
    let unit = tree.get(old.unit_id).cloned().ok_or(AdminError::NotFound)?;
    if unit.retired_at.is_some() || !tree.contains(&scope, unit.id) {
        return Err(AdminError::UnitNotAllowed);
    }
    let txn = db.begin().await?;
    if !mark_revoked(&txn, actor, &old, now).await? {
        txn.rollback().await?;
        return Err(AdminError::NotPending);
    }
    let grant = Grant {
        unit_id: old.unit_id,
        role: old.role,
        citizen_id_hash: old.citizen_id_hash.clone(),
        citizen_id_masked: old.citizen_id_masked.clone(),
        intended_name: old.intended_name.clone(),
        reference: old.reference.clone(),
        lifetime: activation::DEFAULT_LIFETIME,
        issued_by_officer_id: Some(actor.id),
    };
    let (token, row) = activation::insert(&txn, grant, now).await?;
    let revoked = Entry::new(AuditEvent::TokenRevoked, origin)
        .actor(actor)
        .target_name(old.intended_name.as_deref())
        .unit(old.unit_id)
        .token(old.id)
        .detail(format!("re-issued as token #{}", row.id));
    audit::record(&txn, revoked, now).await?;
    let issuer = Issuer::Officer { officer: actor, origin };
    audit::record(&txn, activation::issued_entry(issuer, &row, Some(old.id)), now).await?;
    txn.commit().await?;
    let parents = tree.parents(unit.id).into_iter().cloned().collect();
    Ok(Issued { token, row, unit, parents })
}
