//! Logins in progress: the relying party's per-login secrets, stored from the redirect to Digital ID until the
//! callback takes them — once — or they expire.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use crate::entities::login_transaction;
use crate::secrets::{random_secret, sha256_hex};

/// Stores `payload` until `now + lifetime` and returns the secret for the browser's pre-login cookie. Expired
/// transactions are cleared out on the way.
pub async fn put(
    db: &impl ConnectionTrait,
    payload: String,
    lifetime: Duration,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    login_transaction::Entity::delete_many().filter(login_transaction::Column::ExpiresAt.lte(now)).exec(db).await?;
    let secret = random_secret();
    login_transaction::ActiveModel {
        id: Set(sha256_hex(&secret)),
        payload: Set(payload),
        expires_at: Set(now + lifetime),
    }
    .insert(db)
    .await?;
    Ok(secret)
}

/// Takes the transaction of a pre-login cookie's secret: it is deleted, and only the caller whose delete removed
/// the row gets the payload, so a callback can never be replayed or raced. `None` if unknown, taken or expired.
pub async fn take(db: &impl ConnectionTrait, secret: &str, now: DateTime<Utc>) -> Result<Option<String>, DbErr> {
    let id = sha256_hex(secret);
    let Some(row) = login_transaction::Entity::find_by_id(id.clone()).one(db).await? else { return Ok(None) };
    let deleted = login_transaction::Entity::delete_by_id(id).exec(db).await?;
    Ok((deleted.rows_affected == 1 && row.expires_at > now).then_some(row.payload))
}
