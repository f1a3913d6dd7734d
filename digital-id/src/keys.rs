//! The simulator's RS256 signing keys: generated on first start and kept in the database; a rotation makes a new
//! key the signer while the old one stays in the JWKS until it is retired.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::{Value, json};

use crate::entities::signing_key::{self, KeyStatus};

/// RSA modulus size.
const KEY_BITS: usize = 2048;

/// Why a key operation failed.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] DbErr),
    /// Key generation or encoding failed.
    #[error("key material: {0}")]
    Crypto(String),
    /// `retire` named an unknown key or the active one.
    #[error("{0}")]
    Refused(&'static str),
}

/// A private key with its `kid`.
#[derive(Clone)]
pub struct SigningKey {
    /// The key id.
    pub kid: String,
    /// The private key.
    pub key: Arc<RsaPrivateKey>,
}

/// Loads, generates and rotates keys. Rows are read on every use (one small query), so a rotation made by the
/// `digital-id keys rotate` command shows at once in a running simulator; parsed keys are cached by `kid`.
#[derive(Clone)]
pub struct KeyStore {
    db: DatabaseConnection,
    parsed: Arc<Mutex<HashMap<String, Arc<RsaPrivateKey>>>>,
}

impl KeyStore {
    /// A store over `db` (migrated).
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db, parsed: Arc::default() }
    }

    /// Generates the first key if there is no active one.
    pub async fn ensure_active(&self) -> Result<(), KeyError> {
        if self.rows(Some(KeyStatus::Active)).await?.is_empty() {
            let kid = self.rotate().await?;
            tracing::info!(kid, "generated the first signing key");
        }
        Ok(())
    }

    /// The key that signs new tokens.
    pub async fn active(&self) -> Result<SigningKey, KeyError> {
        let row = self.rows(Some(KeyStatus::Active)).await?.into_iter().next_back();
        let row = row.ok_or(KeyError::Refused("there is no active signing key"))?;
        Ok(SigningKey { key: self.parse(&row)?, kid: row.kid })
    }

    /// Every key in the JWKS (active and published), newest first.
    pub async fn published(&self) -> Result<Vec<(String, RsaPublicKey)>, KeyError> {
        let mut rows = self.rows(None).await?;
        rows.retain(|row| row.status != KeyStatus::Retired);
        rows.reverse();
        rows.into_iter().map(|row| Ok((row.kid.clone(), self.parse(&row)?.to_public_key()))).collect()
    }

    /// The JWKS document.
    pub async fn jwks(&self) -> Result<Value, KeyError> {
        let keys: Vec<Value> = self.published().await?.iter().map(|(kid, key)| jwk(kid, key)).collect();
        Ok(json!({ "keys": keys }))
    }

    /// Generates a new key, makes it the signer and keeps the previous signer published. Returns the new `kid`.
    pub async fn rotate(&self) -> Result<String, KeyError> {
        let key = generate().await?;
        let pem = key.to_pkcs8_pem(LineEnding::LF).map_err(|error| KeyError::Crypto(error.to_string()))?;
        let now = chrono::Utc::now();
        let kid = format!("{}-{}", now.format("%Y%m%d%H%M%S"), &uuid::Uuid::new_v4().simple().to_string()[..8]);
        for row in self.rows(Some(KeyStatus::Active)).await? {
            let mut row: signing_key::ActiveModel = row.into();
            row.status = Set(KeyStatus::Published);
            row.update(&self.db).await?;
        }
        signing_key::ActiveModel {
            kid: Set(kid.clone()),
            private_key_pem: Set(pem.to_string()),
            status: Set(KeyStatus::Active),
            created_at: Set(now),
            retired_at: Set(None),
        }
        .insert(&self.db)
        .await?;
        Ok(kid)
    }

    /// Removes a published (not the active) key from the JWKS.
    pub async fn retire(&self, kid: &str) -> Result<(), KeyError> {
        let row = signing_key::Entity::find_by_id(kid).one(&self.db).await?;
        let row = row.ok_or(KeyError::Refused("no such key"))?;
        match row.status {
            KeyStatus::Active => Err(KeyError::Refused("the active key cannot be retired; rotate first")),
            KeyStatus::Retired => Ok(()),
            KeyStatus::Published => {
                let mut row: signing_key::ActiveModel = row.into();
                row.status = Set(KeyStatus::Retired);
                row.retired_at = Set(Some(chrono::Utc::now()));
                row.update(&self.db).await?;
                Ok(())
            }
        }
    }

    /// Every key's `kid`, status and creation time, oldest first.
    pub async fn list(&self) -> Result<Vec<signing_key::Model>, KeyError> {
        self.rows(None).await
    }

    async fn rows(&self, status: Option<KeyStatus>) -> Result<Vec<signing_key::Model>, KeyError> {
        let mut query = signing_key::Entity::find().order_by_asc(signing_key::Column::CreatedAt);
        if let Some(status) = status {
            query = query.filter(signing_key::Column::Status.eq(status));
        }
        Ok(query.all(&self.db).await?)
    }

    fn parse(&self, row: &signing_key::Model) -> Result<Arc<RsaPrivateKey>, KeyError> {
        let mut parsed = self.parsed.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(key) = parsed.get(&row.kid) {
            return Ok(key.clone());
        }
        let key = RsaPrivateKey::from_pkcs8_pem(&row.private_key_pem)
            .map_err(|error| KeyError::Crypto(format!("key {}: {error}", row.kid)))?;
        let key = Arc::new(key);
        parsed.insert(row.kid.clone(), key.clone());
        Ok(key)
    }
}

/// A new RSA key, generated off the async threads (it takes a noticeable fraction of a second).
pub async fn generate() -> Result<RsaPrivateKey, KeyError> {
    tokio::task::spawn_blocking(|| RsaPrivateKey::new(&mut rsa::rand_core::OsRng, KEY_BITS))
        .await
        .map_err(|error| KeyError::Crypto(error.to_string()))?
        .map_err(|error| KeyError::Crypto(error.to_string()))
}

/// A public key as a JWK (RFC 7517/7518).
pub fn jwk(kid: &str, key: &RsaPublicKey) -> Value {
    json!({
        "kty": "RSA",
        "use": "sig",
        "alg": "RS256",
        "kid": kid,
        "n": URL_SAFE_NO_PAD.encode(key.n().to_bytes_be()),
        "e": URL_SAFE_NO_PAD.encode(key.e().to_bytes_be()),
    })
}
