//! The administration pages' strings (Tokens, officers, audit log, organisation tree), a catalogue of their own so
//! the main [`Text`](super::Text) stays the sign-in journey's. Thai first, in the wording of government letters;
//! every [`FormProblem`], [`Done`], [`AuditEvent`] and [`TokenState`] has exactly one sentence (the `match`es
//! below are exhaustive, so a new variant without a sentence does not compile).

use crate::administration::{Done, FormProblem};
use crate::i18n::{Locale, use_locale};
use vocabulary::{AuditEvent, OfficerStatus, TokenState, UnitKind};

/// The administration catalogue of the current render's language.
pub fn use_admin_text() -> &'static AdminText {
    admin_text(use_locale())
}

/// The administration catalogue of `locale` (islands, which do not see the render's context, pass their locale).
pub const fn admin_text(locale: Locale) -> &'static AdminText {
    match locale {
        Locale::Th => &ADMIN_TH,
        Locale::En => &ADMIN_EN,
    }
}

/// Every string of the administration pages in one language.
#[derive(Debug)]
pub struct AdminText {
    /// The name of the administration navigation, for assistive technology.
    pub nav_label: &'static str,
    /// Navigation: the Tokens page.
    pub nav_tokens: &'static str,
    /// Navigation: the officers page.
    pub nav_accounts: &'static str,
    /// Navigation: the audit log.
    pub nav_audit: &'static str,
    /// Navigation: the organisation tree.
    pub nav_units: &'static str,
    /// The home page's heading above the administration links.
    pub home_admin_heading: &'static str,

    /// Title of the page shown to someone who may not use an administration page.
    pub forbidden_title: &'static str,
    /// Who manages Tokens and officers.
    pub forbidden_body: &'static str,
    /// Whom to contact instead.
    pub forbidden_contact: &'static str,
    /// Link back to the officer's home page.
    pub back_home: &'static str,

    /// Heading of the success banner.
    pub done_heading: &'static str,
    /// The first option of a `<select>` that needs a choice.
    pub choose: &'static str,
    /// The first option of a filter: no restriction.
    pub all: &'static str,
    /// The name of a scrollable table region (followed by the table's name).
    pub table_scroll_hint: &'static str,
    /// A value that is not on record.
    pub none: &'static str,
    /// The column of a row's actions.
    pub col_actions: &'static str,

    /// Title of the Tokens page.
    pub tokens_title: &'static str,
    /// What a Token is for and who gets one.
    pub tokens_intro: &'static str,
    /// Heading of the issue form.
    pub issue_heading: &'static str,
    /// Heading of the fresh sign-in asked for instead of the issue form when the session's sign-in is old.
    pub reauthenticate_heading: &'static str,
    /// Why a fresh sign-in is needed and what happens after it.
    pub reauthenticate_body: &'static str,
    /// The button that starts the fresh Digital ID sign-in.
    pub reauthenticate_button: &'static str,
    /// Label: the role the Token grants.
    pub field_role: &'static str,
    /// Hint under the role.
    pub role_hint: &'static str,
    /// Label: the unit the Token grants.
    pub field_unit: &'static str,
    /// Hint under the unit.
    pub unit_hint: &'static str,
    /// Label: the intended person's citizen ID.
    pub field_citizen_id: &'static str,
    /// Hint under the citizen ID.
    pub citizen_id_hint: &'static str,
    /// Label: the intended person's name.
    pub field_name: &'static str,
    /// Hint under the name.
    pub name_hint: &'static str,
    /// Label: the letter or request number.
    pub field_reference: &'static str,
    /// Hint under the reference.
    pub reference_hint: &'static str,
    /// Label: the lifetime in days.
    pub field_lifetime: &'static str,
    /// Hint under the lifetime.
    pub lifetime_hint: &'static str,
    /// The issue form's button.
    pub issue_button: &'static str,
    /// Heading of the list of Tokens.
    pub tokens_list_heading: &'static str,
    /// The list is empty.
    pub tokens_empty: &'static str,
    /// Column: the intended person.
    pub col_person: &'static str,
    /// Column: the role.
    pub col_role: &'static str,
    /// Column: the unit.
    pub col_unit: &'static str,
    /// Column: the reference.
    pub col_reference: &'static str,
    /// Column: issued when and by whom.
    pub col_issued: &'static str,
    /// Column: expiry.
    pub col_expires: &'static str,
    /// Column: state.
    pub col_status: &'static str,
    /// "by" before the issuing officer's name.
    pub issued_by_prefix: &'static str,
    /// A Token issued from the server's command line.
    pub issued_by_system: &'static str,
    /// The officer a used Token created.
    pub used_by: fn(&str) -> String,
    /// The revoke button.
    pub revoke_button: &'static str,
    /// The re-issue button.
    pub reissue_button: &'static str,

    /// Heading of the issued Token panel.
    pub issued_heading: fn(&str) -> String,
    /// The Token is shown only this once.
    pub shown_once: &'static str,
    /// The visually hidden name before the Token.
    pub token_label: &'static str,
    /// The Token replaced an old one, which is now revoked.
    pub replaced_note: &'static str,
    /// Heading of the activation letter.
    pub letter_heading: &'static str,
    /// "Dear" before the person's name.
    pub letter_to: &'static str,
    /// The letter's first sentence.
    pub letter_intro: &'static str,
    /// Letter: the citizen ID.
    pub letter_citizen_id: &'static str,
    /// Letter: the role.
    pub letter_role: &'static str,
    /// Letter: the unit.
    pub letter_unit: &'static str,
    /// Letter: the reference.
    pub letter_reference: &'static str,
    /// Letter: issued at.
    pub letter_issued_at: &'static str,
    /// Letter: valid until.
    pub letter_expires_at: &'static str,
    /// Letter: issued by.
    pub letter_issued_by: &'static str,
    /// Letter: the Token itself.
    pub letter_token: &'static str,
    /// Heading of the letter's steps.
    pub letter_steps_heading: &'static str,
    /// Step 1: sign in with Digital ID.
    pub letter_step_sign_in: &'static str,
    /// Step 2: enter the Token.
    pub letter_step_enter: &'static str,
    /// Step 3: press "ยืนยัน".
    pub letter_step_confirm: &'static str,
    /// The Token works only for the named person.
    pub letter_only_for: fn(&str) -> String,
    /// The print button.
    pub print_button: &'static str,
    /// How to print without JavaScript.
    pub print_hint: &'static str,
    /// Link back to the Tokens list.
    pub back_to_tokens: &'static str,

    /// Title of the officers page.
    pub accounts_title: &'static str,
    /// What the officers page is for.
    pub accounts_intro: &'static str,
    /// The list is empty.
    pub accounts_empty: &'static str,
    /// Column: the officer.
    pub col_officer: &'static str,
    /// Column: the latest sign-in.
    pub col_last_sign_in: &'static str,
    /// An officer who has never signed in.
    pub never_signed_in: &'static str,
    /// The suspend button.
    pub suspend_button: &'static str,
    /// What suspending does.
    pub suspend_hint: &'static str,
    /// The reactivate button.
    pub reactivate_button: &'static str,
    /// The summary of the change form.
    pub change_summary: &'static str,
    /// Label: the new role.
    pub field_new_role: &'static str,
    /// Label: the new unit.
    pub field_new_unit: &'static str,
    /// The change form's button.
    pub assign_button: &'static str,
    /// An officer the visitor may not change (themselves, or outside what they manage).
    pub not_manageable: &'static str,
    /// An action on something that is not there, or not in the visitor's scope (the two look the same).
    pub not_in_scope: &'static str,

    /// Title of the audit log.
    pub audit_title: &'static str,
    /// The log cannot be changed; citizen IDs are masked.
    pub audit_intro: &'static str,
    /// Heading of the filter.
    pub filter_heading: &'static str,
    /// Label: first day.
    pub field_from: &'static str,
    /// Label: last day.
    pub field_to: &'static str,
    /// Hint under the dates.
    pub date_hint: &'static str,
    /// Label: event.
    pub field_event: &'static str,
    /// Label: acting officer.
    pub field_actor: &'static str,
    /// Hint under the unit filter.
    pub unit_filter_hint: &'static str,
    /// The filter's button.
    pub filter_button: &'static str,
    /// The CSV download link.
    pub csv_link: &'static str,
    /// Only the newest entries are shown.
    pub audit_truncated: &'static str,
    /// No entry matches.
    pub audit_empty: &'static str,
    /// Heading of the entries.
    pub audit_entries_heading: &'static str,
    /// Column: when.
    pub col_when: &'static str,
    /// Column: event.
    pub col_event: &'static str,
    /// Column: result.
    pub col_result: &'static str,
    /// Column: actor.
    pub col_actor: &'static str,
    /// Column: target.
    pub col_target: &'static str,
    /// Column: client address.
    pub col_ip: &'static str,
    /// Column: details.
    pub col_detail: &'static str,
    /// Result: succeeded.
    pub succeeded: &'static str,
    /// Result: failed.
    pub failed: &'static str,
    /// "Reason:" before a failure's code.
    pub reason_prefix: &'static str,
    /// The actor of an entry without an officer (the system, an unknown Digital ID account).
    pub system_actor: &'static str,

    /// Title of the organisation tree.
    pub units_title: &'static str,
    /// What the page is for.
    pub units_intro: &'static str,
    /// Heading of the tree.
    pub units_tree_heading: &'static str,
    /// The tree is empty.
    pub units_empty: &'static str,
    /// Heading of the create form.
    pub create_heading: &'static str,
    /// Label: code.
    pub field_code: &'static str,
    /// Hint under the code.
    pub code_hint: &'static str,
    /// Label: Thai name.
    pub field_name_th: &'static str,
    /// Label: English name.
    pub field_name_en: &'static str,
    /// Hint under the English name.
    pub name_en_hint: &'static str,
    /// Label: level.
    pub field_kind: &'static str,
    /// Label: parent.
    pub field_parent: &'static str,
    /// Hint under the parent.
    pub parent_hint: &'static str,
    /// The parent option of a ministry.
    pub no_parent: &'static str,
    /// The create button.
    pub create_button: &'static str,
    /// The badge of a retired unit.
    pub retired_badge: &'static str,
    /// "Code" before a unit's code in the tree.
    pub code_prefix: &'static str,
    /// The summary of a unit's forms.
    pub manage_unit: fn(&str) -> String,
    /// Heading: rename.
    pub rename_heading: &'static str,
    /// The rename button.
    pub rename_button: &'static str,
    /// Heading: move.
    pub move_heading: &'static str,
    /// Label: the new parent.
    pub field_new_parent: &'static str,
    /// The move button.
    pub move_button: &'static str,
    /// Heading: retire.
    pub retire_heading: &'static str,
    /// When retiring is possible.
    pub retire_hint: &'static str,
    /// The retire button.
    pub retire_button: &'static str,

    /// Token states: pending, used, expired, revoked.
    pub token_status: [&'static str; 4],
    /// Officer states: active, suspended.
    pub officer_status: [&'static str; 2],
    /// Unit levels, ministry first.
    pub unit_kinds: [&'static str; 4],
    /// The sentence of each [`FormProblem`], in declaration order.
    pub problems: [&'static str; 21],
    /// The sentence of each [`Done`], in declaration order.
    pub done: [&'static str; 8],
    /// The name of each [`AuditEvent`], in the order of [`AuditEvent::ALL`].
    pub events: [&'static str; 15],
}

impl AdminText {
    /// The name of a Token's state.
    pub const fn token_status_name(&self, status: TokenState) -> &'static str {
        self.token_status[match status {
            TokenState::Pending => 0,
            TokenState::Used => 1,
            TokenState::Expired => 2,
            TokenState::Revoked => 3,
        }]
    }

    /// The name of an officer's state.
    pub const fn officer_status_name(&self, status: OfficerStatus) -> &'static str {
        self.officer_status[match status {
            OfficerStatus::Active => 0,
            OfficerStatus::Suspended => 1,
        }]
    }

    /// The name of a unit's level.
    pub const fn unit_kind_name(&self, kind: UnitKind) -> &'static str {
        self.unit_kinds[match kind {
            UnitKind::Ministry => 0,
            UnitKind::Department => 1,
            UnitKind::Division => 2,
            UnitKind::ServicePoint => 3,
        }]
    }

    /// The sentence for a refused field.
    pub const fn problem(&self, problem: FormProblem) -> &'static str {
        self.problems[match problem {
            FormProblem::RoleNotAllowed => 0,
            FormProblem::UnitNotAllowed => 1,
            FormProblem::RoleDoesNotFitUnit => 2,
            FormProblem::CitizenIdMissing => 3,
            FormProblem::CitizenIdLength => 4,
            FormProblem::CitizenIdChecksum => 5,
            FormProblem::NameMissing => 6,
            FormProblem::TextInvalid => 7,
            FormProblem::LifetimeInvalid => 8,
            FormProblem::CodeInvalid => 9,
            FormProblem::CodeTaken => 10,
            FormProblem::ParentInvalid => 11,
            FormProblem::UnitInUse => 12,
            FormProblem::DateInvalid => 13,
            FormProblem::FormExpired => 14,
            FormProblem::NotPending => 15,
            FormProblem::OwnAccount => 16,
            FormProblem::ReauthenticationNeeded => 17,
            FormProblem::TextDirectionControl => 18,
            FormProblem::TextInvisibleCharacter => 19,
            FormProblem::TextStackedMarks => 20,
        }]
    }

    /// The sentence for an action that just succeeded.
    pub const fn done_sentence(&self, done: Done) -> &'static str {
        self.done[match done {
            Done::Revoked => 0,
            Done::Suspended => 1,
            Done::Reactivated => 2,
            Done::Assigned => 3,
            Done::UnitCreated => 4,
            Done::UnitRenamed => 5,
            Done::UnitMoved => 6,
            Done::UnitRetired => 7,
        }]
    }

    /// The name of an audit event.
    pub const fn event_name(&self, event: AuditEvent) -> &'static str {
        self.events[match event {
            AuditEvent::TokenIssued => 0,
            AuditEvent::TokenRevoked => 1,
            AuditEvent::TokenRedeemed => 2,
            AuditEvent::TokenRefused => 3,
            AuditEvent::SignedIn => 4,
            AuditEvent::SignInRefused => 5,
            AuditEvent::SignedOut => 6,
            AuditEvent::ConsentDeclined => 7,
            AuditEvent::OfficerSuspended => 8,
            AuditEvent::OfficerReactivated => 9,
            AuditEvent::OfficerAssigned => 10,
            AuditEvent::UnitCreated => 11,
            AuditEvent::UnitRenamed => 12,
            AuditEvent::UnitMoved => 13,
            AuditEvent::UnitRetired => 14,
        }]
    }
}

/// The administration pages in Thai.
pub const ADMIN_TH: AdminText = AdminText {
    nav_label: "เมนูผู้ดูแลระบบ",
    nav_tokens: "จัดการ Token",
    nav_accounts: "บัญชีเจ้าหน้าที่",
    nav_audit: "บันทึกการใช้งาน (Audit log)",
    nav_units: "โครงสร้างหน่วยงาน",
    home_admin_heading: "งานผู้ดูแลระบบ",

    forbidden_title: "ไม่มีสิทธิ์เข้าถึงหน้านี้",
    forbidden_body: "หน้านี้สำหรับเจ้าหน้าที่ DGA Contact Center และเจ้าหน้าที่ส่วนกลาง \
        ซึ่งเป็นผู้ออก Token และจัดการบัญชีเจ้าหน้าที่ในสังกัดเท่านั้น",
    forbidden_contact: "หากท่านต้องการ Token หรือต้องการแก้ไขสิทธิ์การเข้าใช้งาน \
        กรุณาติดต่อเจ้าหน้าที่ส่วนกลางต้นสังกัด หรือ DGA Contact Center",
    back_home: "กลับไปยังหน้าแรก",

    done_heading: "ดำเนินการเรียบร้อยแล้ว",
    choose: "— กรุณาเลือก —",
    all: "ทั้งหมด",
    table_scroll_hint: "ตาราง (เลื่อนไปทางซ้ายหรือขวาเพื่อดูทุกคอลัมน์):",
    none: "ไม่มีข้อมูล",
    col_actions: "ดำเนินการ",

    tokens_title: "จัดการ Token",
    tokens_intro: "Token ใช้ยืนยันตัวตนของเจ้าหน้าที่เมื่อเข้าสู่ระบบด้วย Digital ID เป็นครั้งแรก \
        Token แต่ละชุดใช้ได้ครั้งเดียว และใช้ได้เฉพาะกับบัญชี Digital ID ของผู้ที่มีชื่อและเลขประจำตัวประชาชนตรงกับที่ระบุไว้",
    issue_heading: "ออก Token",
    reauthenticate_heading: "ยืนยันตัวตนอีกครั้งก่อนออก Token",
    reauthenticate_body: "เพื่อความปลอดภัย การออก Token ต้องใช้การเข้าสู่ระบบด้วย Digital ID ภายใน 15 นาทีที่ผ่านมา \
        กรุณากรอกรหัสผ่าน Digital ID อีกครั้ง ระบบจะพาท่านกลับมาที่หน้านี้",
    reauthenticate_button: "ยืนยันตัวตนด้วย Digital ID",
    field_role: "บทบาท",
    role_hint: "สิทธิ์ที่เจ้าหน้าที่จะได้รับเมื่อใช้ Token",
    field_unit: "หน่วยงาน",
    unit_hint: "หน่วยงานที่เจ้าหน้าที่สังกัด เจ้าหน้าที่ส่วนกลางสังกัดกรม \
        เจ้าหน้าที่หน่วยงานสังกัดกองหรือสำนักงานจังหวัด เจ้าหน้าที่จุดบริการสังกัดจุดบริการ",
    field_citizen_id: "เลขประจำตัวประชาชน",
    citizen_id_hint: "ตัวเลข 13 หลักของผู้ที่จะได้รับ Token (เว้นวรรคหรือใส่ขีดได้)",
    field_name: "ชื่อ - นามสกุล",
    name_hint: "ตามที่ระบุในหนังสือหรือคำขอ",
    field_reference: "หนังสือที่ / เลขที่คำขอ",
    reference_hint: "ไม่บังคับ เช่น มท 0309/1234",
    field_lifetime: "อายุของ Token (วัน)",
    lifetime_hint: "ตั้งแต่ 1 ถึง 30 วัน หากไม่ได้ใช้ภายในกำหนด Token จะหมดอายุ",
    issue_button: "ออก Token",
    tokens_list_heading: "รายการ Token",
    tokens_empty: "ยังไม่มี Token ในความรับผิดชอบของท่าน",
    col_person: "ผู้รับ Token",
    col_role: "บทบาท",
    col_unit: "หน่วยงาน",
    col_reference: "หนังสือที่ / เลขที่คำขอ",
    col_issued: "วันที่ออก",
    col_expires: "วันหมดอายุ",
    col_status: "สถานะ",
    issued_by_prefix: "โดย",
    issued_by_system: "ผู้ดูแลระบบ (คำสั่งของเซิร์ฟเวอร์)",
    used_by: th_used_by,
    revoke_button: "ยกเลิก Token",
    reissue_button: "ออก Token ใหม่",

    issued_heading: th_issued_heading,
    shown_once: "Token นี้แสดงเพียงครั้งเดียว จดหรือพิมพ์ก่อนออกจากหน้านี้",
    token_label: "Token:",
    replaced_note: "Token เดิมถูกยกเลิกแล้ว กรุณาแจ้งผู้รับให้ใช้ Token ใหม่นี้แทน",
    letter_heading: "หนังสือแจ้ง Token",
    letter_to: "เรียน",
    letter_intro: "ท่านได้รับ Token สำหรับยืนยันตัวตนเพื่อเข้าใช้งานระบบจัดการข้อมูลของศูนย์รวมข้อมูลบริการภาครัฐ \
        ตามรายละเอียดดังนี้",
    letter_citizen_id: "เลขประจำตัวประชาชน",
    letter_role: "บทบาท",
    letter_unit: "หน่วยงาน",
    letter_reference: "อ้างถึงหนังสือที่ / เลขที่คำขอ",
    letter_issued_at: "ออกเมื่อ",
    letter_expires_at: "ใช้ได้ถึง",
    letter_issued_by: "ผู้ออก Token",
    letter_token: "Token",
    letter_steps_heading: "วิธีใช้ Token",
    letter_step_sign_in: "เข้าเว็บไซต์สำหรับเจ้าหน้าที่ กด “เข้าสู่ระบบ” และเข้าสู่ระบบด้วยบัญชี Digital ID ของท่าน",
    letter_step_enter: "กรอก Token ข้างต้นในหน้า “ยืนยันตัวตน”",
    letter_step_confirm: "กด “ยืนยัน”",
    letter_only_for: th_letter_only_for,
    print_button: "พิมพ์หนังสือแจ้ง Token",
    print_hint: "หากต้องการพิมพ์ ให้ใช้คำสั่งพิมพ์ของเบราว์เซอร์ (Ctrl+P หรือ ⌘+P) ระบบจะพิมพ์เฉพาะหนังสือแจ้ง Token",
    back_to_tokens: "กลับไปยังรายการ Token",

    accounts_title: "บัญชีเจ้าหน้าที่",
    accounts_intro: "เจ้าหน้าที่ในความรับผิดชอบของท่าน ท่านระงับการใช้งาน เปิดใช้งานอีกครั้ง \
        หรือเปลี่ยนบทบาทและหน่วยงานของเจ้าหน้าที่ได้ ยกเว้นบัญชีของท่านเอง",
    accounts_empty: "ยังไม่มีเจ้าหน้าที่ในความรับผิดชอบของท่าน",
    col_officer: "เจ้าหน้าที่",
    col_last_sign_in: "เข้าสู่ระบบล่าสุด",
    never_signed_in: "ยังไม่เคยเข้าสู่ระบบ",
    suspend_button: "ระงับการใช้งาน",
    suspend_hint: "เจ้าหน้าที่จะถูกออกจากระบบทันที และเข้าสู่ระบบไม่ได้จนกว่าจะเปิดใช้งานอีกครั้ง",
    reactivate_button: "เปิดใช้งานอีกครั้ง",
    change_summary: "เปลี่ยนบทบาทหรือหน่วยงาน",
    field_new_role: "บทบาทใหม่",
    field_new_unit: "หน่วยงานใหม่",
    assign_button: "บันทึกการเปลี่ยนแปลง",
    not_manageable: "ท่านไม่สามารถเปลี่ยนแปลงบัญชีนี้ได้",
    not_in_scope: "ไม่พบรายการนี้ในความรับผิดชอบของท่าน อาจถูกเปลี่ยนแปลงไปแล้ว กรุณาตรวจสอบรายการอีกครั้ง",

    audit_title: "บันทึกการใช้งาน (Audit log)",
    audit_intro: "บันทึกการใช้งานไม่สามารถแก้ไขหรือลบได้ \
        เลขประจำตัวประชาชนแสดงเพียงบางส่วนเพื่อคุ้มครองข้อมูลส่วนบุคคล",
    filter_heading: "กรองรายการ",
    field_from: "ตั้งแต่วันที่",
    field_to: "ถึงวันที่",
    date_hint: "เว้นว่างได้หากไม่ต้องการกำหนดช่วงวันที่",
    field_event: "เหตุการณ์",
    field_actor: "ผู้ดำเนินการ",
    unit_filter_hint: "รวมหน่วยงานภายใต้หน่วยงานที่เลือกด้วย",
    filter_button: "กรอง",
    csv_link: "ดาวน์โหลด CSV",
    audit_truncated: "แสดงเฉพาะรายการล่าสุด หากต้องการรายการทั้งหมด กรุณาดาวน์โหลด CSV",
    audit_empty: "ไม่พบรายการที่ตรงกับเงื่อนไข",
    audit_entries_heading: "รายการ",
    col_when: "วันและเวลา",
    col_event: "เหตุการณ์",
    col_result: "ผลการดำเนินการ",
    col_actor: "ผู้ดำเนินการ",
    col_target: "ผู้เกี่ยวข้อง",
    col_ip: "หมายเลข IP",
    col_detail: "รายละเอียด",
    succeeded: "สำเร็จ",
    failed: "ไม่สำเร็จ",
    reason_prefix: "สาเหตุ:",
    system_actor: "ระบบ",

    units_title: "โครงสร้างหน่วยงาน",
    units_intro: "หน่วยงานทั้งหมดในระบบ เรียงจากกระทรวง กรม กองหรือสำนักงานจังหวัด ไปจนถึงจุดบริการ \
        หน่วยงานที่เลิกใช้แล้วยังคงแสดงไว้เพื่อให้ประวัติการใช้งานครบถ้วน",
    units_tree_heading: "หน่วยงานทั้งหมด",
    units_empty: "ยังไม่มีหน่วยงานในระบบ",
    create_heading: "เพิ่มหน่วยงาน",
    field_code: "รหัสหน่วยงาน",
    code_hint: "ตัวอักษรภาษาอังกฤษพิมพ์ใหญ่ ตัวเลข และเครื่องหมาย - _ . ไม่เกิน 32 ตัว เปลี่ยนภายหลังไม่ได้",
    field_name_th: "ชื่อหน่วยงาน (ภาษาไทย)",
    field_name_en: "ชื่อหน่วยงาน (ภาษาอังกฤษ)",
    name_en_hint: "ไม่บังคับ",
    field_kind: "ระดับหน่วยงาน",
    field_parent: "หน่วยงานต้นสังกัด",
    parent_hint: "ต้องเป็นหน่วยงานที่อยู่สูงกว่าหนึ่งระดับ เช่น กรมต้องสังกัดกระทรวง (กระทรวงไม่มีหน่วยงานต้นสังกัด)",
    no_parent: "ไม่มี (กระทรวง)",
    create_button: "เพิ่มหน่วยงาน",
    retired_badge: "เลิกใช้แล้ว",
    code_prefix: "รหัส",
    manage_unit: th_manage_unit,
    rename_heading: "เปลี่ยนชื่อหน่วยงาน",
    rename_button: "บันทึกชื่อใหม่",
    move_heading: "ย้ายไปสังกัดหน่วยงานอื่น",
    field_new_parent: "หน่วยงานต้นสังกัดใหม่",
    move_button: "ย้ายหน่วยงาน",
    retire_heading: "เลิกใช้หน่วยงาน",
    retire_hint: "ทำได้เฉพาะเมื่อไม่มีเจ้าหน้าที่ที่ใช้งานอยู่ ไม่มี Token ที่รอใช้งาน \
        และไม่มีหน่วยงานภายใต้หน่วยงานนี้",
    retire_button: "เลิกใช้หน่วยงาน",

    token_status: ["รอใช้งาน", "ใช้แล้ว", "หมดอายุ", "ยกเลิกแล้ว"],
    officer_status: ["ใช้งานได้", "ถูกระงับการใช้งาน"],
    unit_kinds: ["กระทรวง", "กรม", "กอง / สำนักงานจังหวัด", "จุดบริการ"],
    problems: [
        "กรุณาเลือกบทบาทที่ท่านมีสิทธิ์กำหนด",
        "กรุณาเลือกหน่วยงานในความรับผิดชอบของท่านที่ยังใช้งานอยู่",
        "บทบาทนี้ไม่ตรงกับระดับของหน่วยงานที่เลือก เช่น เจ้าหน้าที่ส่วนกลางต้องสังกัดกรม",
        "กรุณากรอกเลขประจำตัวประชาชน",
        "เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก",
        "เลขประจำตัวประชาชนไม่ถูกต้อง กรุณาตรวจสอบอีกครั้ง",
        "กรุณากรอกชื่อ",
        "ข้อความยาวเกินไปหรือมีอักขระที่ใช้ไม่ได้",
        "อายุของ Token ต้องเป็นจำนวนวันเต็ม ตั้งแต่ 1 ถึง 30 วัน",
        "รหัสหน่วยงานต้องเป็นตัวอักษรภาษาอังกฤษพิมพ์ใหญ่ ตัวเลข หรือ - _ . ไม่เกิน 32 ตัว",
        "รหัสหน่วยงานนี้มีอยู่แล้ว กรุณาใช้รหัสอื่น",
        "หน่วยงานต้นสังกัดต้องอยู่สูงกว่าหนึ่งระดับและยังใช้งานอยู่",
        "เลิกใช้หน่วยงานนี้ไม่ได้ เนื่องจากยังมีเจ้าหน้าที่ที่ใช้งานอยู่ Token ที่รอใช้งาน หรือหน่วยงานภายใต้",
        "วันที่ไม่ถูกต้อง หรือวันสิ้นสุดอยู่ก่อนวันเริ่มต้น",
        "แบบฟอร์มนี้หมดอายุแล้ว กรุณาลองอีกครั้ง",
        "Token นี้ถูกใช้หรือถูกยกเลิกไปแล้ว",
        "ท่านไม่สามารถเปลี่ยนแปลงบัญชีของท่านเองได้",
        "กรุณายืนยันตัวตนด้วย Digital ID อีกครั้งก่อนออก Token",
        "ข้อความมีอักขระควบคุมทิศทางที่มองไม่เห็น ซึ่งทำให้ข้อความแสดงกลับด้านได้ กรุณาลบแล้วพิมพ์ข้อความใหม่",
        "ข้อความมีอักขระที่มองไม่เห็น เช่น ช่องว่างความกว้างศูนย์หรือการขึ้นบรรทัดใหม่ กรุณาลบแล้วพิมพ์ข้อความใหม่แทนการวาง",
        "มีสระหรือวรรณยุกต์ซ้อนกันเกิน 2 ตัวบนตัวอักษรเดียว กรุณาตรวจสอบการสะกด",
    ],
    done: [
        "ยกเลิก Token เรียบร้อยแล้ว",
        "ระงับการใช้งานเรียบร้อยแล้ว เจ้าหน้าที่ถูกออกจากระบบทันที",
        "เปิดใช้งานบัญชีอีกครั้งเรียบร้อยแล้ว",
        "บันทึกการเปลี่ยนบทบาทหรือหน่วยงานเรียบร้อยแล้ว",
        "เพิ่มหน่วยงานเรียบร้อยแล้ว",
        "เปลี่ยนชื่อหน่วยงานเรียบร้อยแล้ว",
        "ย้ายหน่วยงานเรียบร้อยแล้ว",
        "เลิกใช้หน่วยงานเรียบร้อยแล้ว",
    ],
    events: [
        "ออก Token",
        "ยกเลิก Token",
        "ใช้ Token (เปิดบัญชีเจ้าหน้าที่)",
        "ปฏิเสธ Token",
        "เข้าสู่ระบบ",
        "ปฏิเสธการเข้าสู่ระบบ",
        "ออกจากระบบ",
        "ไม่ให้ความยินยอมที่ Digital ID",
        "ระงับการใช้งานเจ้าหน้าที่",
        "เปิดใช้งานเจ้าหน้าที่อีกครั้ง",
        "เปลี่ยนบทบาทหรือหน่วยงานของเจ้าหน้าที่",
        "เพิ่มหน่วยงาน",
        "เปลี่ยนชื่อหน่วยงาน",
        "ย้ายหน่วยงาน",
        "เลิกใช้หน่วยงาน",
    ],
};

/// The administration pages in English.
pub const ADMIN_EN: AdminText = AdminText {
    nav_label: "Administration",
    nav_tokens: "Tokens",
    nav_accounts: "Officers",
    nav_audit: "Audit log",
    nav_units: "Organisation units",
    home_admin_heading: "Administration",

    forbidden_title: "You may not see this page",
    forbidden_body: "This page is for DGA Contact Center staff and central officers, who issue Tokens and manage \
        the officers of their organisation.",
    forbidden_contact: "If you need a Token or different access rights, contact the central officer of your parent \
        organisation or the DGA Contact Center",
    back_home: "Back to your home page",

    done_heading: "Done",
    choose: "— Choose —",
    all: "All",
    table_scroll_hint: "Table (scroll sideways to see every column):",
    none: "Not available",
    col_actions: "Actions",

    tokens_title: "Tokens",
    tokens_intro: "A Token confirms an officer's identity the first time they sign in with Digital ID. Each Token \
        works once, and only for the Digital ID account whose name and citizen ID match the ones given here.",
    issue_heading: "Issue a Token",
    reauthenticate_heading: "Confirm who you are before issuing a Token",
    reauthenticate_body: "For security, issuing a Token needs a Digital ID sign-in within the last 15 minutes. \
        Enter your Digital ID password again and you will come back to this page.",
    reauthenticate_button: "Confirm with Digital ID",
    field_role: "Role",
    role_hint: "The rights the officer gets with the Token",
    field_unit: "Organisation unit",
    unit_hint: "The officer's unit: central officers belong to a department, agency officers to a division or \
        provincial office, service-point officers to a service point",
    field_citizen_id: "Citizen ID number",
    citizen_id_hint: "The 13 digits of the person receiving the Token (spaces and dashes are fine)",
    field_name: "Full name",
    name_hint: "As written in the letter or request",
    field_reference: "Letter / request number",
    reference_hint: "Optional, e.g. มท 0309/1234",
    field_lifetime: "Valid for (days)",
    lifetime_hint: "From 1 to 30 days; an unused Token expires after that",
    issue_button: "Issue Token",
    tokens_list_heading: "Issued Tokens",
    tokens_empty: "No Tokens have been issued in your area yet.",
    col_person: "Recipient",
    col_role: "Role",
    col_unit: "Unit",
    col_reference: "Letter / request number",
    col_issued: "Issued",
    col_expires: "Expires",
    col_status: "Status",
    issued_by_prefix: "by",
    issued_by_system: "the administrator (server command)",
    used_by: en_used_by,
    revoke_button: "Revoke Token",
    reissue_button: "Issue a new Token",

    issued_heading: en_issued_heading,
    shown_once: "This Token is shown only once. Write it down or print it before you leave this page.",
    token_label: "The Token:",
    replaced_note: "The old Token has been revoked. Ask the recipient to use this new Token instead.",
    letter_heading: "Token letter",
    letter_to: "To",
    letter_intro: "You have been given a Token to confirm your identity and use the data-management system of the \
        Government Service Information Center:",
    letter_citizen_id: "Citizen ID number",
    letter_role: "Role",
    letter_unit: "Organisation unit",
    letter_reference: "Reference letter / request number",
    letter_issued_at: "Issued",
    letter_expires_at: "Valid until",
    letter_issued_by: "Issued by",
    letter_token: "Your Token",
    letter_steps_heading: "How to use the Token",
    letter_step_sign_in: "Open the officers' website, press “Sign in” and sign in with your own Digital ID account",
    letter_step_enter: "Enter the Token above on the “Confirm your identity” page",
    letter_step_confirm: "Press “Confirm”",
    letter_only_for: en_letter_only_for,
    print_button: "Print the Token letter",
    print_hint: "To print, use your browser's print command (Ctrl+P or ⌘+P); only the letter is printed.",
    back_to_tokens: "Back to the Tokens",

    accounts_title: "Officers",
    accounts_intro: "The officers in your area. You can suspend or reactivate them and change their role or unit, \
        except for your own account.",
    accounts_empty: "There are no officers in your area yet.",
    col_officer: "Officer",
    col_last_sign_in: "Last signed in",
    never_signed_in: "Never signed in",
    suspend_button: "Suspend",
    suspend_hint: "The officer is signed out at once and cannot sign in until reactivated.",
    reactivate_button: "Reactivate",
    change_summary: "Change role or unit",
    field_new_role: "New role",
    field_new_unit: "New unit",
    assign_button: "Save changes",
    not_manageable: "You cannot change this account.",
    not_in_scope: "That item is not in your area, or has changed meanwhile. Please check the list again.",

    audit_title: "Audit log",
    audit_intro: "The audit log cannot be changed or deleted. Citizen ID numbers are partly masked to protect \
        personal data.",
    filter_heading: "Filter",
    field_from: "From",
    field_to: "To",
    date_hint: "Leave empty for no limit",
    field_event: "Event",
    field_actor: "By officer",
    unit_filter_hint: "Includes the units under the one chosen",
    filter_button: "Filter",
    csv_link: "Download as CSV",
    audit_truncated: "Only the newest entries are shown. Download the CSV for all of them.",
    audit_empty: "No entries match.",
    audit_entries_heading: "Entries",
    col_when: "When",
    col_event: "Event",
    col_result: "Result",
    col_actor: "By",
    col_target: "Concerning",
    col_ip: "IP address",
    col_detail: "Details",
    succeeded: "Succeeded",
    failed: "Failed",
    reason_prefix: "Reason:",
    system_actor: "System",

    units_title: "Organisation units",
    units_intro: "Every unit, from ministries through departments and divisions or provincial offices to service \
        points. Retired units stay listed so the history remains complete.",
    units_tree_heading: "All units",
    units_empty: "There are no units yet.",
    create_heading: "Add a unit",
    field_code: "Unit code",
    code_hint: "Capital letters, digits and - _ . (at most 32); it cannot be changed later",
    field_name_th: "Name in Thai",
    field_name_en: "Name in English",
    name_en_hint: "Optional",
    field_kind: "Level",
    field_parent: "Parent unit",
    parent_hint: "Must be exactly one level above, e.g. a department belongs to a ministry (ministries have none)",
    no_parent: "None (ministry)",
    create_button: "Add unit",
    retired_badge: "Retired",
    code_prefix: "Code",
    manage_unit: en_manage_unit,
    rename_heading: "Rename",
    rename_button: "Save the new name",
    move_heading: "Move under another unit",
    field_new_parent: "New parent unit",
    move_button: "Move unit",
    retire_heading: "Retire",
    retire_hint: "Only possible when the unit has no active officers, no pending Tokens and no units under it.",
    retire_button: "Retire unit",

    token_status: ["Pending", "Used", "Expired", "Revoked"],
    officer_status: ["Active", "Suspended"],
    unit_kinds: ["Ministry", "Department", "Division / provincial office", "Service point"],
    problems: [
        "Choose a role you may give",
        "Choose an active unit in your area",
        "The role does not fit the unit's level (e.g. a central officer belongs to a department)",
        "Enter the citizen ID number",
        "A citizen ID number has 13 digits",
        "The citizen ID number is not valid; please check it",
        "Enter the name",
        "The text is too long or contains characters that cannot be used",
        "The lifetime must be a whole number of days from 1 to 30",
        "A unit code has capital letters, digits or - _ . (at most 32)",
        "Another unit already has this code",
        "The parent must be an active unit exactly one level above",
        "The unit cannot be retired: it still has active officers, pending Tokens or units under it",
        "The date is not valid, or the range ends before it starts",
        "This form has expired; please try again",
        "The Token has already been used or revoked",
        "You cannot change your own account",
        "Confirm who you are with Digital ID again before issuing a Token",
        "The text contains an invisible character that can make it read backwards; delete it and type the text again",
        "The text contains an invisible character, such as a zero-width space or a line break; delete it and type \
         the text again rather than pasting it",
        "More than two vowel or tone marks are stacked on one letter; please check the spelling",
    ],
    done: [
        "The Token has been revoked.",
        "The officer has been suspended and signed out at once.",
        "The officer has been reactivated.",
        "The officer's role or unit has been changed.",
        "The unit has been added.",
        "The unit has been renamed.",
        "The unit has been moved.",
        "The unit has been retired.",
    ],
    events: [
        "Token issued",
        "Token revoked",
        "Token used (officer created)",
        "Token refused",
        "Signed in",
        "Sign-in refused",
        "Signed out",
        "Consent declined at Digital ID",
        "Officer suspended",
        "Officer reactivated",
        "Officer's role or unit changed",
        "Unit created",
        "Unit renamed",
        "Unit moved",
        "Unit retired",
    ],
};

fn th_used_by(name: &str) -> String {
    format!("ใช้โดย {name}")
}

fn en_used_by(name: &str) -> String {
    format!("used by {name}")
}

fn th_issued_heading(name: &str) -> String {
    format!("Token สำหรับ {name}")
}

fn en_issued_heading(name: &str) -> String {
    format!("Token for {name}")
}

fn th_letter_only_for(name: &str) -> String {
    format!(
        "Token นี้ใช้ได้ครั้งเดียว และใช้ได้เฉพาะกับบัญชี Digital ID ของ {name} เท่านั้น ห้ามส่งต่อให้ผู้อื่น \
         หากไม่ได้ใช้ภายในวันหมดอายุ กรุณาติดต่อผู้ออก Token เพื่อขอ Token ใหม่"
    )
}

fn en_letter_only_for(name: &str) -> String {
    format!(
        "This Token works once, and only with the Digital ID account of {name}. Do not pass it on. If it is not \
         used before it expires, ask the issuer for a new one."
    )
}

fn th_manage_unit(name: &str) -> String {
    format!("แก้ไข {name}")
}

fn en_manage_unit(name: &str) -> String {
    format!("Change {name}")
}

#[cfg(test)]
mod tests {
    use super::{ADMIN_EN, ADMIN_TH};
    use crate::administration::{Done, FormProblem};
    use vocabulary::{AuditEvent, TokenState};

    #[test]
    fn no_administration_string_is_empty_in_either_language() {
        for text in [&ADMIN_TH, &ADMIN_EN] {
            let dump = format!("{text:?}");
            assert!(!dump.contains("\"\""), "an empty string in {dump}");
        }
    }

    #[test]
    fn the_token_states_and_buttons_use_the_specifications_thai_words() {
        assert_eq!(ADMIN_TH.token_status_name(TokenState::Pending), "รอใช้งาน");
        assert_eq!(ADMIN_TH.token_status_name(TokenState::Used), "ใช้แล้ว");
        assert_eq!(ADMIN_TH.token_status_name(TokenState::Expired), "หมดอายุ");
        assert_eq!(ADMIN_TH.token_status_name(TokenState::Revoked), "ยกเลิกแล้ว");
        assert_eq!(ADMIN_TH.revoke_button, "ยกเลิก Token");
        assert_eq!(ADMIN_TH.reissue_button, "ออก Token ใหม่");
    }

    #[test]
    fn every_audit_event_and_problem_has_its_own_sentence_in_each_language() {
        for text in [&ADMIN_TH, &ADMIN_EN] {
            let mut events: Vec<&str> = AuditEvent::ALL.iter().map(|event| text.event_name(*event)).collect();
            events.sort_unstable();
            events.dedup();
            assert_eq!(events.len(), AuditEvent::ALL.len());
            let mut problems = text.problems.to_vec();
            problems.sort_unstable();
            problems.dedup();
            assert_eq!(problems.len(), text.problems.len());
        }
        assert_eq!(ADMIN_TH.event_name(AuditEvent::TokenIssued), "ออก Token");
        assert_eq!(ADMIN_TH.problem(FormProblem::CitizenIdMissing), "กรุณากรอกเลขประจำตัวประชาชน");
        assert_eq!(ADMIN_EN.problem(FormProblem::OwnAccount), "You cannot change your own account");
        assert_eq!(ADMIN_TH.done_sentence(Done::Revoked), "ยกเลิก Token เรียบร้อยแล้ว");
    }

    #[test]
    fn sentences_with_a_name_put_the_name_in_both_languages() {
        for text in [&ADMIN_TH, &ADMIN_EN] {
            assert!((text.issued_heading)("นายทดลอง ใจดี").contains("นายทดลอง ใจดี"));
            assert!((text.letter_only_for)("นายทดลอง ใจดี").contains("นายทดลอง ใจดี"));
            assert!((text.used_by)("นายทดลอง ใจดี").contains("นายทดลอง ใจดี"));
            assert!((text.manage_unit)("กรมการปกครอง").contains("กรมการปกครอง"));
        }
    }
}
