//! A realistic sample of the organisation tree — three ministries with departments, provincial offices and
//! service points, and DGA's Contact Center — for demos, screenshots and tests (`server units load-sample`).
//! Real names; the codes are ours.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr};

use crate::entities::organisation_unit::UnitKind;
use crate::units::{self, NewUnit, UnitError};

/// (code, kind, parent code, Thai name, English name), parents before children.
pub const UNITS: [(&str, UnitKind, Option<&str>, &str, &str); 20] = [
    ("OPM", UnitKind::Ministry, None, "สำนักนายกรัฐมนตรี", "Office of the Prime Minister"),
    (
        "DGA",
        UnitKind::Department,
        Some("OPM"),
        "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)",
        "Digital Government Development Agency",
    ),
    ("DGA-CC", UnitKind::Division, Some("DGA"), "ศูนย์บริการข้อมูล DGA Contact Center", "DGA Contact Center"),
    ("MOI", UnitKind::Ministry, None, "กระทรวงมหาดไทย", "Ministry of Interior"),
    ("DOPA", UnitKind::Department, Some("MOI"), "กรมการปกครอง", "Department of Provincial Administration"),
    ("DOPA-BORA", UnitKind::Division, Some("DOPA"), "สำนักบริหารการทะเบียน", "Bureau of Registration Administration"),
    (
        "DOPA-BORA-01",
        UnitKind::ServicePoint,
        Some("DOPA-BORA"),
        "ศูนย์บริการประชาชน สำนักบริหารการทะเบียน",
        "Registration Service Centre",
    ),
    (
        "DOPA-CMI",
        UnitKind::Division,
        Some("DOPA"),
        "ที่ทำการปกครองจังหวัดเชียงใหม่",
        "Chiang Mai Provincial Administration Office",
    ),
    (
        "DOPA-CMI-MUANG",
        UnitKind::ServicePoint,
        Some("DOPA-CMI"),
        "สำนักทะเบียนอำเภอเมืองเชียงใหม่",
        "Mueang Chiang Mai District Registration Office",
    ),
    (
        "DOPA-CMI-SANSAI",
        UnitKind::ServicePoint,
        Some("DOPA-CMI"),
        "สำนักทะเบียนอำเภอสันทราย",
        "San Sai District Registration Office",
    ),
    ("DOL", UnitKind::Department, Some("MOI"), "กรมที่ดิน", "Department of Lands"),
    ("DOL-BKK", UnitKind::Division, Some("DOL"), "สำนักงานที่ดินกรุงเทพมหานคร", "Bangkok Metropolitan Land Office"),
    (
        "DOL-BKK-CHATUCHAK",
        UnitKind::ServicePoint,
        Some("DOL-BKK"),
        "สำนักงานที่ดินกรุงเทพมหานคร สาขาจตุจักร",
        "Chatuchak Branch Land Office",
    ),
    ("MOF", UnitKind::Ministry, None, "กระทรวงการคลัง", "Ministry of Finance"),
    ("RD", UnitKind::Department, Some("MOF"), "กรมสรรพากร", "Revenue Department"),
    ("RD-R01", UnitKind::Division, Some("RD"), "สำนักงานสรรพากรภาค 1", "Regional Revenue Office 1"),
    (
        "RD-R01-BKK01",
        UnitKind::ServicePoint,
        Some("RD-R01"),
        "สำนักงานสรรพากรพื้นที่กรุงเทพมหานคร 1",
        "Bangkok Area Revenue Office 1",
    ),
    ("MOL", UnitKind::Ministry, None, "กระทรวงแรงงาน", "Ministry of Labour"),
    ("DOE", UnitKind::Department, Some("MOL"), "กรมการจัดหางาน", "Department of Employment"),
    ("DOE-KKN", UnitKind::Division, Some("DOE"), "สำนักงานจัดหางานจังหวัดขอนแก่น", "Khon Kaen Provincial Employment Office"),
];

/// Creates the sample units that do not exist yet (by code); returns how many it created. Running it again
/// changes nothing.
pub async fn load(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<usize, UnitError> {
    let mut created = 0;
    for (code, kind, parent, name_th, name_en) in UNITS {
        if units::find_by_code(db, code).await?.is_some() {
            continue;
        }
        let unit = NewUnit {
            code: code.to_owned(),
            name_th: name_th.to_owned(),
            name_en: Some(name_en.to_owned()),
            kind,
            parent_code: parent.map(str::to_owned),
        };
        units::create(db, unit, now).await?;
        created += 1;
    }
    Ok(created)
}

/// Whether the sample is complete in `db`.
pub async fn is_loaded(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    for (code, ..) in UNITS {
        if units::find_by_code(db, code).await?.is_none() {
            return Ok(false);
        }
    }
    Ok(true)
}
