//! Logins in progress: the relying party's per-login secrets, stored from the redirect to Digital ID until the
//! callback takes them — once — or they expire.
//!
//! A transaction is found by the browser's pre-login secret (its cookie) together with the login's `state`, so a
//! callback must come back to the browser that started it, and an officer may have logins going in several tabs:
//! each tab's callback takes its own.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set};

use crate::entities::login_transaction;
use crate::secrets::sha256_hex;

/// The row key: the SHA-256 of the browser's secret and the login's state.
fn id(browser_secret: &str, state: &str) -> String {
    sha256_hex(&format!("{browser_secret}:{state}"))
}

/// Stores `payload` for the login `state` of the browser holding `browser_secret`, until `now + lifetime`. (Expired
/// transactions are cleared out by the housekeeping sweep, not on every sign-in: `crate::housekeeping`.)
pub async fn put(
    db: &impl ConnectionTrait,
    browser_secret: &str,
    state: &str,
    payload: String,
    lifetime: Duration,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    login_transaction::ActiveModel {
        id: Set(id(browser_secret, state)),
        payload: Set(payload),
        expires_at: Set(now + lifetime),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Takes the transaction of this browser's login `state`: it is deleted, and only the caller whose delete removed
/// the row gets the payload (one `DELETE … RETURNING`), so a callback can never be replayed or raced. `None` if
/// unknown, taken or expired.
pub async fn take(
    db: &impl ConnectionTrait,
    browser_secret: &str,
    state: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbErr> {
    let taken = login_transaction::Entity::delete_by_id(id(browser_secret, state)).exec_with_returning(db).await?;
    Ok(taken.filter(|row| row.expires_at > now).map(|row| row.payload))
}
