//! Activation tokens: issuing one for a unit and role, optionally bound to a person's citizen ID ([`issue`], the one
//! path for the command line and the Tokens page, always audited), and redeeming it exactly once to create the
//! officer — with guessing rate-limited per Digital ID subject and per address.
//!
//! A token is 28 Crockford base32 characters (140 random bits), shown in groups of four that are easy to read over
//! the phone (`7K3M-…`). Typed input is forgiving: case, spaces and dashes do not matter, and `O`, `I`, `L` read
//! as `0`, `1`, `1`. Only the SHA-256 of the normalized token is stored (ASVS 6.5.2: above 112 bits a plain hash is
//! enough).

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, TransactionSession, TransactionTrait};

use sea_orm::sea_query::{Expr, ExprTrait};

use crate::assurance::{AssurancePolicy, Shortfall};
use crate::audit::{self, Entry, Origin};
use crate::entities::activation_token;
use crate::entities::audit_event::AuditEvent;
use crate::entities::officer::{self, OfficerSource};
use crate::officers::{DigitalIdIdentity, NewOfficer};
use crate::secrets::{random_bytes, sha256_hex};
use vocabulary::token_text;

mod attempts;
mod issuing;
pub use attempts::{AttemptLimits, Caller, Limit, Reservation, ReservedAttempt, breaker_open, reserve};
pub(crate) use issuing::{Grant, insert, issued_entry};
pub use issuing::{IssueError, IssueToken, Issued, Issuer, TextField, check_role_fits_unit, issue};

/// Symbols in a token (28 × 5 = 140 bits).
pub const TOKEN_LENGTH: usize = token_text::LENGTH;
// ASVS 11.5.1: at least 128 bits.
const _: () = assert!(TOKEN_LENGTH * 5 >= 128, "a token must carry at least 128 bits");
/// How long a token lives unless the issuer says otherwise.
pub const DEFAULT_LIFETIME: Duration = Duration::days(7);
/// The shortest lifetime a token may have.
pub const MIN_LIFETIME: Duration = Duration::days(1);
/// The longest lifetime a token may have.
pub const MAX_LIFETIME: Duration = Duration::days(30);
/// A token bound to a person is revoked after this many redemptions by someone else.
const MAX_IDENTITY_FAILURES: i32 = 3;

/// An activation token in the clear: exists only between issuing and showing it, or between typing and hashing
/// it. Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct ActivationToken(String);

/// Why typed text is not a token (checked before any database lookup).
pub use vocabulary::token_text::TokenFormatError;

impl ActivationToken {
    /// A new random token.
    pub fn generate() -> Self {
        let bytes = random_bytes::<TOKEN_LENGTH>();
        // 256 is a multiple of 32, so `byte % 32` is uniform.
        Self(bytes.iter().map(|byte| char::from(token_text::ALPHABET[usize::from(byte % 32)])).collect())
    }

    /// Reads a typed token: case, whitespace and dashes are ignored; `O`→`0`, `I`/`L`→`1`.
    pub fn parse(input: &str) -> Result<Self, TokenFormatError> {
        token_text::normalize(input).map(Self)
    }

    /// The token in groups of four, as printed and read aloud: `7K3M-Q9XA-…`.
    pub fn grouped(&self) -> String {
        token_text::grouped(&self.0)
    }

    fn hash(&self) -> String {
        sha256_hex(&self.0)
    }
}

impl std::fmt::Debug for ActivationToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ActivationToken(***)")
    }
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
