//! Registered people and their consents: registration (Argon2id password hashes), sign-in checks (throttled by
//! [`crate::throttle`]), identity assurance levels and consent records.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Argon2, password_hash::rand_core::OsRng};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, SqlErr, sea_query::OnConflict,
};

use crate::entities::{account, consent};
use crate::proofing::Assurance;
use crate::throttle::{Refused, Throttle};
use crate::validation::NewAccount;

/// Why registration failed for a reason the form can show.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    /// The username is taken.
    #[error("username taken")]
    UsernameTaken,
    /// The citizen ID already has an account.
    #[error("citizen id already registered")]
    CitizenIdTaken,
    /// Anything else.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Hashes with Argon2id (the crate's defaults: 19 MiB, 2 passes, as OWASP recommends) off the async threads.
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|hash| hash.to_string())
    })
    .await?
    .map_err(|error| anyhow::anyhow!("hashing a password: {error}"))
}

/// Creates an account from a validated registration, at the level its proofing reached: IAL 1.3 and a verified
/// citizen ID when the ID card's laser code passed the (simulated) DOPA check, else IAL 1.1 and not verified.
pub async fn register(db: &impl ConnectionTrait, new: NewAccount) -> Result<account::Model, RegisterError> {
    if find_by_column(db, account::Column::Username, &new.username).await.map_err(anyhow::Error::from)?.is_some() {
        return Err(RegisterError::UsernameTaken);
    }
    if find_by_column(db, account::Column::CitizenId, &new.citizen_id).await.map_err(anyhow::Error::from)?.is_some() {
        return Err(RegisterError::CitizenIdTaken);
    }
    let password_hash = hash_password(new.password.clone()).await?;
    let row = account::ActiveModel {
        id: Set(uuid::Uuid::new_v4().to_string()),
        username: Set(new.username.clone()),
        citizen_id: Set(new.citizen_id.clone()),
        title: Set(new.title.clone()),
        given_name: Set(new.given_name.clone()),
        family_name: Set(new.family_name.clone()),
        phone_number: Set(new.phone_number.clone()),
        email: Set(None),
        password_hash: Set(password_hash),
        citizen_id_verified: Set(new.assurance.citizen_id_verified()),
        ial_level: Set(new.assurance.ial_level().into()),
        created_at: Set(chrono::Utc::now()),
    };
    // A concurrent registration can still win the race between the checks and the insert: the unique keys decide.
    row.insert(db).await.map_err(|error| match find_conflict(&error) {
        Some(conflict) => conflict,
        None => RegisterError::Internal(error.into()),
    })
}

/// Which unique key a failed insert ran into, if that is why it failed.
fn find_conflict(error: &DbErr) -> Option<RegisterError> {
    match error.sql_err()? {
        SqlErr::UniqueConstraintViolation(message) if message.contains("citizen_id") => {
            Some(RegisterError::CitizenIdTaken)
        }
        SqlErr::UniqueConstraintViolation(_) => Some(RegisterError::UsernameTaken),
        _ => None,
    }
}

async fn find_by_column(
    db: &impl ConnectionTrait,
    column: account::Column,
    value: &str,
) -> Result<Option<account::Model>, DbErr> {
    account::Entity::find().filter(column.eq(value)).one(db).await
}

/// The account a sign-in names: `login` is a normalised username or 13-digit citizen ID
/// ([`crate::validation::normalize_login`]).
pub async fn find_by_login(db: &impl ConnectionTrait, login: &str) -> Result<Option<account::Model>, DbErr> {
    let column = if login.len() == 13 && login.bytes().all(|b| b.is_ascii_digit()) {
        account::Column::CitizenId
    } else {
        account::Column::Username
    };
    find_by_column(db, column, login).await
}

/// The account for a sign-in, unthrottled (the command line and tests): `None` for an unknown login or a wrong
/// password; both take the same time (a dummy hash is verified for unknown logins).
pub async fn authenticate(
    db: &impl ConnectionTrait,
    login: &str,
    password: String,
) -> anyhow::Result<Option<account::Model>> {
    let account = find_by_login(db, login).await?;
    let matches = password_matches(account.as_ref(), password).await?;
    Ok(account.filter(|_| matches))
}

/// The outcome of a sign-in at the pages.
#[derive(Debug)]
pub enum SignIn {
    /// The password is right.
    Accepted(Box<account::Model>),
    /// Unknown login or wrong password (indistinguishable on purpose).
    Refused,
    /// Too many wrong passwords for this login or from this address: the password was not even checked.
    Throttled(Refused),
}

/// A throttled sign-in: the login (or the account it names) and the client address must be under their limits
/// ([`crate::throttle`]); the attempt is counted before its password is checked, so concurrent guesses cannot
/// exceed them. The same key shape is used for unknown logins, so throttling tells nothing about which exist.
pub async fn sign_in(
    db: &impl ConnectionTrait,
    throttle: &Throttle,
    login: &str,
    password: String,
    address: Option<std::net::IpAddr>,
) -> anyhow::Result<SignIn> {
    let account = find_by_login(db, login).await?;
    // One count per account whichever login names it (username or citizen ID); unknown logins count by themselves.
    let key = account.as_ref().map_or_else(|| format!("login:{login}"), |account| format!("sub:{}", account.id));
    let attempt = match throttle.begin(&key, address, chrono::Utc::now().timestamp()) {
        Ok(attempt) => attempt,
        Err(refused) => return Ok(SignIn::Throttled(refused)),
    };
    let matches = password_matches(account.as_ref(), password).await?;
    match account.filter(|_| matches) {
        Some(account) => {
            throttle.succeeded(attempt);
            Ok(SignIn::Accepted(Box::new(account)))
        }
        None => {
            throttle.failed(attempt);
            Ok(SignIn::Refused)
        }
    }
}

/// Whether `password` is `account`'s; for no account a dummy hash is verified, so both take the same time.
async fn password_matches(account: Option<&account::Model>, password: String) -> anyhow::Result<bool> {
    let hash = match account {
        Some(account) => account.password_hash.clone(),
        None => dummy_hash().await?,
    };
    let matches = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await?;
    Ok(matches && account.is_some())
}

async fn dummy_hash() -> anyhow::Result<String> {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY.get_or_try_init(|| hash_password("not a real password".into())).await.cloned()
}

/// The account with subject `id`.
pub async fn find(db: &impl ConnectionTrait, id: &str) -> Result<Option<account::Model>, DbErr> {
    account::Entity::find_by_id(id).one(db).await
}

/// Sets the account's level (`ial_level` and `citizen_id_verified` together, as [`Assurance`] maps them); returns
/// whether the account exists. Callers that only ever raise a level compare with [`Assurance::of`] first.
pub async fn set_assurance(db: &impl ConnectionTrait, id: &str, assurance: Assurance) -> Result<bool, DbErr> {
    let result = account::Entity::update_many()
        .col_expr(account::Column::IalLevel, sea_orm::sea_query::Expr::value(assurance.ial_level()))
        .col_expr(account::Column::CitizenIdVerified, sea_orm::sea_query::Expr::value(assurance.citizen_id_verified()))
        .filter(account::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Whether the account has consented to give `client_id` every scope in `scopes`.
pub async fn has_consented(
    db: &impl ConnectionTrait,
    account_id: &str,
    client_id: &str,
    scopes: &[String],
) -> Result<bool, DbErr> {
    let row = consent::Entity::find_by_id((account_id.to_owned(), client_id.to_owned())).one(db).await?;
    Ok(row.is_some_and(|row| {
        let granted: Vec<&str> = row.scopes.split_whitespace().collect();
        scopes.iter().all(|scope| granted.contains(&scope.as_str()))
    }))
}

/// Records consent to `scopes` (replacing an earlier, narrower one).
pub async fn record_consent(
    db: &impl ConnectionTrait,
    account_id: &str,
    client_id: &str,
    scopes: &[String],
) -> Result<(), DbErr> {
    let row = consent::ActiveModel {
        account_id: Set(account_id.to_owned()),
        client_id: Set(client_id.to_owned()),
        scopes: Set(scopes.join(" ")),
        granted_at: Set(chrono::Utc::now()),
    };
    consent::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([consent::Column::AccountId, consent::Column::ClientId])
                .update_columns([consent::Column::Scopes, consent::Column::GrantedAt])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use sea_orm_migration::MigratorTrait;

    use super::*;

    fn row(username: &str, citizen_id: &str) -> account::ActiveModel {
        account::ActiveModel {
            id: Set(uuid::Uuid::new_v4().to_string()),
            username: Set(username.into()),
            citizen_id: Set(citizen_id.into()),
            title: Set(None),
            given_name: Set("ก".into()),
            family_name: Set("ข".into()),
            phone_number: Set("0812345678".into()),
            email: Set(None),
            password_hash: Set("x".into()),
            citizen_id_verified: Set(false),
            ial_level: Set("1.1".into()),
            created_at: Set(chrono::Utc::now()),
        }
    }

    #[tokio::test]
    async fn a_lost_race_on_a_unique_key_is_reported_as_that_key_taken() {
        let db = domain::database::connect(&domain::database::DatabaseUrl::new("sqlite::memory:")).await.expect("db");
        crate::migration::Migrator::up(&db, None).await.expect("migrate");
        row("first", "1101700207030").insert(&db).await.expect("first insert");

        let same_username = row("first", "3100100123451").insert(&db).await.expect_err("duplicate username");
        assert!(matches!(find_conflict(&same_username), Some(RegisterError::UsernameTaken)), "{same_username}");
        let same_citizen_id = row("second", "1101700207030").insert(&db).await.expect_err("duplicate citizen id");
        assert!(matches!(find_conflict(&same_citizen_id), Some(RegisterError::CitizenIdTaken)), "{same_citizen_id}");
    }
}
