//! Setting the scene: organisation units, imported officers and Tokens put straight into the back office's database,
//! as the command line or an earlier administrator would have, so a test starts where its story does.

use domain::entities::organisation_unit::UnitKind;

use super::{CITIZEN_ID_KEY, Person, TestApp};

/// The header line of a CITIZENinfo officers CSV.
const CSV_HEADER: &str = "digital_id_sub,citizen_id,name_th,unit_code,role";

impl TestApp {
    /// The same app with the sample organisation tree loaded (`domain::sample_tree`: DGA-CC, DOPA, DOL, …).
    pub async fn with_sample_tree(self) -> Self {
        domain::sample_tree::load(&self.state.db, chrono::Utc::now()).await.expect("sample tree");
        self
    }

    /// The same app with these units `(code, kind, parent)`, each named `หน่วยทดสอบ {code}`.
    pub async fn with_units(self, units: &[(&str, UnitKind, Option<&str>)]) -> Self {
        for (code, kind, parent) in units {
            self.add_unit(code, &format!("หน่วยทดสอบ {code}"), *kind, *parent).await;
        }
        self
    }

    /// Ministry `{department}-MIN` → department `{department}` → division `{department}-DIV` → service point
    /// `{department}-SP`, created directly in the database.
    pub async fn unit_tree(&self, department: &str) {
        let units = [
            (format!("{department}-MIN"), "กระทรวงทดสอบ", UnitKind::Ministry, None),
            (department.to_owned(), "กรมทดสอบการบริการ", UnitKind::Department, Some(format!("{department}-MIN"))),
            (format!("{department}-DIV"), "กองบริการประชาชน", UnitKind::Division, Some(department.to_owned())),
            (format!("{department}-SP"), "จุดบริการเขตบางรัก", UnitKind::ServicePoint, Some(format!("{department}-DIV"))),
        ];
        for (code, name_th, kind, parent_code) in units {
            self.add_unit(&code, name_th, kind, parent_code.as_deref()).await;
        }
    }

    /// Creates the unit `code` named `name_th` (under `parent_code`, if any) directly in the database.
    pub async fn add_unit(&self, code: &str, name_th: &str, kind: UnitKind, parent_code: Option<&str>) {
        let unit = domain::units::NewUnit {
            code: code.into(),
            name_th: name_th.into(),
            name_en: None,
            kind,
            parent_code: parent_code.map(str::to_owned),
        };
        domain::units::create(&self.state.db, unit, chrono::Utc::now()).await.expect("unit created");
    }

    /// Imports officers from a CITIZENinfo CSV (with its header line), as `server import-officers` would.
    pub async fn import_officers(&self, csv: &str) {
        let key = domain::citizen_id::CitizenIdKey::new(CITIZEN_ID_KEY.as_bytes().to_vec());
        let count =
            domain::import::import_officers(&self.state.db, csv.as_bytes(), &self.sim.issuer, &key, chrono::Utc::now())
                .await
                .expect("imported");
        assert!(count > 0, "the CSV holds officers");
    }

    /// Imports `person` as an officer of `unit` with `role`, bound to their Digital ID subject (as if carried over
    /// from CITIZENinfo).
    pub async fn import_officer(&self, person: &Person, name: &str, unit: &str, role: &str) {
        self.import_officers(&format!("{CSV_HEADER}\n{},,{name},{unit},{role}\n", person.subject)).await;
    }

    /// Imports an officer of `unit` with `role` known by `citizen_id` alone, not yet bound to a Digital ID account.
    pub async fn import_officer_by_citizen_id(&self, citizen_id: &str, name: &str, unit: &str, role: &str) {
        self.import_officers(&format!("{CSV_HEADER}\n,{citizen_id},{name},{unit},{role}\n")).await;
    }

    /// Registers DGA Contact Center staff (`DGA-CC` of the sample tree) at Digital ID and imports them: they may use
    /// every administration page.
    pub async fn contact_center_staff(&self) -> Person {
        let staff = self.person("ศูนย์บริการ").await;
        self.import_officer(&staff, "นางสาวศูนย์บริการ ทดสอบระบบ", "DGA-CC", "contact_center").await;
        staff
    }

    /// The identity Digital ID vouches for `subject` with, naming nobody and no citizen ID, as a redemption takes it.
    pub fn digital_id_identity(&self, subject: &str) -> domain::officers::DigitalIdIdentity {
        domain::officers::DigitalIdIdentity {
            issuer: self.sim.issuer.clone(),
            subject: subject.to_owned(),
            name_th: String::new(),
            phone_number: None,
            email: None,
            citizen_id_hash: None,
            citizen_id_masked: None,
            assurance: Default::default(),
        }
    }

    /// Issues a Token for `role` in `unit`, bound to `citizen_id` when given, as the command line would.
    pub async fn issue_token(
        &self,
        unit: &str,
        role: domain::entities::officer::Role,
        citizen_id: Option<&str>,
    ) -> domain::activation::ActivationToken {
        let request = domain::activation::IssueToken {
            unit_code: unit.into(),
            role,
            citizen_id: citizen_id.map(|id| domain::citizen_id::CitizenId::parse(id).expect("valid")),
            intended_name: None,
            reference: Some("สพร 0001/2569".into()),
            lifetime: domain::activation::DEFAULT_LIFETIME,
        };
        let key = domain::citizen_id::CitizenIdKey::new(CITIZEN_ID_KEY.as_bytes().to_vec());
        let issuer = domain::activation::Issuer::CommandLine;
        domain::activation::issue(&self.state.db, issuer, request, &key, chrono::Utc::now())
            .await
            .expect("issued")
            .token
    }
}
