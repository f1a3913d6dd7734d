//! Officers' sessions, server-side: created at sign-in (always with a new id), found by the cookie's secret, ended
//! by idle or absolute timeout, logout, activation or suspension.
//!
//! Why not `tower-sessions`: its stores keep opaque records under the raw id, but we must find and end sessions by
//! officer (suspension) and by Digital ID subject and `sid` (back-channel logout), store only a hash of the id, and
//! use one sea-orm connection for SQLite and PostgreSQL. That is one small table and the functions below.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, Set,
};

use crate::entities::{officer, officer_session};
use crate::officers::DigitalIdIdentity;
use crate::secrets::{random_secret, sha256_hex};

/// How long sessions live.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionPolicy {
    /// A session ends after this long without a request.
    pub idle_timeout: Duration,
    /// …and at the latest this long after it began.
    pub absolute_timeout: Duration,
}

/// The last-seen time is written at most this often, so reading pages does not mean a write per request…
const TOUCH_INTERVAL: Duration = Duration::seconds(60);
/// …and at least this often within one idle timeout, so the idle timer is never coarser than a tenth of it (with a
/// one-minute timeout a busy session is touched every six seconds, not ended).
const TOUCHES_PER_IDLE_TIMEOUT: i32 = 10;

impl SessionPolicy {
    /// How long after the last-seen time is written it may be written again.
    fn touch_interval(self) -> Duration {
        TOUCH_INTERVAL.min(self.idle_timeout / TOUCHES_PER_IDLE_TIMEOUT)
    }

    /// When `row` ends, as of its last-seen time: after the idle timeout, or at its absolute end if that is sooner.
    pub fn ends_at(self, row: &officer_session::Model) -> SessionEnd {
        let idle = row.last_seen_at + self.idle_timeout;
        if row.expires_at <= idle {
            SessionEnd { at: row.expires_at, absolute: true }
        } else {
            SessionEnd { at: idle, absolute: false }
        }
    }
}

/// When a session ends unless the officer does something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionEnd {
    /// The moment.
    pub at: DateTime<Utc>,
    /// Whether it is the absolute end, which no activity moves.
    pub absolute: bool,
}

/// The secret a session cookie carries. Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionSecret(String);

impl SessionSecret {
    /// Wraps a cookie's value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value, for the `Set-Cookie` header only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub(crate) fn id(&self) -> String {
        sha256_hex(&self.0)
    }
}

impl std::fmt::Debug for SessionSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionSecret(***)")
    }
}

/// A session about to begin.
pub struct NewSession<'a> {
    /// The officer; `None` for a Digital ID account that still has to be activated.
    pub officer_id: Option<i32>,
    /// Who signed in.
    pub identity: &'a DigitalIdIdentity,
    /// Digital ID's session id (`sid`), if given.
    pub provider_session_id: Option<String>,
    /// The ID token, for `id_token_hint` at logout.
    pub id_token: String,
    /// When the person authenticated at Digital ID.
    pub auth_time: Option<DateTime<Utc>>,
}

/// A live session as requests see it.
#[derive(Clone, Debug)]
pub struct Session {
    /// The row.
    pub row: officer_session::Model,
    /// The identity kept in it.
    pub identity: DigitalIdIdentity,
}

/// Begins a session under a fresh 256-bit secret. (Sessions that have ended are cleared out by the housekeeping
/// sweep, not on every sign-in: `crate::housekeeping`.)
pub async fn create(
    db: &impl ConnectionTrait,
    new: NewSession<'_>,
    policy: SessionPolicy,
    now: DateTime<Utc>,
) -> Result<(SessionSecret, Session), DbErr> {
    let secret = SessionSecret(random_secret());
    let identity_json = serde_json::to_string(new.identity).map_err(|error| DbErr::Custom(error.to_string()))?;
    let row = officer_session::ActiveModel {
        id: Set(secret.id()),
        officer_id: Set(new.officer_id),
        issuer: Set(new.identity.issuer.clone()),
        subject: Set(new.identity.subject.clone()),
        provider_session_id: Set(new.provider_session_id),
        identity: Set(identity_json),
        id_token: Set(new.id_token),
        csrf_token: Set(random_secret()),
        auth_time: Set(new.auth_time),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + policy.absolute_timeout),
    }
    .insert(db)
    .await?;
    Ok((secret, Session { row, identity: new.identity.clone() }))
}

/// The live session for a cookie's secret. An idle or expired one is deleted and `None` returned; a live one has
/// its last-seen time moved on (at most once a minute, and at least ten times per idle timeout).
pub async fn find(
    db: &impl ConnectionTrait,
    secret: &SessionSecret,
    policy: SessionPolicy,
    now: DateTime<Utc>,
) -> Result<Option<Session>, DbErr> {
    Ok(find_with_officer(db, secret, policy, now).await?.map(|(session, _)| session))
}

/// [`find`], with the session's officer read in the same query (the row joined with its officer): what every
/// signed-in request needs, in one round trip. The officer is `None` for a Digital ID account still to be
/// activated, and for a session whose officer row is gone.
pub async fn find_with_officer(
    db: &impl ConnectionTrait,
    secret: &SessionSecret,
    policy: SessionPolicy,
    now: DateTime<Utc>,
) -> Result<Option<(Session, Option<officer::Model>)>, DbErr> {
    let found = officer_session::Entity::find_by_id(secret.id()).find_also_related(officer::Entity).one(db).await?;
    let Some((row, officer)) = found else { return Ok(None) };
    if row.expires_at <= now || row.last_seen_at + policy.idle_timeout <= now {
        officer_session::Entity::delete_by_id(row.id).exec(db).await?;
        return Ok(None);
    }
    let Ok(identity) = serde_json::from_str::<DigitalIdIdentity>(&row.identity) else {
        tracing::error!("a session's identity could not be read; ending it");
        officer_session::Entity::delete_by_id(row.id).exec(db).await?;
        return Ok(None);
    };
    let row = if now - row.last_seen_at >= policy.touch_interval() {
        let mut active: officer_session::ActiveModel = row.into();
        active.last_seen_at = Set(now);
        active.update(db).await?
    } else {
        row
    };
    Ok(Some((Session { row, identity }, officer)))
}

/// Moves a live session's last-seen time to `now` at once (the officer asked to stay signed in), so its idle
/// timeout counts from now; the absolute end does not move. `None` when the session has ended.
pub async fn extend(
    db: &impl ConnectionTrait,
    secret: &SessionSecret,
    policy: SessionPolicy,
    now: DateTime<Utc>,
) -> Result<Option<officer_session::Model>, DbErr> {
    let Some(session) = find(db, secret, policy, now).await? else { return Ok(None) };
    if session.row.last_seen_at == now {
        return Ok(Some(session.row));
    }
    let mut active: officer_session::ActiveModel = session.row.into();
    active.last_seen_at = Set(now);
    Ok(Some(active.update(db).await?))
}

/// Ends the session with this cookie secret (if it exists). Returns whether one was ended.
pub async fn end(db: &impl ConnectionTrait, secret: &SessionSecret) -> Result<bool, DbErr> {
    Ok(officer_session::Entity::delete_by_id(secret.id()).exec(db).await?.rows_affected > 0)
}

/// Ends every session of an officer (suspension, role change). Returns how many.
pub async fn end_for_officer(db: &impl ConnectionTrait, officer_id: i32) -> Result<u64, DbErr> {
    Ok(officer_session::Entity::delete_many()
        .filter(officer_session::Column::OfficerId.eq(officer_id))
        .exec(db)
        .await?
        .rows_affected)
}

/// Which sessions a back-channel Logout Token names (OpenID Connect Back-Channel Logout 1.0 §2.7).
#[derive(Clone, Copy, Debug)]
pub struct ProviderLogout<'a> {
    /// The Digital ID issuer.
    pub issuer: &'a str,
    /// `sub`: with `sid`, only that person's sessions of that provider session; alone, all of that person's sessions.
    pub subject: Option<&'a str>,
    /// `sid`: the sessions begun in this Digital ID session.
    pub provider_session_id: Option<&'a str>,
}

/// Ends the sessions a Logout Token names and returns them as they were (for the audit log). With neither `sub`
/// nor `sid` nothing matches.
pub async fn end_for_provider_logout(
    db: &impl ConnectionTrait,
    logout: ProviderLogout<'_>,
) -> Result<Vec<officer_session::Model>, DbErr> {
    if logout.subject.is_none() && logout.provider_session_id.is_none() {
        return Ok(Vec::new());
    }
    let mut condition = Condition::all().add(officer_session::Column::Issuer.eq(logout.issuer));
    if let Some(subject) = logout.subject {
        condition = condition.add(officer_session::Column::Subject.eq(subject));
    }
    if let Some(sid) = logout.provider_session_id {
        condition = condition.add(officer_session::Column::ProviderSessionId.eq(sid));
    }
    officer_session::Entity::delete_many().filter(condition).exec_with_returning(db).await
}

/// How many sessions are live at `now` — neither idle past the policy's timeout nor past their absolute end, as
/// [`find`] would judge them — in one `COUNT` (the operators' gauge of active sessions). Sessions of Digital ID
/// accounts still to be activated count too.
pub async fn count_live(db: &impl ConnectionTrait, policy: SessionPolicy, now: DateTime<Utc>) -> Result<u64, DbErr> {
    officer_session::Entity::find()
        .filter(officer_session::Column::ExpiresAt.gt(now))
        .filter(officer_session::Column::LastSeenAt.gt(now - policy.idle_timeout))
        .count(db)
        .await
}

/// Deletes every session past its idle or absolute timeout.
pub async fn purge_expired(db: &impl ConnectionTrait, policy: SessionPolicy, now: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(officer_session::Entity::delete_many()
        .filter(
            Condition::any()
                .add(officer_session::Column::ExpiresAt.lte(now))
                .add(officer_session::Column::LastSeenAt.lte(now - policy.idle_timeout)),
        )
        .exec(db)
        .await?
        .rows_affected)
}
