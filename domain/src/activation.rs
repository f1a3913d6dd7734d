//! Activation tokens: issuing one (for a unit and role, optionally bound to a person's citizen ID), and redeeming it
//! exactly once to create the officer — with guessing rate-limited per Digital ID subject and per address.
//!
//! A token is 28 Crockford base32 characters (140 random bits), shown in groups of four that are easy to read over
//! the phone (`7K3M-…`). Typed input is forgiving: case, spaces and dashes do not matter, and `O`, `I`, `L` read
//! as `0`, `1`, `1`. Only the SHA-256 of the normalized token is stored (ASVS 6.5.2: above 112 bits a plain hash is
//! enough).

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, TransactionSession,
    TransactionTrait,
};

use sea_orm::sea_query::{Expr, ExprTrait};

use crate::assurance::{AssurancePolicy, Shortfall};
use crate::audit::{self, Entry, Origin};
use crate::citizen_id::{CitizenId, CitizenIdKey};
use crate::entities::audit_event::AuditEvent;
use crate::entities::officer::{self, OfficerSource, Role};
use crate::entities::{activation_token, organisation_unit};
use crate::officers::{DigitalIdIdentity, NewOfficer};
use crate::secrets::{random_bytes, sha256_hex};

mod attempts;
pub use attempts::{AttemptLimits, Caller, Limit, Reservation, ReservedAttempt, reserve};

/// Crockford's base32 alphabet: no I, L, O or U, so nothing is mistaken for another symbol when read aloud.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Symbols in a token (28 × 5 = 140 bits).
pub const TOKEN_LENGTH: usize = 28;
// ASVS 11.5.1: at least 128 bits.
const _: () = assert!(TOKEN_LENGTH * 5 >= 128, "a token must carry at least 128 bits");
/// Symbols per group as shown.
const GROUP: usize = 4;
/// Typed input longer than this is refused before any other work.
const MAX_INPUT: usize = 128;
/// How long a token lives unless the issuer says otherwise.
pub const DEFAULT_LIFETIME: Duration = Duration::days(7);
/// The longest lifetime a token may have.
pub const MAX_LIFETIME: Duration = Duration::days(30);
/// A token bound to a person is revoked after this many redemptions by someone else.
const MAX_IDENTITY_FAILURES: i32 = 3;

/// An activation token in the clear: exists only between issuing and showing it, or between typing and hashing
/// it. Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct ActivationToken(String);

/// Why typed text is not a token (checked before any database lookup).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TokenFormatError {
    /// Nothing was typed.
    #[error("no token was given")]
    Empty,
    /// Wrong length or a character outside the alphabet.
    #[error("a token has 28 letters and digits")]
    Malformed,
}

impl ActivationToken {
    /// A new random token.
    pub fn generate() -> Self {
        let bytes = random_bytes::<TOKEN_LENGTH>();
        // 256 is a multiple of 32, so `byte % 32` is uniform.
        Self(bytes.iter().map(|byte| char::from(ALPHABET[usize::from(byte % 32)])).collect())
    }

    /// Reads a typed token: case, whitespace and dashes are ignored; `O`→`0`, `I`/`L`→`1`.
    pub fn parse(input: &str) -> Result<Self, TokenFormatError> {
        if input.len() > MAX_INPUT {
            return Err(TokenFormatError::Malformed);
        }
        let mut symbols = String::with_capacity(TOKEN_LENGTH);
        for c in input.chars() {
            let c = match c.to_ascii_uppercase() {
                c if c.is_whitespace() || matches!(c, '-' | '\u{2010}'..='\u{2015}') => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => c,
                _ => return Err(TokenFormatError::Malformed),
            };
            symbols.push(c);
        }
        match symbols.len() {
            0 => Err(TokenFormatError::Empty),
            TOKEN_LENGTH => Ok(Self(symbols)),
            _ => Err(TokenFormatError::Malformed),
        }
    }

    /// The token in groups of four, as printed and read aloud: `7K3M-Q9XA-…`.
    pub fn grouped(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        chars.chunks(GROUP).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join("-")
    }

    fn hash(&self) -> String {
        sha256_hex(&self.0)
    }
}

/// Typed free text as stored: trimmed, with any citizen ID in it masked, direction controls, invisible characters
/// and stacked marks stripped ([`crate::free_text::strip`]: [`issue`] has refused them already, but a re-issued
/// Token copies text stored before they were refused), and at most 255 characters (the column's size; masking
/// lengthens a citizen ID by four).
fn free_text(text: &str) -> String {
    crate::citizen_id::mask_in_text(crate::free_text::strip(text).trim()).chars().take(255).collect()
}

impl std::fmt::Debug for ActivationToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ActivationToken(***)")
    }
}

/// A token to issue.
#[derive(Clone, Debug)]
pub struct IssueToken {
    /// The code of the unit the officer will join.
    pub unit_code: String,
    /// The role the officer will have.
    pub role: Role,
    /// The intended person; when given, only their Digital ID account can redeem the token.
    pub citizen_id: Option<CitizenId>,
    /// The intended person's name.
    pub intended_name: Option<String>,
    /// The official letter or request number.
    pub reference: Option<String>,
    /// How long it lives (at most [`MAX_LIFETIME`]).
    pub lifetime: Duration,
    /// Who issues it; `None` on the server's command line.
    pub issued_by_officer_id: Option<i32>,
}

/// Why a token was not issued.
#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    /// No such unit.
    #[error("no unit has code {0}")]
    UnknownUnit(String),
    /// The unit is retired.
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
    /// The lifetime is not between a minute and [`MAX_LIFETIME`].
    #[error("a token lives between 1 minute and 30 days")]
    Lifetime,
    /// The intended name or the reference holds a character that could disguise it ([`crate::free_text`]).
    #[error("the {field}: {problem}")]
    Text {
        /// `intended name` or `reference`.
        field: &'static str,
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

/// Issues a token; returns it in the clear (to show once) and its row.
pub async fn issue(
    db: &impl ConnectionTrait,
    request: IssueToken,
    key: &CitizenIdKey,
    now: DateTime<Utc>,
) -> Result<(ActivationToken, activation_token::Model), IssueError> {
    if request.lifetime < Duration::minutes(1) || request.lifetime > MAX_LIFETIME {
        return Err(IssueError::Lifetime);
    }
    for (field, text) in [("intended name", &request.intended_name), ("reference", &request.reference)] {
        if let Some(text) = text {
            crate::free_text::check(text.trim()).map_err(|problem| IssueError::Text { field, problem })?;
        }
    }
    let unit = crate::units::find_by_code(db, &request.unit_code)
        .await?
        .ok_or_else(|| IssueError::UnknownUnit(request.unit_code.clone()))?;
    if unit.retired_at.is_some() {
        return Err(IssueError::RetiredUnit(unit.code));
    }
    check_role_fits_unit(request.role, &unit)?;
    let grant = Grant {
        unit_id: unit.id,
        role: request.role,
        citizen_id_hash: request.citizen_id.as_ref().map(|id| id.keyed_hash(key)),
        citizen_id_masked: request.citizen_id.as_ref().map(CitizenId::masked),
        intended_name: request.intended_name,
        reference: request.reference,
        lifetime: request.lifetime,
        issued_by_officer_id: request.issued_by_officer_id,
    };
    Ok(insert(db, grant, now).await?)
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

/// Stores a new random Token for `grant`; returns it in the clear and its row.
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

/// Why a redemption failed. Officers see one message for all but [`RedeemFailure::Assurance`], which tells them how
/// to raise their level; the reason goes to the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedeemFailure {
    /// No token has this hash.
    Unknown,
    /// Past its expiry.
    Expired,
    /// Already redeemed.
    Used,
    /// Revoked.
    Revoked,
    /// Bound to another person's citizen ID.
    WrongPerson,
    /// The person's Digital ID account is not proofed well enough for the Token's role, or — for a Token bound to a
    /// person — for their citizen ID to count. The Token is left as it was.
    Assurance(Shortfall),
}

impl RedeemFailure {
    /// A stable reason code for logs.
    pub fn code(self) -> &'static str {
        match self {
            Self::Unknown => "unknown",
            Self::Expired => "expired",
            Self::Used => "used",
            Self::Revoked => "revoked",
            Self::WrongPerson => "wrong_person",
            Self::Assurance(_) => "assurance",
        }
    }
}

/// A refused redemption, with the token's unit when the token was found (to name who to contact).
#[derive(Debug, thiserror::Error)]
pub enum RedeemError {
    /// Refused.
    #[error("activation token refused: {}", reason.code())]
    Refused {
        /// Why.
        reason: RedeemFailure,
        /// The unit of the token, when it exists.
        unit_id: Option<i32>,
    },
    /// The database failed.
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// [`redeem_from`] with no client address on record and the shipped [`AssurancePolicy`] (the command line and
/// tests).
pub async fn redeem<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    token: &ActivationToken,
    identity: &DigitalIdIdentity,
    now: DateTime<Utc>,
) -> Result<officer::Model, RedeemError> {
    redeem_from(db, token, identity, &AssurancePolicy::default(), &Origin::default(), now).await
}

/// Redeems `token` for the person signed in as `identity`: exactly once (one conditional `UPDATE` decides, so
/// concurrent redemptions on any number of instances cannot both succeed), creating the officer with the unit and
/// role the token carries — if Digital ID knows the person well enough for that role under `policy`, and, for a
/// Token bound to a person, vouches for their citizen ID. Success and every refusal are audited
/// (`token_redeemed`, `token_refused`).
pub async fn redeem_from<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    token: &ActivationToken,
    identity: &DigitalIdIdentity,
    policy: &AssurancePolicy,
    origin: &Origin,
    now: DateTime<Utc>,
) -> Result<officer::Model, RedeemError> {
    let result = redeem_audited(db, token, identity, policy, origin, now).await;
    if let Err(RedeemError::Refused { reason, unit_id }) = &result {
        let mut entry =
            Entry::new(AuditEvent::TokenRefused, origin).failed(reason.code()).target_name(Some(&identity.name_th));
        if let Some(unit_id) = unit_id {
            entry = entry.unit(*unit_id);
        }
        if let Some(token_id) = refused_token_id(db, token).await? {
            entry = entry.token(token_id);
        }
        audit::record(db, entry, now).await?;
    }
    result
}

/// The id of the Token with this value, if one exists (for the audit entry of a refusal).
async fn refused_token_id(db: &impl ConnectionTrait, token: &ActivationToken) -> Result<Option<i32>, DbErr> {
    Ok(activation_token::Entity::find()
        .filter(activation_token::Column::TokenHash.eq(token.hash()))
        .one(db)
        .await?
        .map(|row| row.id))
}

async fn redeem_audited<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    token: &ActivationToken,
    identity: &DigitalIdIdentity,
    policy: &AssurancePolicy,
    origin: &Origin,
    now: DateTime<Utc>,
) -> Result<officer::Model, RedeemError> {
    let refused = |reason, unit_id| RedeemError::Refused { reason, unit_id };
    let Some(row) =
        activation_token::Entity::find().filter(activation_token::Column::TokenHash.eq(token.hash())).one(db).await?
    else {
        return Err(refused(RedeemFailure::Unknown, None));
    };
    let unit_id = Some(row.unit_id);
    if row.revoked_at.is_some() {
        return Err(refused(RedeemFailure::Revoked, unit_id));
    }
    if row.used_at.is_some() {
        return Err(refused(RedeemFailure::Used, unit_id));
    }
    if row.expires_at <= now {
        return Err(refused(RedeemFailure::Expired, unit_id));
    }
    // Before anything is counted against the Token: a person below the level needed has not tried to be someone
    // else, and can raise their level at Digital ID and come back with the same Token.
    if let Err(shortfall) = policy.admits(row.role, &identity.assurance, row.citizen_id_hash.is_some()) {
        return Err(refused(RedeemFailure::Assurance(shortfall), unit_id));
    }
    if let Some(intended) = &row.citizen_id_hash
        && identity.proven_citizen_id_hash(policy) != Some(intended.as_str())
    {
        // The database counts (concurrent wrong-person tries must all count), then revokes once at the limit.
        activation_token::Entity::update_many()
            .col_expr(
                activation_token::Column::FailedIdentityAttempts,
                Expr::col(activation_token::Column::FailedIdentityAttempts).add(1),
            )
            .filter(activation_token::Column::Id.eq(row.id))
            .exec(db)
            .await?;
        let revoked = activation_token::Entity::update_many()
            .col_expr(activation_token::Column::RevokedAt, Expr::value(Some(now)))
            .filter(activation_token::Column::Id.eq(row.id))
            .filter(activation_token::Column::FailedIdentityAttempts.gte(MAX_IDENTITY_FAILURES))
            .filter(activation_token::Column::RevokedAt.is_null())
            .exec(db)
            .await?;
        if revoked.rows_affected == 1 {
            tracing::warn!(token_id = row.id, "activation token revoked after repeated use by the wrong person");
            let entry = Entry::new(AuditEvent::TokenRevoked, origin)
                .unit(row.unit_id)
                .token(row.id)
                .target_name(row.intended_name.as_deref())
                .detail(format!("revoked after {MAX_IDENTITY_FAILURES} tries by another person"));
            audit::record(db, entry, now).await?;
        }
        return Err(refused(RedeemFailure::WrongPerson, unit_id));
    }

    let txn = db.begin().await?;
    let claimed = activation_token::Entity::update_many()
        .col_expr(activation_token::Column::UsedAt, Some(now).into())
        .filter(activation_token::Column::Id.eq(row.id))
        .filter(activation_token::Column::UsedAt.is_null())
        .filter(activation_token::Column::RevokedAt.is_null())
        .filter(activation_token::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        txn.rollback().await?;
        return Err(refused(RedeemFailure::Used, unit_id));
    }
    let new_officer = NewOfficer {
        digital_id: Some((identity.issuer.clone(), identity.subject.clone())),
        // Only a citizen ID Digital ID vouches for is kept for look-ups (an import later matches on it).
        citizen_id_hash: identity.proven_citizen_id_hash(policy).map(str::to_owned),
        citizen_id_masked: identity.citizen_id_masked.clone(),
        name_th: identity.name_th.clone(),
        phone_number: identity.phone_number.clone(),
        email: identity.email.clone(),
        unit_id: row.unit_id,
        role: row.role,
        source: OfficerSource::Activation,
        activated_at: Some(now),
    };
    let officer = crate::officers::create(&txn, new_officer, now).await?;
    activation_token::Entity::update_many()
        .col_expr(activation_token::Column::UsedByOfficerId, Some(officer.id).into())
        .filter(activation_token::Column::Id.eq(row.id))
        .exec(&txn)
        .await?;
    let entry = Entry::new(AuditEvent::TokenRedeemed, origin)
        .target(&officer)
        .token(row.id)
        .detail(format!("role {}", row.role.code()));
    audit::record(&txn, entry, now).await?;
    txn.commit().await?;
    tracing::info!(token_id = row.id, officer_id = officer.id, "activation token redeemed");
    Ok(officer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_has_140_random_bits_in_seven_groups_of_four() {
        let token = ActivationToken::generate();
        let grouped = token.grouped();
        assert_eq!(grouped.len(), TOKEN_LENGTH + 6);
        assert_eq!(grouped.split('-').count(), 7);
        assert!(grouped.split('-').all(|group| group.len() == 4));
        let tokens: std::collections::HashSet<String> = (0..10_000).map(|_| ActivationToken::generate().0).collect();
        assert_eq!(tokens.len(), 10_000, "no repeats");
    }

    #[test]
    fn a_typed_token_ignores_case_spaces_and_dashes_and_reads_o_i_l_as_digits() {
        let token = ActivationToken::generate();
        assert_eq!(ActivationToken::parse(&token.grouped()), Ok(token.clone()));
        assert_eq!(ActivationToken::parse(&token.grouped().to_lowercase().replace('-', " ")), Ok(token));
        let with_lookalikes = "OIL0-1234-5678-9ABC-DEFG-HJKM-NPQR";
        assert_eq!(ActivationToken::parse(with_lookalikes).map(|t| t.0), Ok("0110123456789ABCDEFGHJKMNPQR".to_owned()));
    }

    #[test]
    fn anything_else_is_refused_before_a_lookup() {
        assert_eq!(ActivationToken::parse("  - "), Err(TokenFormatError::Empty));
        assert_eq!(ActivationToken::parse("ABCD"), Err(TokenFormatError::Malformed));
        assert_eq!(ActivationToken::parse("UUUU-1234-5678-9ABC-DEFG-HJKM-NPQR"), Err(TokenFormatError::Malformed));
        assert_eq!(ActivationToken::parse("' OR 1=1 --"), Err(TokenFormatError::Malformed));
        assert_eq!(ActivationToken::parse("ทดสอบ"), Err(TokenFormatError::Malformed));
        assert_eq!(ActivationToken::parse(&"A".repeat(10_000)), Err(TokenFormatError::Malformed));
    }

    #[test]
    fn a_token_never_shows_in_debug_output() {
        let token = ActivationToken::generate();
        assert_eq!(format!("{token:?}"), "ActivationToken(***)");
    }
}
