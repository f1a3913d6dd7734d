//! Demo accounts for training and demonstrations, loaded with `cargo run -p digital-id -- demo-accounts`.
//! Their citizen IDs pass the checksum but are made up; the README lists them with the shared password and their
//! identity assurance levels (IAL).

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::accounts::{hash_password, set_assurance};
use crate::entities::account;
use crate::proofing::Assurance;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "Demo-Digital-ID-2569";

/// A demo account.
#[derive(Debug)]
pub struct DemoAccount {
    /// ชื่อบัญชีผู้ใช้
    pub username: &'static str,
    /// คำนำหน้าชื่อ
    pub title: &'static str,
    /// ชื่อ
    pub given_name: &'static str,
    /// นามสกุล
    pub family_name: &'static str,
    /// A made-up citizen ID with a valid check digit.
    pub citizen_id: &'static str,
    /// เบอร์โทรศัพท์มือถือ
    pub phone_number: &'static str,
    /// What the account is for.
    pub purpose: &'static str,
    /// The identity assurance level Digital ID reports for it.
    pub assurance: Assurance,
}

/// The demo accounts (the README's table shows the same).
pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        username: "central.officer",
        title: "นางสาว",
        given_name: "สมศรี",
        family_name: "ตั้งใจงาน",
        citizen_id: "3100100123451",
        phone_number: "0812345678",
        purpose: "a central officer (เจ้าหน้าที่ส่วนกลาง) of a department",
        assurance: Assurance::ThaId,
    },
    DemoAccount {
        username: "agency.officer",
        title: "นาย",
        given_name: "สมชาย",
        family_name: "รักบริการ",
        citizen_id: "3100200456788",
        phone_number: "0898765432",
        purpose: "an agency officer (เจ้าหน้าที่หน่วยงาน)",
        assurance: Assurance::LaserCode,
    },
    DemoAccount {
        username: "service.officer",
        title: "นาง",
        given_name: "มาลี",
        family_name: "ใจดี",
        citizen_id: "3100300789011",
        phone_number: "0623456789",
        purpose: "a service-point officer (เจ้าหน้าที่จุดบริการ)",
        assurance: Assurance::LaserCode,
    },
    DemoAccount {
        username: "new.officer",
        title: "นาย",
        given_name: "ประเสริฐ",
        family_name: "เริ่มงาน",
        citizen_id: "3100400112233",
        phone_number: "0934567890",
        purpose: "a newly registered officer who has not activated the back office yet, and is not identity-proofed \
                  (to try the back office's refusal and raising the level at /Account/Assurance)",
        assurance: Assurance::Unproofed,
    },
];

/// Adds the demo accounts that are missing (by username) and returns how many were added. Every demo account, new
/// or not, is then set to its documented level ([`DemoAccount::assurance`]): loading them again puts
/// `new.officer` back at IAL 1.1 after a demonstration raised it.
pub async fn load(db: &impl ConnectionTrait) -> anyhow::Result<usize> {
    let mut added = 0;
    for demo in DEMO_ACCOUNTS {
        let exists = account::Entity::find().filter(account::Column::Username.eq(demo.username)).one(db).await?;
        if let Some(existing) = exists {
            set_assurance(db, &existing.id, demo.assurance).await?;
            continue;
        }
        account::ActiveModel {
            id: Set(uuid::Uuid::new_v4().to_string()),
            username: Set(demo.username.into()),
            citizen_id: Set(demo.citizen_id.into()),
            title: Set(Some(demo.title.into())),
            given_name: Set(demo.given_name.into()),
            family_name: Set(demo.family_name.into()),
            phone_number: Set(demo.phone_number.into()),
            email: Set(Some(format!("{}@example.go.th", demo.username))),
            password_hash: Set(hash_password(DEMO_PASSWORD.into()).await?),
            citizen_id_verified: Set(demo.assurance.citizen_id_verified()),
            ial_level: Set(demo.assurance.ial_level().into()),
            created_at: Set(chrono::Utc::now()),
        }
        .insert(db)
        .await?;
        added += 1;
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_accounts_carry_the_levels_the_readme_lists() {
        let levels: Vec<(&str, &str, bool)> = DEMO_ACCOUNTS
            .iter()
            .map(|demo| (demo.username, demo.assurance.ial_level(), demo.assurance.citizen_id_verified()))
            .collect();
        assert_eq!(
            levels,
            [
                ("central.officer", "2.3", true),
                ("agency.officer", "1.3", true),
                ("service.officer", "1.3", true),
                ("new.officer", "1.1", false),
            ]
        );
    }

    #[test]
    fn every_demo_citizen_id_passes_the_checksum() {
        for demo in DEMO_ACCOUNTS {
            assert!(crate::citizen_id::is_valid(demo.citizen_id), "{}", demo.username);
        }
    }
}
