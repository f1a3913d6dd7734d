//! The people who administer the sample organisation tree ([`domain::sample_tree`]) and those they look after: a
//! DGA Contact Center officer, the central officers of two departments, an agency and a service-point officer, and
//! a suspended central officer — plus the audit entries their actions leave.

use domain::audit::Origin;
use domain::entities::audit_event::{self, AuditEvent};
use domain::entities::officer::{self, OfficerStatus, Role};
use domain::entities::organisation_unit;
use domain::sample_tree;
use domain::units;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::clock::t0;
use super::officers::insert_officer;

/// The officers of the sample tree.
pub struct Staff {
    /// `DGA-CC`, Contact Center staff: administers everything.
    pub contact_center: officer::Model,
    /// `DOPA`'s central officer: administers กรมการปกครอง's subtree.
    pub dopa_central: officer::Model,
    /// `DOL`'s central officer: administers กรมที่ดิน's subtree.
    pub dol_central: officer::Model,
    /// A second, suspended central officer of `DOPA`.
    pub suspended_central: officer::Model,
    /// An agency officer of `DOPA-BORA`.
    pub agency: officer::Model,
    /// A service-point officer of `DOPA-BORA-01`.
    pub service_point: officer::Model,
}

/// Loads the sample tree and puts [`Staff`] in it.
pub async fn staff(db: &DatabaseConnection) -> Staff {
    sample_tree::load(db, t0()).await.expect("the sample tree loads");
    let officer = |code: &'static str, role, status, name: &'static str, subject: &'static str| async move {
        insert_officer(db, unit(db, code).await.id, role, status, name, subject).await
    };
    Staff {
        contact_center: officer("DGA-CC", Role::ContactCenter, OfficerStatus::Active, "นางสาวศูนย์ ช่วยเหลือ", "cc").await,
        dopa_central: officer("DOPA", Role::Central, OfficerStatus::Active, "นายปกครอง ส่วนกลาง", "dopa").await,
        dol_central: officer("DOL", Role::Central, OfficerStatus::Active, "นางที่ดิน ส่วนกลาง", "dol").await,
        suspended_central: officer("DOPA", Role::Central, OfficerStatus::Suspended, "นายพัก งาน", "dopa-off").await,
        agency: officer("DOPA-BORA", Role::Agency, OfficerStatus::Active, "นางสาวทะเบียน หน่วยงาน", "bora").await,
        service_point: officer("DOPA-BORA-01", Role::ServicePoint, OfficerStatus::Active, "นายจุด บริการ", "sp").await,
    }
}

/// The unit with `code`, which must exist.
pub async fn unit(db: &DatabaseConnection, code: &str) -> organisation_unit::Model {
    units::find_by_code(db, code).await.expect("query").unwrap_or_else(|| panic!("unit {code} exists"))
}

/// The address requests come from in these tests.
pub fn origin() -> Origin {
    Origin::from_ip("203.0.113.7")
}

/// The audit entries of `event`, oldest first.
pub async fn entries(db: &DatabaseConnection, event: AuditEvent) -> Vec<audit_event::Model> {
    audit_event::Entity::find()
        .filter(audit_event::Column::Event.eq(event))
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await
        .expect("audit entries read")
}

/// Every audit entry, oldest first.
pub async fn all_entries(db: &DatabaseConnection) -> Vec<audit_event::Model> {
    audit_event::Entity::find().order_by_asc(audit_event::Column::Id).all(db).await.expect("audit entries read")
}
