//! An organisation tree for the officer-access tests to put officers and activation tokens in.

use domain::entities::organisation_unit::{self, UnitKind};
use domain::units::{self, NewUnit, UnitError};
use sea_orm::DatabaseConnection;

use super::clock::t0;

/// Creates a unit at [`t0`], under the unit with `parent_code` if one is given.
pub async fn new_unit(
    db: &DatabaseConnection,
    code: &str,
    name_th: &str,
    kind: UnitKind,
    parent_code: Option<&str>,
) -> Result<organisation_unit::Model, UnitError> {
    let unit = NewUnit {
        code: code.to_owned(),
        name_th: name_th.to_owned(),
        name_en: None,
        kind,
        parent_code: parent_code.map(str::to_owned),
    };
    units::create(db, unit, t0()).await
}

/// One branch of the organisation tree, a unit of each level.
pub struct Tree {
    /// `MOI`, กระทรวงมหาดไทย.
    pub ministry: organisation_unit::Model,
    /// `DOPA`, กรมการปกครอง.
    pub department: organisation_unit::Model,
    /// `DOPA-BORA`, สำนักบริหารการทะเบียน.
    pub division: organisation_unit::Model,
    /// `DOPA-BORA-01`, จุดบริการศูนย์ราชการ.
    pub service_point: organisation_unit::Model,
}

/// Creates [`Tree`]: ministry → department → division → service point.
pub async fn tree(db: &DatabaseConnection) -> Tree {
    let ministry = new_unit(db, "MOI", "กระทรวงมหาดไทย", UnitKind::Ministry, None).await.expect("ministry");
    let department = new_unit(db, "DOPA", "กรมการปกครอง", UnitKind::Department, Some("MOI")).await.expect("department");
    let division =
        new_unit(db, "DOPA-BORA", "สำนักบริหารการทะเบียน", UnitKind::Division, Some("DOPA")).await.expect("division");
    let service_point = new_unit(db, "DOPA-BORA-01", "จุดบริการศูนย์ราชการ", UnitKind::ServicePoint, Some("DOPA-BORA"))
        .await
        .expect("service point");
    Tree { ministry, department, division, service_point }
}
