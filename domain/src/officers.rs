//! Officers at sign-in: who a Digital ID identity is here (by subject, else — for officers imported from
//! CITIZENinfo — by citizen ID, binding the subject on that first sign-in), and what each sign-in records.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde::{Deserialize, Serialize};

use crate::entities::officer::{self, OfficerSource, OfficerStatus, Role};

/// What Digital ID told us about the person who signed in. It is kept in their session, so it holds no citizen ID —
/// only its keyed hash and masked form.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigitalIdIdentity {
    /// The issuer.
    pub issuer: String,
    /// The stable subject.
    pub subject: String,
    /// Title, given and family name in Thai (e.g. `นางสาวสมศรี ตั้งใจงาน`); may be empty if Digital ID gave none.
    pub name_th: String,
    /// Mobile number.
    pub phone_number: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Keyed hash of the citizen ID (`CitizenId::keyed_hash`).
    pub citizen_id_hash: Option<String>,
    /// The masked citizen ID.
    pub citizen_id_masked: Option<String>,
}

impl std::fmt::Debug for DigitalIdIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DigitalIdIdentity")
            .field("issuer", &self.issuer)
            .field("subject", &self.subject)
            .finish_non_exhaustive()
    }
}

/// The officer this identity signs in as, if any: the officer bound to (`issuer`, `subject`), else an imported
/// officer with the same citizen ID who has no subject yet — who is then bound to this subject, so later sign-ins
/// match by subject alone (OpenID Connect Core §5.7: (`iss`, `sub`) is the only stable identifier).
pub async fn find_for_sign_in(
    db: &impl ConnectionTrait,
    identity: &DigitalIdIdentity,
) -> Result<Option<officer::Model>, DbErr> {
    let by_subject = officer::Entity::find()
        .filter(officer::Column::Issuer.eq(&identity.issuer))
        .filter(officer::Column::Subject.eq(&identity.subject))
        .one(db)
        .await?;
    if by_subject.is_some() {
        return Ok(by_subject);
    }
    let Some(hash) = &identity.citizen_id_hash else { return Ok(None) };
    let Some(imported) = officer::Entity::find().filter(officer::Column::CitizenIdHash.eq(hash)).one(db).await? else {
        return Ok(None);
    };
    if imported.subject.is_some() {
        // The citizen ID belongs to an officer bound to another Digital ID account: never rebind silently.
        tracing::warn!(officer_id = imported.id, "a second Digital ID account carries an officer's citizen ID");
        return Ok(None);
    }
    // Bind only if still unbound, so two first sign-ins at once cannot both bind.
    let bound = officer::Entity::update_many()
        .col_expr(officer::Column::Issuer, identity.issuer.clone().into())
        .col_expr(officer::Column::Subject, identity.subject.clone().into())
        .filter(officer::Column::Id.eq(imported.id))
        .filter(officer::Column::Subject.is_null())
        .exec(db)
        .await?;
    if bound.rows_affected != 1 {
        return Ok(None);
    }
    tracing::info!(officer_id = imported.id, "imported CITIZENinfo officer bound to their Digital ID subject");
    officer::Entity::find_by_id(imported.id).one(db).await
}

/// Records a sign-in: the name, phone and e-mail Digital ID gave now, the sign-in times, and — for an imported
/// officer's first sign-in — the activation date.
pub async fn record_sign_in(
    db: &impl ConnectionTrait,
    officer: officer::Model,
    identity: &DigitalIdIdentity,
    now: DateTime<Utc>,
) -> Result<officer::Model, DbErr> {
    let previous = officer.last_sign_in_at;
    let activated_at = officer.activated_at;
    let mut active = officer.into_active_model();
    if !identity.name_th.trim().is_empty() {
        active.name_th = Set(identity.name_th.clone());
    }
    active.phone_number = Set(identity.phone_number.clone());
    active.email = Set(identity.email.clone());
    if identity.citizen_id_masked.is_some() {
        active.citizen_id_masked = Set(identity.citizen_id_masked.clone());
    }
    active.previous_sign_in_at = Set(previous);
    active.last_sign_in_at = Set(Some(now));
    active.activated_at = Set(activated_at.or(Some(now)));
    active.update(db).await
}

/// The officer with `id`.
pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<officer::Model>, DbErr> {
    officer::Entity::find_by_id(id).one(db).await
}

/// Remembers the language officer `id` chose (`th`, `en`: the caller checks the code); `false` when no such officer.
pub async fn set_preferred_locale(db: &impl ConnectionTrait, id: i32, code: &str) -> Result<bool, DbErr> {
    let result = officer::Entity::update_many()
        .col_expr(officer::Column::PreferredLocale, Expr::value(code))
        .filter(officer::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// An officer to create: imported from CITIZENinfo, or by redeeming an activation token.
#[derive(Clone, Debug)]
pub struct NewOfficer {
    /// The Digital ID issuer and subject, when known.
    pub digital_id: Option<(String, String)>,
    /// Keyed hash of the citizen ID.
    pub citizen_id_hash: Option<String>,
    /// Masked citizen ID.
    pub citizen_id_masked: Option<String>,
    /// Thai name with title.
    pub name_th: String,
    /// Mobile number.
    pub phone_number: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// The unit.
    pub unit_id: i32,
    /// The role.
    pub role: Role,
    /// Imported or activated.
    pub source: OfficerSource,
    /// When they got in (`None` for an imported officer until their first sign-in).
    pub activated_at: Option<DateTime<Utc>>,
}

/// Creates an active officer.
pub async fn create(db: &impl ConnectionTrait, new: NewOfficer, now: DateTime<Utc>) -> Result<officer::Model, DbErr> {
    let (issuer, subject) = new.digital_id.unzip();
    officer::ActiveModel {
        issuer: Set(issuer),
        subject: Set(subject),
        citizen_id_hash: Set(new.citizen_id_hash),
        citizen_id_masked: Set(new.citizen_id_masked),
        name_th: Set(new.name_th),
        phone_number: Set(new.phone_number),
        email: Set(new.email),
        unit_id: Set(new.unit_id),
        role: Set(new.role),
        status: Set(OfficerStatus::Active),
        source: Set(new.source),
        activated_at: Set(new.activated_at),
        last_sign_in_at: Set(None),
        previous_sign_in_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}
