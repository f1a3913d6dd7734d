//! Officers put straight into the database, or imported from a CITIZENinfo file.

use domain::entities::officer::{self, OfficerSource, OfficerStatus, Role};
use domain::import::{self, ImportError};
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};

use super::clock::t0;
use super::digital_id::{ISSUER, key};

/// The header row of a CITIZENinfo officers file.
pub const HEADER: &str = "digital_id_sub,citizen_id,name_th,unit_code,role\n";

/// Imports `rows` under [`HEADER`], at [`t0`].
pub async fn import_csv(db: &DatabaseConnection, rows: &str) -> Result<usize, ImportError> {
    import::import_officers(db, format!("{HEADER}{rows}").as_bytes(), ISSUER, &key(), t0()).await
}

/// Inserts an officer of [`ISSUER`]'s `subject`, activated at [`t0`], without going through any service.
pub async fn insert_officer(
    db: &DatabaseConnection,
    unit_id: i32,
    role: Role,
    status: OfficerStatus,
    name_th: &str,
    subject: &str,
) -> officer::Model {
    officer::ActiveModel {
        issuer: Set(Some(ISSUER.to_owned())),
        subject: Set(Some(subject.to_owned())),
        citizen_id_hash: Set(None),
        citizen_id_masked: Set(None),
        name_th: Set(name_th.to_owned()),
        phone_number: Set(None),
        email: Set(None),
        unit_id: Set(unit_id),
        role: Set(role),
        status: Set(status),
        source: Set(OfficerSource::Activation),
        activated_at: Set(Some(t0())),
        last_sign_in_at: Set(None),
        previous_sign_in_at: Set(None),
        created_at: Set(t0()),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("officer inserted")
}
