//! Delegated administration: what DGA Contact Center staff and central officers do for the officers in their scope
//! ([`crate::scope`]) — list, revoke and re-issue activation Tokens ([`tokens`]; issuing one is
//! [`crate::activation::issue`], shared with the command line), suspend, reactivate, move and re-role officers
//! ([`officers`]), and maintain the organisation tree ([`units`], Contact Center only).
//!
//! Every action takes the acting officer's row and checks its scope first; each change and its audit entry are
//! written in one transaction. Something outside the scope is reported as not found, so nobody can probe for it.

pub mod officers;
pub mod tokens;
pub mod units;

use sea_orm::DbErr;

use crate::entities::officer;
use crate::scope::Scope;

/// Why an administration action was refused.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// The acting officer administers nothing (or not this kind of thing).
    #[error("the officer may not do this")]
    NotPermitted,
    /// No such Token, officer or unit in the acting officer's scope.
    #[error("not found in the officer's scope")]
    NotFound,
    /// A role the acting officer may not give.
    #[error("the role may not be given by this officer")]
    RoleNotAllowed,
    /// A unit outside the scope, unknown or retired.
    #[error("the unit is not available to this officer")]
    UnitNotAllowed,
    /// The role does not belong at the unit's level.
    #[error("the role does not belong at that unit's level")]
    RoleDoesNotFitUnit,
    /// The Token is not in a state this action applies to (already used, or revoked).
    #[error("the token is no longer pending")]
    NotPending,
    /// The action would act on the acting officer themselves.
    #[error("officers may not change their own access")]
    OwnAccount,
    /// The unit still has active officers, pending Tokens or active units below it.
    #[error("the unit is still in use ({0:?})")]
    UnitInUse(units::InUse),
    /// A unit field was refused.
    #[error("{0}")]
    Unit(#[from] crate::units::UnitError),
    /// The database failed.
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// The acting officer's scope, or [`AdminError::NotPermitted`].
pub fn scope_of(actor: &officer::Model) -> Result<Scope, AdminError> {
    Scope::of(actor).ok_or(AdminError::NotPermitted)
}
