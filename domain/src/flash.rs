//! Flashes: what one request hands the next page view of the same signed-in session — kept server-side, read
//! once, then gone.
//!
//! The back office answers forms without JavaScript by POST → 303 redirect → GET. What must survive that redirect
//! but never go into a URL (where history, proxies' logs and `Referer` would keep it) goes into a flash: what the
//! officer typed into a refused form, or an activation Token, shown exactly once right after it is issued. A flash
//! belongs to a session and a `kind`, a short constant naming the page or form it is for (`"tokens"`, `"units"`,
//! `"activation"`). A new [`put`] of the same kind replaces the old one; [`take`] hands it out once, by one
//! `DELETE … RETURNING`, so of two page views racing for it exactly one gets it.
//!
//! **Sealed.** A flash can hold a Token in plain text, so a reader of the database must not be able to read it. The
//! payload is encrypted with XChaCha20-Poly1305 under a key the database never holds: HMAC-SHA256 of the session's
//! cookie secret over the label `"session flash"` (the database keeps only the secret's SHA-256, as the session id).
//! The `kind` is the associated data, and every put draws a fresh random 24-byte nonce, stored in front of the
//! ciphertext and its tag. A row altered, or moved to another kind or session, does not open: it is treated as
//! absent, and deleted like any taken flash.
//!
//! **Short-lived.** A flash is meant for the very next page view: one [`LIFETIME`] old or older is never returned
//! (and is deleted when met); [`purge_expired`] clears the others left behind, and ending a session deletes its
//! flashes with it (foreign key, `ON DELETE CASCADE`).
//!
//! **Never logged.** Neither the payload nor the key is ever logged or put into an error; a flash that fails to
//! open is logged by its `kind` only.

use chacha20poly1305::{AeadInOut, Key, KeyInit, Tag, XChaCha20Poly1305, XNonce};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IdenStatic, QueryFilter, Set};

use crate::secrets::{hmac_sha256, random_bytes};
use crate::sessions::SessionSecret;

/// How long a flash lives: long enough for the redirect after a POST and a slow page load, no longer.
pub const LIFETIME: Duration = Duration::minutes(5);

/// The label the sealing key is derived under, so the cookie secret keys nothing else the same way.
const KEY_LABEL: &[u8] = b"session flash";
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;

/// Stores `payload` for the next page view of `secret`'s session that takes `kind`, sealed; replaces any flash of
/// that kind the session had. Fails if the session does not exist.
pub async fn put(
    db: &impl ConnectionTrait,
    secret: &SessionSecret,
    kind: &str,
    payload: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = session_flash::ActiveModel {
        session_id: Set(session_id(secret)),
        kind: Set(kind.to_owned()),
        payload: Set(seal(secret, kind, payload)),
        created_at: Set(now),
    };
    session_flash::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([session_flash::Column::SessionId, session_flash::Column::Kind])
                .update_columns([session_flash::Column::Payload, session_flash::Column::CreatedAt])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Takes `secret`'s session's flash of `kind`: it is deleted, and only the caller whose delete removed it gets the
/// payload. `None` if there is none, it is [`LIFETIME`] old, or it does not open (it is deleted all the same).
pub async fn take(
    db: &impl ConnectionTrait,
    secret: &SessionSecret,
    kind: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbErr> {
    // One statement deletes and returns, on SQLite (3.35+) as on PostgreSQL: a second reader finds nothing.
    let delete = Query::delete()
        .from_table(session_flash::Entity)
        .and_where(session_flash::Column::SessionId.eq(session_id(secret)))
        .and_where(session_flash::Column::Kind.eq(kind))
        .returning(Query::returning().columns([session_flash::Column::Payload, session_flash::Column::CreatedAt]))
        .to_owned();
    let Some(row) = db.query_one(&delete).await? else { return Ok(None) };
    let created_at: DateTime<Utc> = row.try_get("", session_flash::Column::CreatedAt.as_str())?;
    if created_at + LIFETIME <= now {
        return Ok(None);
    }
    let sealed: Vec<u8> = row.try_get("", session_flash::Column::Payload.as_str())?;
    let opened = open(secret, kind, sealed);
    if opened.is_none() {
        tracing::warn!(kind, "a session flash did not open (altered, or sealed for another kind or session); dropped");
    }
    Ok(opened)
}

/// Deletes every flash [`LIFETIME`] old or older, of any session. Returns how many.
pub async fn purge_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(session_flash::Entity::delete_many()
        .filter(session_flash::Column::CreatedAt.lte(now - LIFETIME))
        .exec(db)
        .await?
        .rows_affected)
}

/// The session's row id, as `sessions` stores it: the SHA-256 of the cookie secret.
fn session_id(secret: &SessionSecret) -> String {
    secret.id()
}

/// The session's sealing key: a PRF of its cookie secret, which only the browser and the request in hand have.
fn cipher(secret: &SessionSecret) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(&Key::from(hmac_sha256(secret.expose().as_bytes(), KEY_LABEL)))
}

/// `nonce ‖ ciphertext ‖ tag`, with `kind` authenticated alongside.
fn seal(secret: &SessionSecret, kind: &str, payload: &str) -> Vec<u8> {
    let nonce = random_bytes::<NONCE_LEN>();
    let mut sealed = Vec::with_capacity(NONCE_LEN + payload.len() + TAG_LEN);
    sealed.extend_from_slice(&nonce);
    sealed.extend_from_slice(payload.as_bytes());
    let tag = cipher(secret)
        .encrypt_inout_detached(&XNonce::from(nonce), kind.as_bytes(), sealed[NONCE_LEN..].as_mut().into())
        .expect("XChaCha20-Poly1305 seals anything shorter than 256 GiB");
    sealed.extend_from_slice(&tag);
    sealed
}

/// The payload [`seal`] sealed under this secret and kind; `None` for anything else.
fn open(secret: &SessionSecret, kind: &str, mut sealed: Vec<u8>) -> Option<String> {
    let body_len = sealed.len().checked_sub(NONCE_LEN + TAG_LEN)?;
    let (nonce, rest) = sealed.split_at_mut(NONCE_LEN);
    let (body, tag) = rest.split_at_mut(body_len);
    let nonce = XNonce::try_from(&*nonce).ok()?;
    let tag = Tag::try_from(&*tag).ok()?;
    cipher(secret).decrypt_inout_detached(&nonce, kind.as_bytes(), body.into(), &tag).ok()?;
    sealed.truncate(NONCE_LEN + body_len);
    sealed.drain(..NONCE_LEN);
    String::from_utf8(sealed).ok()
}

/// The `session_flash` table, private: flashes are read and written only through this module.
mod session_flash {
    use sea_orm::entity::prelude::*;

    /// A row of `session_flash`.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "session_flash")]
    pub struct Model {
        /// The session (`officer_session.id`, the SHA-256 of its cookie secret); deleted with it.
        #[sea_orm(primary_key, auto_increment = false)]
        pub session_id: String,
        /// The page or form the flash is for.
        #[sea_orm(primary_key, auto_increment = false)]
        pub kind: String,
        /// `nonce ‖ ciphertext ‖ tag` (see the module's docs).
        pub payload: Vec<u8>,
        /// When it was put; it lives [`super::LIFETIME`] from then.
        pub created_at: DateTimeUtc,
    }

    /// `session_flash` belongs to a session, but is never joined to it.
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(value: &str) -> SessionSecret {
        SessionSecret::new(value)
    }

    #[test]
    fn a_sealed_payload_opens_only_under_its_own_secret_and_kind() {
        let sealed = seal(&secret("one"), "tokens", "โทเคน ABC");
        assert_eq!(open(&secret("one"), "tokens", sealed.clone()).as_deref(), Some("โทเคน ABC"));
        assert_eq!(open(&secret("two"), "tokens", sealed.clone()), None);
        assert_eq!(open(&secret("one"), "units", sealed), None);
    }

    #[test]
    fn an_empty_payload_round_trips() {
        assert_eq!(open(&secret("one"), "tokens", seal(&secret("one"), "tokens", "")).as_deref(), Some(""));
    }

    #[test]
    fn bytes_too_short_for_a_nonce_and_tag_do_not_open() {
        for len in [0, 1, NONCE_LEN, NONCE_LEN + TAG_LEN - 1] {
            assert_eq!(open(&secret("one"), "tokens", vec![0; len]), None, "{len} bytes");
        }
    }

    #[test]
    fn the_sealing_key_is_not_the_session_id() {
        let key = hmac_sha256(b"one", KEY_LABEL);
        assert_ne!(hex::encode(key), session_id(&secret("one")));
    }
}
