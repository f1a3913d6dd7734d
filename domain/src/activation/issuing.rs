//! Issuing an activation Token: the one path for the server's command line and the Tokens page. The [`Issuer`]
//! decides which units and roles are allowed; every Token lives from [`MIN_LIFETIME`] to [`MAX_LIFETIME`], and is
//! stored with its `token_issued` audit entry in one transaction, so no Token exists that the audit log does not name.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set, TransactionSession, TransactionTrait};

use super::{ActivationToken, MAX_LIFETIME, MIN_LIFETIME};
use crate::audit::{self, Entry, Origin};
use crate::citizen_id::{CitizenId, CitizenIdKey};
use crate::entities::audit_event::AuditEvent;
use crate::entities::officer::{self, Role};
use crate::entities::{activation_token, organisation_unit};
use crate::scope::{Scope, Tree};

/// Who issues a Token: it decides the units and roles allowed, and is named on the Token and its audit entry.
#[derive(Clone, Copy, Debug)]
pub enum Issuer<'a> {
    /// A DGA operator at the server's command line (`server issue-token`), bootstrapping the first officers: any unit
    /// that is not retired, any role that fits it, the person optional. Neither the Token (`issued_by_officer_id`)
    /// nor its audit entry names an officer, and the entry has no client address: no request came in.
    CommandLine,
    /// An officer on the Tokens page: only the roles they issue, in the units of their [`Scope`], always for a
    /// named person.
    Officer {
        /// The issuing officer.
        officer: &'a officer::Model,
        /// Where their request came from.
        origin: &'a Origin,
    },
}

impl<'a> Issuer<'a> {
    /// The issuing officer; `None` on the command line.
    pub fn officer(self) -> Option<&'a officer::Model> {
        match self {
            Self::CommandLine => None,
            Self::Officer { officer, .. } => Some(officer),
        }
    }
}

/// A Token to issue.
#[derive(Clone, Debug)]
pub struct IssueToken {
    /// The code of the unit the officer will join.
    pub unit_code: String,
    /// The role the officer will have.
    pub role: Role,
    /// The intended person; when given, only their Digital ID account can redeem the Token. Required when an
    /// officer issues it.
    pub citizen_id: Option<CitizenId>,
    /// The intended person's name. Required when an officer issues it.
    pub intended_name: Option<String>,
    /// The official letter or request number.
    pub reference: Option<String>,
    /// How long it lives: from [`MIN_LIFETIME`] to [`MAX_LIFETIME`], or it is refused.
    pub lifetime: Duration,
}

/// A Token just issued, with its unit (to show once and print).
#[derive(Debug)]
pub struct Issued {
    /// The Token in the clear.
    pub token: ActivationToken,
    /// Its row.
    pub row: activation_token::Model,
    /// Its unit.
    pub unit: organisation_unit::Model,
    /// The unit's parents, ministry first.
    pub parents: Vec<organisation_unit::Model>,
}

/// A Token's free text: who it is for, and the letter or request it answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    /// The intended officer's name.
    IntendedName,
    /// The letter's or request's number.
    Reference,
}

impl std::fmt::Display for TextField {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(match self {
            Self::IntendedName => "intended name",
            Self::Reference => "reference",
        })
    }
}

/// Why a Token was not issued. Nothing refused is stored or audited.
#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    /// The officer issues no Tokens (not DGA Contact Center staff or an active central officer).
    #[error("the officer may not issue Tokens")]
    NotPermitted,
    /// A role the officer may not give.
    #[error("the officer may not issue a Token for this role")]
    RoleNotAllowed,
    /// For an officer: a unit outside their scope, unknown or retired (they are not told which, so they cannot probe
    /// outside their scope).
    #[error("the unit is not available to the officer")]
    UnitNotAllowed,
    /// On the command line: no such unit.
    #[error("no unit has code {0}")]
    UnknownUnit(String),
    /// On the command line: the unit is retired.
    #[error("unit {0} is retired")]
    RetiredUnit(String),
    /// The role does not belong at that level.
    #[error("a {role} officer belongs to a {expected} unit, but {unit} is a {actual}")]
    RoleDoesNotFitUnit {
        /// The role's code.
        role: &'static str,
        /// The kind it needs.
        expected: &'static str,
        /// The unit's code.
        unit: String,
        /// The unit's kind.
        actual: &'static str,
    },
    /// An officer's Token names its person: their citizen ID and name.
    #[error("a Token issued by an officer names its person's citizen ID and name")]
    PersonMissing,
    /// The lifetime is not from [`MIN_LIFETIME`] to [`MAX_LIFETIME`].
    #[error("a Token lives from {} day to {} days", MIN_LIFETIME.num_days(), MAX_LIFETIME.num_days())]
    Lifetime,
    /// The intended name or the reference holds a character that could disguise it ([`crate::free_text`]).
    #[error("the {field}: {problem}")]
    Text {
        /// Which text.
        field: TextField,
        /// What is wrong with it.
        problem: crate::free_text::FreeTextProblem,
    },
    /// The database failed.
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// Checks that an officer of `role` may belong to `unit`.
pub fn check_role_fits_unit(role: Role, unit: &organisation_unit::Model) -> Result<(), IssueError> {
    match role.unit_kind() {
        Some(expected) if expected != unit.kind => Err(IssueError::RoleDoesNotFitUnit {
            role: role.code(),
            expected: expected.code(),
            unit: unit.code.clone(),
            actual: unit.kind.code(),
        }),
        _ => Ok(()),
    }
}

/// Issues a Token for `request` as `issuer`: checks it, stores it with its `token_issued` audit entry in one
/// transaction, and returns it in the clear (to show once) with its row and unit.
pub async fn issue<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    issuer: Issuer<'_>,
    request: IssueToken,
    key: &CitizenIdKey,
    now: DateTime<Utc>,
) -> Result<Issued, IssueError> {
    // An officer who issues nothing learns nothing more about their request.
    let scope = issuer.officer().map(|officer| Scope::of(officer).ok_or(IssueError::NotPermitted)).transpose()?;
    check_request(&request, scope.is_some())?;
    let tree = Tree::load(db).await?;
    let unit = match &scope {
        None => command_line_unit(&tree, &request)?,
        Some(scope) => unit_in_scope(&tree, scope, &request)?,
    }
    .clone();
    let grant = Grant {
        unit_id: unit.id,
        role: request.role,
        citizen_id_hash: request.citizen_id.as_ref().map(|id| id.keyed_hash(key)),
        citizen_id_masked: request.citizen_id.as_ref().map(CitizenId::masked),
        intended_name: request.intended_name,
        reference: request.reference,
        lifetime: request.lifetime,
        issued_by_officer_id: issuer.officer().map(|officer| officer.id),
    };
    let txn = db.begin().await?;
    let (token, row) = insert(&txn, grant, now).await?;
    audit::record(&txn, issued_entry(issuer, &row, None), now).await?;
    txn.commit().await?;
    let parents = tree.parents(unit.id).into_iter().cloned().collect();
    Ok(Issued { token, row, unit, parents })
}

/// The checks that do not need the database: the lifetime, the free text, and an officer's named person.
fn check_request(request: &IssueToken, by_officer: bool) -> Result<(), IssueError> {
    if !(MIN_LIFETIME..=MAX_LIFETIME).contains(&request.lifetime) {
        return Err(IssueError::Lifetime);
    }
    for (field, text) in [(TextField::IntendedName, &request.intended_name), (TextField::Reference, &request.reference)]
    {
        if let Some(text) = text {
            crate::free_text::check(text.trim()).map_err(|problem| IssueError::Text { field, problem })?;
        }
    }
    let named = request.intended_name.as_deref().is_some_and(|name| !name.trim().is_empty());
    if by_officer && (request.citizen_id.is_none() || !named) {
        return Err(IssueError::PersonMissing);
    }
    Ok(())
}

/// The unit of a Token issued on the command line: any that exists and is not retired, if the role fits it.
fn command_line_unit<'t>(tree: &'t Tree, request: &IssueToken) -> Result<&'t organisation_unit::Model, IssueError> {
    let unit = tree.by_code(&request.unit_code).ok_or_else(|| IssueError::UnknownUnit(request.unit_code.clone()))?;
    if unit.retired_at.is_some() {
        return Err(IssueError::RetiredUnit(unit.code.clone()));
    }
    check_role_fits_unit(request.role, unit)?;
    Ok(unit)
}

/// The unit of a Token an officer of `scope` issues: a role they give, in a unit of their scope that is not retired
/// and that the role fits.
fn unit_in_scope<'t>(
    tree: &'t Tree,
    scope: &Scope,
    request: &IssueToken,
) -> Result<&'t organisation_unit::Model, IssueError> {
    if !scope.issuable_roles().contains(&request.role) {
        return Err(IssueError::RoleNotAllowed);
    }
    let unit = tree
        .by_code(&request.unit_code)
        .filter(|unit| unit.retired_at.is_none() && tree.contains(scope, unit.id))
        .ok_or(IssueError::UnitNotAllowed)?;
    check_role_fits_unit(request.role, unit)?;
    Ok(unit)
}

/// The `token_issued` audit entry of `row`, issued by `issuer` (in place of Token `replaces` when re-issued).
pub(crate) fn issued_entry(issuer: Issuer<'_>, row: &activation_token::Model, replaces: Option<i32>) -> Entry {
    let mut detail = format!("role {}", row.role.code());
    if let Some(masked) = &row.citizen_id_masked {
        detail.push_str(&format!("; citizen ID {masked}"));
    }
    if let Some(reference) = &row.reference {
        detail.push_str(&format!("; reference {reference}"));
    }
    detail.push_str(&format!("; expires {}", row.expires_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)));
    if let Some(old) = replaces {
        detail.push_str(&format!("; replaces token #{old}"));
    }
    let entry = match issuer {
        Issuer::CommandLine => {
            detail.push_str("; on the server's command line");
            Entry::new(AuditEvent::TokenIssued, &Origin::default())
        }
        Issuer::Officer { officer, origin } => Entry::new(AuditEvent::TokenIssued, origin).actor(officer),
    };
    entry.target_name(row.intended_name.as_deref()).unit(row.unit_id).token(row.id).detail(detail)
}

/// What a Token grants, as stored: checked by the caller ([`issue`], or re-issue, which copies an old Token's).
#[derive(Clone, Debug)]
pub(crate) struct Grant {
    pub unit_id: i32,
    pub role: Role,
    pub citizen_id_hash: Option<String>,
    pub citizen_id_masked: Option<String>,
    pub intended_name: Option<String>,
    pub reference: Option<String>,
    pub lifetime: Duration,
    pub issued_by_officer_id: Option<i32>,
}

/// Stores a new random Token for `grant`; returns it in the clear and its row. Audits nothing: call it only in the
/// transaction that also records the Token's [`issued_entry`].
pub(crate) async fn insert(
    db: &impl ConnectionTrait,
    grant: Grant,
    now: DateTime<Utc>,
) -> Result<(ActivationToken, activation_token::Model), DbErr> {
    let token = ActivationToken::generate();
    let row = activation_token::ActiveModel {
        token_hash: Set(token.hash()),
        unit_id: Set(grant.unit_id),
        role: Set(grant.role),
        citizen_id_hash: Set(grant.citizen_id_hash),
        citizen_id_masked: Set(grant.citizen_id_masked),
        // Free text an issuer typed: a citizen ID in it is masked, never kept (PDPA), as in the audit log.
        intended_name: Set(grant.intended_name.map(|name| free_text(&name)).filter(|name| !name.is_empty())),
        issued_by_officer_id: Set(grant.issued_by_officer_id),
        reference: Set(grant.reference.map(|reference| free_text(&reference)).filter(|r| !r.is_empty())),
        created_at: Set(now),
        expires_at: Set(now + grant.lifetime),
        used_at: Set(None),
        used_by_officer_id: Set(None),
        revoked_at: Set(None),
        revoked_by_officer_id: Set(None),
        failed_identity_attempts: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((token, row))
}

/// Typed free text as stored: trimmed, with any citizen ID in it masked, direction controls, invisible characters
/// and stacked marks stripped ([`crate::free_text::strip`]: [`issue`] has refused them already, but a re-issued
/// Token copies text stored before they were refused), and at most 255 characters (the column's size; masking
/// lengthens a citizen ID by four).
fn free_text(text: &str) -> String {
    crate::citizen_id::mask_in_text(crate::free_text::strip(text).trim()).chars().take(255).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(lifetime: Duration) -> IssueToken {
        IssueToken {
            unit_code: "DOPA".into(),
            role: Role::Central,
            citizen_id: None,
            intended_name: None,
            reference: None,
            lifetime,
        }
    }

    #[test]
    fn a_lifetime_from_one_day_to_thirty_days_is_accepted_and_anything_else_refused() {
        for days in [1, 7, 30] {
            assert!(check_request(&request(Duration::days(days)), false).is_ok(), "{days} days");
        }
        for lifetime in [Duration::zero(), Duration::hours(23), Duration::days(30) + Duration::seconds(1)] {
            let refused = check_request(&request(lifetime), false);
            assert!(matches!(refused, Err(IssueError::Lifetime)), "{lifetime}: {refused:?}");
        }
    }

    #[test]
    fn the_lifetime_refusal_states_the_limits() {
        assert_eq!(IssueError::Lifetime.to_string(), "a Token lives from 1 day to 30 days");
    }

    #[test]
    fn an_officers_token_without_a_citizen_id_or_a_name_is_refused_but_the_command_lines_may_omit_them() {
        let unnamed = request(Duration::days(7));
        assert!(check_request(&unnamed, false).is_ok());
        assert!(matches!(check_request(&unnamed, true), Err(IssueError::PersonMissing)));
        let citizen_id = Some(CitizenId::parse("1101700207030").expect("a valid citizen ID"));
        let blank_name = IssueToken { citizen_id, intended_name: Some("  ".into()), ..unnamed };
        assert!(matches!(check_request(&blank_name, true), Err(IssueError::PersonMissing)));
        let named =
            IssueToken { intended_name: Some("นางสาวกานดา ใจดี".into()), ..blank_name };
        assert!(check_request(&named, true).is_ok());
    }
}
