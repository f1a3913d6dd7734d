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

catalogue! {
    /// The administration pages in Thai.
    pub const ADMIN_TH = thai;
    /// The administration pages in English.
    pub const ADMIN_EN = english;

    /// Every string of the administration pages in one language.
    #[derive(Debug)]
    pub struct AdminText {
        /// The name of the administration navigation, for assistive technology.
        nav_label: &'static str = ("เมนูผู้ดูแลระบบ", "Administration"),
        /// Navigation: the Tokens page.
        nav_tokens: &'static str = ("จัดการ Token", "Tokens"),
        /// Navigation: the officers page.
        nav_accounts: &'static str = ("บัญชีเจ้าหน้าที่", "Officers"),
        /// Navigation: the audit log.
        nav_audit: &'static str = ("บันทึกการใช้งาน (Audit log)", "Audit log"),
        /// Navigation: the organisation tree.
        nav_units: &'static str = ("โครงสร้างหน่วยงาน", "Organisation units"),
        /// The home page's heading above the administration links.
        home_admin_heading: &'static str = ("งานผู้ดูแลระบบ", "Administration"),

        /// Title of the page shown to someone who may not use an administration page.
        forbidden_title: &'static str = ("ไม่มีสิทธิ์เข้าถึงหน้านี้", "You may not see this page"),
        /// Who manages Tokens and officers.
        forbidden_body: &'static str = (
            "หน้านี้สำหรับเจ้าหน้าที่ DGA Contact Center และเจ้าหน้าที่ส่วนกลาง \
                ซึ่งเป็นผู้ออก Token และจัดการบัญชีเจ้าหน้าที่ในสังกัดเท่านั้น",
            "This page is for DGA Contact Center staff and central officers, who issue Tokens and manage \
                the officers of their organisation.",
        ),
        /// Whom to contact instead.
        forbidden_contact: &'static str = (
            "หากท่านต้องการ Token หรือต้องการแก้ไขสิทธิ์การเข้าใช้งาน \
                กรุณาติดต่อเจ้าหน้าที่ส่วนกลางต้นสังกัด หรือ DGA Contact Center",
            "If you need a Token or different access rights, contact the central officer of your parent \
                organisation or the DGA Contact Center",
        ),
        /// Link back to the officer's home page.
        back_home: &'static str = ("กลับไปยังหน้าแรก", "Back to your home page"),

        /// Heading of the success banner.
        done_heading: &'static str = ("ดำเนินการเรียบร้อยแล้ว", "Done"),
        /// The first option of a `<select>` that needs a choice.
        choose: &'static str = ("— กรุณาเลือก —", "— Choose —"),
        /// The first option of a filter: no restriction.
        all: &'static str = ("ทั้งหมด", "All"),
        /// The name of a scrollable table region (followed by the table's name).
        table_scroll_hint: &'static str = (
            "ตาราง (เลื่อนไปทางซ้ายหรือขวาเพื่อดูทุกคอลัมน์):",
            "Table (scroll sideways to see every column):",
        ),
        /// A value that is not on record.
        none: &'static str = ("ไม่มีข้อมูล", "Not available"),
        /// The column of a row's actions.
        col_actions: &'static str = ("ดำเนินการ", "Actions"),

        /// Title of the Tokens page.
        tokens_title: &'static str = ("จัดการ Token", "Tokens"),
        /// What a Token is for and who gets one.
        tokens_intro: &'static str = (
            "Token ใช้ยืนยันตัวตนของเจ้าหน้าที่เมื่อเข้าสู่ระบบด้วย Digital ID เป็นครั้งแรก \
                Token แต่ละชุดใช้ได้ครั้งเดียว และใช้ได้เฉพาะกับบัญชี Digital ID ของผู้ที่มีชื่อและเลขประจำตัวประชาชนตรงกับที่ระบุไว้",
            "A Token confirms an officer's identity the first time they sign in with Digital ID. Each Token \
                works once, and only for the Digital ID account whose name and citizen ID match the ones given here.",
        ),
        /// Heading of the issue form.
        issue_heading: &'static str = ("ออก Token", "Issue a Token"),
        /// Heading of the fresh sign-in asked for instead of the issue form when the session's sign-in is old.
        reauthenticate_heading: &'static str = (
            "ยืนยันตัวตนอีกครั้งก่อนออก Token",
            "Confirm who you are before issuing a Token",
        ),
        /// Why a fresh sign-in is needed and what happens after it.
        reauthenticate_body: &'static str = (
            "เพื่อความปลอดภัย การออก Token ต้องใช้การเข้าสู่ระบบด้วย Digital ID ภายใน 15 นาทีที่ผ่านมา \
                กรุณากรอกรหัสผ่าน Digital ID อีกครั้ง ระบบจะพาท่านกลับมาที่หน้านี้",
            "For security, issuing a Token needs a Digital ID sign-in within the last 15 minutes. \
                Enter your Digital ID password again and you will come back to this page.",
        ),
        /// The button that starts the fresh Digital ID sign-in.
        reauthenticate_button: &'static str = ("ยืนยันตัวตนด้วย Digital ID", "Confirm with Digital ID"),
        /// Label: the role the Token grants.
        field_role: &'static str = ("บทบาท", "Role"),
        /// Hint under the role.
        role_hint: &'static str = ("สิทธิ์ที่เจ้าหน้าที่จะได้รับเมื่อใช้ Token", "The rights the officer gets with the Token"),
        /// Label: the unit the Token grants.
        field_unit: &'static str = ("หน่วยงาน", "Organisation unit"),
        /// Hint under the unit.
        unit_hint: &'static str = (
            "หน่วยงานที่เจ้าหน้าที่สังกัด เจ้าหน้าที่ส่วนกลางสังกัดกรม \
                เจ้าหน้าที่หน่วยงานสังกัดกองหรือสำนักงานจังหวัด เจ้าหน้าที่จุดบริการสังกัดจุดบริการ",
            "The officer's unit: central officers belong to a department, agency officers to a division or \
                provincial office, service-point officers to a service point",
        ),
        /// Label: the intended person's citizen ID.
        field_citizen_id: &'static str = ("เลขประจำตัวประชาชน", "Citizen ID number"),
        /// Hint under the citizen ID.
        citizen_id_hint: &'static str = (
            "ตัวเลข 13 หลักของผู้ที่จะได้รับ Token (เว้นวรรคหรือใส่ขีดได้)",
            "The 13 digits of the person receiving the Token (spaces and dashes are fine)",
        ),
        /// Label: the intended person's name.
        field_name: &'static str = ("ชื่อ - นามสกุล", "Full name"),
        /// Hint under the name.
        name_hint: &'static str = ("ตามที่ระบุในหนังสือหรือคำขอ", "As written in the letter or request"),
        /// Label: the letter or request number.
        field_reference: &'static str = ("หนังสือที่ / เลขที่คำขอ", "Letter / request number"),
        /// Hint under the reference.
        reference_hint: &'static str = ("ไม่บังคับ เช่น มท 0309/1234", "Optional, e.g. มท 0309/1234"),
        /// Label: the lifetime in days.
        field_lifetime: &'static str = ("อายุของ Token (วัน)", "Valid for (days)"),
        /// Hint under the lifetime.
        lifetime_hint: &'static str = (
            "ตั้งแต่ 1 ถึง 30 วัน หากไม่ได้ใช้ภายในกำหนด Token จะหมดอายุ",
            "From 1 to 30 days; an unused Token expires after that",
        ),
        /// The issue form's button.
        issue_button: &'static str = ("ออก Token", "Issue Token"),
        /// Heading of the list of Tokens.
        tokens_list_heading: &'static str = ("รายการ Token", "Issued Tokens"),
        /// The list is empty.
        tokens_empty: &'static str = (
            "ยังไม่มี Token ในความรับผิดชอบของท่าน",
            "No Tokens have been issued in your area yet.",
        ),
        /// Column: the intended person.
        col_person: &'static str = ("ผู้รับ Token", "Recipient"),
        /// Column: the role.
        col_role: &'static str = ("บทบาท", "Role"),
        /// Column: the unit.
        col_unit: &'static str = ("หน่วยงาน", "Unit"),
        /// Column: the reference.
        col_reference: &'static str = ("หนังสือที่ / เลขที่คำขอ", "Letter / request number"),
        /// Column: issued when and by whom.
        col_issued: &'static str = ("วันที่ออก", "Issued"),
        /// Column: expiry.
        col_expires: &'static str = ("วันหมดอายุ", "Expires"),
        /// Column: state.
        col_status: &'static str = ("สถานะ", "Status"),
        /// "by" before the issuing officer's name.
        issued_by_prefix: &'static str = ("โดย", "by"),
        /// A Token issued from the server's command line.
        issued_by_system: &'static str = ("ผู้ดูแลระบบ (คำสั่งของเซิร์ฟเวอร์)", "the administrator (server command)"),
        /// The officer a used Token created.
        used_by: fn(&str) -> String = (|name| format!("ใช้โดย {name}"), |name| format!("used by {name}")),
        /// The revoke button.
        revoke_button: &'static str = ("ยกเลิก Token", "Revoke Token"),
        /// The re-issue button.
        reissue_button: &'static str = ("ออก Token ใหม่", "Issue a new Token"),

        /// Heading of the issued Token panel.
        issued_heading: fn(&str) -> String = (|name| format!("Token สำหรับ {name}"), |name| format!("Token for {name}")),
        /// The Token is shown only this once.
        shown_once: &'static str = (
            "Token นี้แสดงเพียงครั้งเดียว จดหรือพิมพ์ก่อนออกจากหน้านี้",
            "This Token is shown only once. Write it down or print it before you leave this page.",
        ),
        /// The visually hidden name before the Token.
        token_label: &'static str = ("Token:", "The Token:"),
        /// The Token replaced an old one, which is now revoked.
        replaced_note: &'static str = (
            "Token เดิมถูกยกเลิกแล้ว กรุณาแจ้งผู้รับให้ใช้ Token ใหม่นี้แทน",
            "The old Token has been revoked. Ask the recipient to use this new Token instead.",
        ),
        /// Heading of the activation letter.
        letter_heading: &'static str = ("หนังสือแจ้ง Token", "Token letter"),
        /// "Dear" before the person's name.
        letter_to: &'static str = ("เรียน", "To"),
        /// The letter's first sentence.
        letter_intro: &'static str = (
            "ท่านได้รับ Token สำหรับยืนยันตัวตนเพื่อเข้าใช้งานระบบจัดการข้อมูลของศูนย์รวมข้อมูลบริการภาครัฐ \
                ตามรายละเอียดดังนี้",
            "You have been given a Token to confirm your identity and use the data-management system of the \
                Government Service Information Center:",
        ),
        /// Letter: the citizen ID.
        letter_citizen_id: &'static str = ("เลขประจำตัวประชาชน", "Citizen ID number"),
        /// Letter: the role.
        letter_role: &'static str = ("บทบาท", "Role"),
        /// Letter: the unit.
        letter_unit: &'static str = ("หน่วยงาน", "Organisation unit"),
        /// Letter: the reference.
        letter_reference: &'static str = ("อ้างถึงหนังสือที่ / เลขที่คำขอ", "Reference letter / request number"),
        /// Letter: issued at.
        letter_issued_at: &'static str = ("ออกเมื่อ", "Issued"),
        /// Letter: valid until.
        letter_expires_at: &'static str = ("ใช้ได้ถึง", "Valid until"),
        /// Letter: issued by.
        letter_issued_by: &'static str = ("ผู้ออก Token", "Issued by"),
        /// Letter: the Token itself.
        letter_token: &'static str = ("Token", "Your Token"),
        /// Heading of the letter's steps.
        letter_steps_heading: &'static str = ("วิธีใช้ Token", "How to use the Token"),
        /// Step 1: sign in with Digital ID.
        letter_step_sign_in: &'static str = (
            "เข้าเว็บไซต์สำหรับเจ้าหน้าที่ กด “เข้าสู่ระบบ” และเข้าสู่ระบบด้วยบัญชี Digital ID ของท่าน",
            "Open the officers' website, press “Sign in” and sign in with your own Digital ID account",
        ),
        /// Step 2: enter the Token.
        letter_step_enter: &'static str = (
            "กรอก Token ข้างต้นในหน้า “ยืนยันตัวตน”",
            "Enter the Token above on the “Confirm your identity” page",
        ),
        /// Step 3: press "ยืนยัน".
        letter_step_confirm: &'static str = ("กด “ยืนยัน”", "Press “Confirm”"),
        /// The Token works only for the named person.
        letter_only_for: fn(&str) -> String = (
            |name| {
                format!(
                    "Token นี้ใช้ได้ครั้งเดียว และใช้ได้เฉพาะกับบัญชี Digital ID ของ {name} เท่านั้น ห้ามส่งต่อให้ผู้อื่น \
                     หากไม่ได้ใช้ภายในวันหมดอายุ กรุณาติดต่อผู้ออก Token เพื่อขอ Token ใหม่"
                )
            },
            |name| {
                format!(
                    "This Token works once, and only with the Digital ID account of {name}. Do not pass it on. \
                     If it is not used before it expires, ask the issuer for a new one."
                )
            },
        ),
        /// The print button.
        print_button: &'static str = ("พิมพ์หนังสือแจ้ง Token", "Print the Token letter"),
        /// How to print without JavaScript.
        print_hint: &'static str = (
            "หากต้องการพิมพ์ ให้ใช้คำสั่งพิมพ์ของเบราว์เซอร์ (Ctrl+P หรือ ⌘+P) ระบบจะพิมพ์เฉพาะหนังสือแจ้ง Token",
            "To print, use your browser's print command (Ctrl+P or ⌘+P); only the letter is printed.",
        ),
        /// Link back to the Tokens list.
        back_to_tokens: &'static str = ("กลับไปยังรายการ Token", "Back to the Tokens"),

        /// Title of the officers page.
        accounts_title: &'static str = ("บัญชีเจ้าหน้าที่", "Officers"),
        /// What the officers page is for.
        accounts_intro: &'static str = (
            "เจ้าหน้าที่ในความรับผิดชอบของท่าน ท่านระงับการใช้งาน เปิดใช้งานอีกครั้ง \
                หรือเปลี่ยนบทบาทและหน่วยงานของเจ้าหน้าที่ได้ ยกเว้นบัญชีของท่านเอง",
            "The officers in your area. You can suspend or reactivate them and change their role or unit, \
                except for your own account.",
        ),
        /// The list is empty.
        accounts_empty: &'static str = ("ยังไม่มีเจ้าหน้าที่ในความรับผิดชอบของท่าน", "There are no officers in your area yet."),
        /// Column: the officer.
        col_officer: &'static str = ("เจ้าหน้าที่", "Officer"),
        /// Column: the latest sign-in.
        col_last_sign_in: &'static str = ("เข้าสู่ระบบล่าสุด", "Last signed in"),
        /// An officer who has never signed in.
        never_signed_in: &'static str = ("ยังไม่เคยเข้าสู่ระบบ", "Never signed in"),
        /// The suspend button.
        suspend_button: &'static str = ("ระงับการใช้งาน", "Suspend"),
        /// What suspending does.
        suspend_hint: &'static str = (
            "เจ้าหน้าที่จะถูกออกจากระบบทันที และเข้าสู่ระบบไม่ได้จนกว่าจะเปิดใช้งานอีกครั้ง",
            "The officer is signed out at once and cannot sign in until reactivated.",
        ),
        /// The reactivate button.
        reactivate_button: &'static str = ("เปิดใช้งานอีกครั้ง", "Reactivate"),
        /// The summary of the change form.
        change_summary: &'static str = ("เปลี่ยนบทบาทหรือหน่วยงาน", "Change role or unit"),
        /// Label: the new role.
        field_new_role: &'static str = ("บทบาทใหม่", "New role"),
        /// Label: the new unit.
        field_new_unit: &'static str = ("หน่วยงานใหม่", "New unit"),
        /// The change form's button.
        assign_button: &'static str = ("บันทึกการเปลี่ยนแปลง", "Save changes"),
        /// An officer the visitor may not change (themselves, or outside what they manage).
        not_manageable: &'static str = ("ท่านไม่สามารถเปลี่ยนแปลงบัญชีนี้ได้", "You cannot change this account."),
        /// An action on something that is not there, or not in the visitor's scope (the two look the same).
        not_in_scope: &'static str = (
            "ไม่พบรายการนี้ในความรับผิดชอบของท่าน อาจถูกเปลี่ยนแปลงไปแล้ว กรุณาตรวจสอบรายการอีกครั้ง",
            "That item is not in your area, or has changed meanwhile. Please check the list again.",
        ),

        /// Title of the audit log.
        audit_title: &'static str = ("บันทึกการใช้งาน (Audit log)", "Audit log"),
        /// The log cannot be changed; citizen IDs are masked.
        audit_intro: &'static str = (
            "บันทึกการใช้งานไม่สามารถแก้ไขหรือลบได้ \
                เลขประจำตัวประชาชนแสดงเพียงบางส่วนเพื่อคุ้มครองข้อมูลส่วนบุคคล",
            "The audit log cannot be changed or deleted. Citizen ID numbers are partly masked to protect \
                personal data.",
        ),
        /// Heading of the filter.
        filter_heading: &'static str = ("กรองรายการ", "Filter"),
        /// Label: first day.
        field_from: &'static str = ("ตั้งแต่วันที่", "From"),
        /// Label: last day.
        field_to: &'static str = ("ถึงวันที่", "To"),
        /// Hint under the dates.
        date_hint: &'static str = (
            "วัน/เดือน/ปี พ.ศ. เช่น 7/12/2569 เว้นว่างได้หากไม่ต้องการกำหนดช่วงวันที่",
            "Day/month/year, e.g. 7/12/2026. Leave empty for no limit",
        ),
        /// Label: event.
        field_event: &'static str = ("เหตุการณ์", "Event"),
        /// Label: acting officer.
        field_actor: &'static str = ("ผู้ดำเนินการ", "By officer"),
        /// Hint under the unit filter.
        unit_filter_hint: &'static str = ("รวมหน่วยงานภายใต้หน่วยงานที่เลือกด้วย", "Includes the units under the one chosen"),
        /// The filter's button.
        filter_button: &'static str = ("กรอง", "Filter"),
        /// The CSV download link.
        csv_link: &'static str = ("ดาวน์โหลด CSV", "Download as CSV"),
        /// Only the newest entries are shown.
        audit_truncated: &'static str = (
            "แสดงเฉพาะรายการล่าสุด หากต้องการรายการทั้งหมด กรุณาดาวน์โหลด CSV",
            "Only the newest entries are shown. Download the CSV for all of them.",
        ),
        /// No entry matches.
        audit_empty: &'static str = ("ไม่พบรายการที่ตรงกับเงื่อนไข", "No entries match."),
        /// Heading of the entries.
        audit_entries_heading: &'static str = ("รายการ", "Entries"),
        /// Column: when.
        col_when: &'static str = ("วันและเวลา", "When"),
        /// Column: event.
        col_event: &'static str = ("เหตุการณ์", "Event"),
        /// Column: result.
        col_result: &'static str = ("ผลการดำเนินการ", "Result"),
        /// Column: actor.
        col_actor: &'static str = ("ผู้ดำเนินการ", "By"),
        /// Column: target.
        col_target: &'static str = ("ผู้เกี่ยวข้อง", "Concerning"),
        /// Column: client address.
        col_ip: &'static str = ("หมายเลข IP", "IP address"),
        /// Column: details.
        col_detail: &'static str = ("รายละเอียด", "Details"),
        /// Result: succeeded.
        succeeded: &'static str = ("สำเร็จ", "Succeeded"),
        /// Result: failed.
        failed: &'static str = ("ไม่สำเร็จ", "Failed"),
        /// "Reason:" before a failure's code.
        reason_prefix: &'static str = ("สาเหตุ:", "Reason:"),
        /// The actor of an entry without an officer (the system, an unknown Digital ID account).
        system_actor: &'static str = ("ระบบ", "System"),

        /// Title of the organisation tree.
        units_title: &'static str = ("โครงสร้างหน่วยงาน", "Organisation units"),
        /// What the page is for.
        units_intro: &'static str = (
            "หน่วยงานทั้งหมดในระบบ เรียงจากกระทรวง กรม กองหรือสำนักงานจังหวัด ไปจนถึงจุดบริการ \
                หน่วยงานที่เลิกใช้แล้วยังคงแสดงไว้เพื่อให้ประวัติการใช้งานครบถ้วน",
            "Every unit, from ministries through departments and divisions or provincial offices to service \
                points. Retired units stay listed so the history remains complete.",
        ),
        /// Heading of the tree.
        units_tree_heading: &'static str = ("หน่วยงานทั้งหมด", "All units"),
        /// The tree is empty.
        units_empty: &'static str = ("ยังไม่มีหน่วยงานในระบบ", "There are no units yet."),
        /// Heading of the create form.
        create_heading: &'static str = ("เพิ่มหน่วยงาน", "Add a unit"),
        /// Label: code.
        field_code: &'static str = ("รหัสหน่วยงาน", "Unit code"),
        /// Hint under the code.
        code_hint: &'static str = (
            "ตัวอักษรภาษาอังกฤษพิมพ์ใหญ่ ตัวเลข และเครื่องหมาย - _ . ไม่เกิน 32 ตัว เปลี่ยนภายหลังไม่ได้",
            "Capital letters, digits and - _ . (at most 32); it cannot be changed later",
        ),
        /// Label: Thai name.
        field_name_th: &'static str = ("ชื่อหน่วยงาน (ภาษาไทย)", "Name in Thai"),
        /// Label: English name.
        field_name_en: &'static str = ("ชื่อหน่วยงาน (ภาษาอังกฤษ)", "Name in English"),
        /// Hint under the English name.
        name_en_hint: &'static str = ("ไม่บังคับ", "Optional"),
        /// Label: level.
        field_kind: &'static str = ("ระดับหน่วยงาน", "Level"),
        /// Label: parent.
        field_parent: &'static str = ("หน่วยงานต้นสังกัด", "Parent unit"),
        /// Hint under the parent.
        parent_hint: &'static str = (
            "ต้องเป็นหน่วยงานที่อยู่สูงกว่าหนึ่งระดับ เช่น กรมต้องสังกัดกระทรวง (กระทรวงไม่มีหน่วยงานต้นสังกัด)",
            "Must be exactly one level above, e.g. a department belongs to a ministry (ministries have none)",
        ),
        /// The parent option of a ministry.
        no_parent: &'static str = ("ไม่มี (กระทรวง)", "None (ministry)"),
        /// The create button.
        create_button: &'static str = ("เพิ่มหน่วยงาน", "Add unit"),
        /// The badge of a retired unit.
        retired_badge: &'static str = ("เลิกใช้แล้ว", "Retired"),
        /// "Code" before a unit's code in the tree.
        code_prefix: &'static str = ("รหัส", "Code"),
        /// The summary of a unit's forms.
        manage_unit: fn(&str) -> String = (|name| format!("แก้ไข {name}"), |name| format!("Change {name}")),
        /// In place: no answer came (what was typed stays).
        in_place_unreachable: &'static str = (
            "ติดต่อระบบไม่ได้ กรุณาตรวจสอบการเชื่อมต่ออินเทอร์เน็ตแล้วลองอีกครั้ง ข้อมูลที่กรอกไว้ยังอยู่ครบ",
            "The service could not be reached. Check your connection and try again; what you entered is still here.",
        ),
        /// In place: a list answered (`{n}`: its entries).
        in_place_results: &'static str = ("แสดง {n} รายการ", "{n} shown"),
        /// In place: "show more" answered (`{n}`: the new entries).
        in_place_more: &'static str = ("แสดงเพิ่มอีก {n} รายการ", "{n} more shown"),
        /// In place: a list filtered as typed.
        in_place_shown_of: &'static str = ("แสดง {shown} จาก {all} รายการ", "{shown} of {all} shown"),
        /// In place: units found.
        in_place_units_found: &'static str = ("พบ {n} หน่วยงาน", "{n} units found"),
        /// In place: the unit list found nothing.
        in_place_no_unit: &'static str = ("ไม่พบหน่วยงานที่ตรงกับคำค้น", "No unit matches"),
        /// In place: the name of the list of units matching what is typed.
        in_place_unit_list: &'static str = ("หน่วยงานที่ตรงกับคำค้น", "Matching units"),
        /// In place: a unit's toggle (`{name}`: the unit).
        in_place_subunits: &'static str = ("หน่วยงานภายใต้ {name}", "Units under {name}"),
        /// In place: copied.
        in_place_copied: &'static str = ("คัดลอก Token แล้ว", "Token copied"),
        /// In place: the confirmation dialog's heading.
        in_place_confirm_heading: &'static str = ("โปรดยืนยัน", "Please confirm"),
        /// In place: the confirmation dialog's way back.
        in_place_go_back: &'static str = ("ไม่ใช่ กลับไป", "No, go back"),
        /// In place: a citizen ID's digits so far.
        in_place_digits: &'static str = ("{n} / 13 หลัก", "{n} / 13 digits"),
        /// The question before a Token is revoked (`{name}`: whom it is for).
        revoke_question: fn(&str) -> String = (
            |name| format!("ยกเลิก Token ของ {name} หรือไม่ Token นี้จะใช้ยืนยันตัวตนไม่ได้อีก"),
            |name| format!("Revoke the Token for {name}? It can no longer be used to confirm an identity."),
        ),
        /// The question before a Token is issued again (`{name}`: whom it is for).
        reissue_question: fn(&str) -> String = (
            |name| format!("ออก Token ใหม่ให้ {name} หรือไม่ Token เดิมจะใช้ไม่ได้อีก"),
            |name| format!("Issue a new Token for {name}? The current one can no longer be used."),
        ),
        /// The copy button beside a Token just issued.
        copy_token_button: &'static str = ("คัดลอก Token", "Copy the Token"),
        /// Label: the officers' search.
        accounts_search_label: &'static str = ("ค้นหาเจ้าหน้าที่", "Find an officer"),
        /// Hint: what the officers' search looks in.
        accounts_search_hint: &'static str = (
            "ชื่อ ชื่อหน่วยงาน หรือรหัสหน่วยงาน",
            "Name, unit name or unit code",
        ),
        /// The officers' search button.
        search_button: &'static str = ("ค้นหา", "Search"),
        /// The officers' search found nobody.
        accounts_none_found: &'static str = (
            "ไม่พบเจ้าหน้าที่ที่ตรงกับคำค้น",
            "No officer matches your search.",
        ),
        /// Label: the Tokens list's filter.
        tokens_filter_label: &'static str = ("กรองรายการ Token", "Filter the Tokens"),
        /// Hint: what the Tokens list's filter looks in.
        tokens_filter_hint: &'static str = ("ชื่อ สถานะ หรือหน่วยงาน", "Name, state or unit"),
        /// Label: find a unit in the tree.
        units_find_label: &'static str = ("ค้นหาหน่วยงาน", "Find a unit"),
        /// Hint: what finding a unit looks in.
        units_find_hint: &'static str = (
            "ส่วนหนึ่งของชื่อภาษาไทยหรืออังกฤษ หรือรหัสหน่วยงาน",
            "Part of its Thai or English name, or its code",
        ),
        /// The audit log's "show more" link.
        audit_more: &'static str = ("แสดงรายการเพิ่มเติม", "Show more entries"),
        /// Heading: rename.
        rename_heading: &'static str = ("เปลี่ยนชื่อหน่วยงาน", "Rename"),
        /// The rename button.
        rename_button: &'static str = ("บันทึกชื่อใหม่", "Save the new name"),
        /// Heading: move.
        move_heading: &'static str = ("ย้ายไปสังกัดหน่วยงานอื่น", "Move under another unit"),
        /// Label: the new parent.
        field_new_parent: &'static str = ("หน่วยงานต้นสังกัดใหม่", "New parent unit"),
        /// The move button.
        move_button: &'static str = ("ย้ายหน่วยงาน", "Move unit"),
        /// Heading: retire.
        retire_heading: &'static str = ("เลิกใช้หน่วยงาน", "Retire"),
        /// When retiring is possible.
        retire_hint: &'static str = (
            "ทำได้เฉพาะเมื่อไม่มีเจ้าหน้าที่ที่ใช้งานอยู่ ไม่มี Token ที่รอใช้งาน \
                และไม่มีหน่วยงานภายใต้หน่วยงานนี้",
            "Only possible when the unit has no active officers, no pending Tokens and no units under it.",
        ),
        /// The retire button.
        retire_button: &'static str = ("เลิกใช้หน่วยงาน", "Retire unit"),

        /// Token states: pending, used, expired, revoked.
        token_status: [&'static str; 4] = [
            ("รอใช้งาน", "Pending"),
            ("ใช้แล้ว", "Used"),
            ("หมดอายุ", "Expired"),
            ("ยกเลิกแล้ว", "Revoked"),
        ],
        /// Officer states: active, suspended.
        officer_status: [&'static str; 2] = [
            ("ใช้งานได้", "Active"),
            ("ถูกระงับการใช้งาน", "Suspended"),
        ],
        /// Unit levels, ministry first.
        unit_kinds: [&'static str; 4] = [
            ("กระทรวง", "Ministry"),
            ("กรม", "Department"),
            ("กอง / สำนักงานจังหวัด", "Division / provincial office"),
            ("จุดบริการ", "Service point"),
        ],
        /// The sentence of each [`FormProblem`], in declaration order.
        problems: [&'static str; 21] = [
            ("กรุณาเลือกบทบาทที่ท่านมีสิทธิ์กำหนด", "Choose a role you may give"),
            ("กรุณาเลือกหน่วยงานในความรับผิดชอบของท่านที่ยังใช้งานอยู่", "Choose an active unit in your area"),
            (
                "บทบาทนี้ไม่ตรงกับระดับของหน่วยงานที่เลือก เช่น เจ้าหน้าที่ส่วนกลางต้องสังกัดกรม",
                "The role does not fit the unit's level (e.g. a central officer belongs to a department)",
            ),
            ("กรุณากรอกเลขประจำตัวประชาชน", "Enter the citizen ID number"),
            ("เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก", "A citizen ID number has 13 digits"),
            ("เลขประจำตัวประชาชนไม่ถูกต้อง กรุณาตรวจสอบอีกครั้ง", "The citizen ID number is not valid; please check it"),
            ("กรุณากรอกชื่อ", "Enter the name"),
            ("ข้อความยาวเกินไปหรือมีอักขระที่ใช้ไม่ได้", "The text is too long or contains characters that cannot be used"),
            (
                "อายุของ Token ต้องเป็นจำนวนวันเต็ม ตั้งแต่ 1 ถึง 30 วัน",
                "The lifetime must be a whole number of days from 1 to 30",
            ),
            (
                "รหัสหน่วยงานต้องเป็นตัวอักษรภาษาอังกฤษพิมพ์ใหญ่ ตัวเลข หรือ - _ . ไม่เกิน 32 ตัว",
                "A unit code has capital letters, digits or - _ . (at most 32)",
            ),
            ("รหัสหน่วยงานนี้มีอยู่แล้ว กรุณาใช้รหัสอื่น", "Another unit already has this code"),
            ("หน่วยงานต้นสังกัดต้องอยู่สูงกว่าหนึ่งระดับและยังใช้งานอยู่", "The parent must be an active unit exactly one level above"),
            (
                "เลิกใช้หน่วยงานนี้ไม่ได้ เนื่องจากยังมีเจ้าหน้าที่ที่ใช้งานอยู่ Token ที่รอใช้งาน หรือหน่วยงานภายใต้",
                "The unit cannot be retired: it still has active officers, pending Tokens or units under it",
            ),
            ("วันที่ไม่ถูกต้อง หรือวันสิ้นสุดอยู่ก่อนวันเริ่มต้น", "The date is not valid, or the range ends before it starts"),
            ("แบบฟอร์มนี้หมดอายุแล้ว กรุณาลองอีกครั้ง", "This form has expired; please try again"),
            ("Token นี้ถูกใช้หรือถูกยกเลิกไปแล้ว", "The Token has already been used or revoked"),
            ("ท่านไม่สามารถเปลี่ยนแปลงบัญชีของท่านเองได้", "You cannot change your own account"),
            (
                "กรุณายืนยันตัวตนด้วย Digital ID อีกครั้งก่อนออก Token",
                "Confirm who you are with Digital ID again before issuing a Token",
            ),
            (
                "ข้อความมีอักขระควบคุมทิศทางที่มองไม่เห็น ซึ่งทำให้ข้อความแสดงกลับด้านได้ กรุณาลบแล้วพิมพ์ข้อความใหม่",
                "The text contains an invisible character that can make it read backwards; delete it and type the text \
                    again",
            ),
            (
                "ข้อความมีอักขระที่มองไม่เห็น เช่น ช่องว่างความกว้างศูนย์หรือการขึ้นบรรทัดใหม่ กรุณาลบแล้วพิมพ์ข้อความใหม่แทนการวาง",
                "The text contains an invisible character, such as a zero-width space or a line break; delete it and \
                    type the text again rather than pasting it",
            ),
            (
                "มีสระหรือวรรณยุกต์ซ้อนกันเกิน 2 ตัวบนตัวอักษรเดียว กรุณาตรวจสอบการสะกด",
                "More than two vowel or tone marks are stacked on one letter; please check the spelling",
            ),
        ],
        /// The sentence of each [`Done`], in declaration order.
        done: [&'static str; 8] = [
            ("ยกเลิก Token เรียบร้อยแล้ว", "The Token has been revoked."),
            ("ระงับการใช้งานเรียบร้อยแล้ว เจ้าหน้าที่ถูกออกจากระบบทันที", "The officer has been suspended and signed out at once."),
            ("เปิดใช้งานบัญชีอีกครั้งเรียบร้อยแล้ว", "The officer has been reactivated."),
            ("บันทึกการเปลี่ยนบทบาทหรือหน่วยงานเรียบร้อยแล้ว", "The officer's role or unit has been changed."),
            ("เพิ่มหน่วยงานเรียบร้อยแล้ว", "The unit has been added."),
            ("เปลี่ยนชื่อหน่วยงานเรียบร้อยแล้ว", "The unit has been renamed."),
            ("ย้ายหน่วยงานเรียบร้อยแล้ว", "The unit has been moved."),
            ("เลิกใช้หน่วยงานเรียบร้อยแล้ว", "The unit has been retired."),
        ],
        /// The name of each [`AuditEvent`], in the order of [`AuditEvent::ALL`].
        events: [&'static str; 15] = [
            ("ออก Token", "Token issued"),
            ("ยกเลิก Token", "Token revoked"),
            ("ใช้ Token (เปิดบัญชีเจ้าหน้าที่)", "Token used (officer created)"),
            ("ปฏิเสธ Token", "Token refused"),
            ("เข้าสู่ระบบ", "Signed in"),
            ("ปฏิเสธการเข้าสู่ระบบ", "Sign-in refused"),
            ("ออกจากระบบ", "Signed out"),
            ("ไม่ให้ความยินยอมที่ Digital ID", "Consent declined at Digital ID"),
            ("ระงับการใช้งานเจ้าหน้าที่", "Officer suspended"),
            ("เปิดใช้งานเจ้าหน้าที่อีกครั้ง", "Officer reactivated"),
            ("เปลี่ยนบทบาทหรือหน่วยงานของเจ้าหน้าที่", "Officer's role or unit changed"),
            ("เพิ่มหน่วยงาน", "Unit created"),
            ("เปลี่ยนชื่อหน่วยงาน", "Unit renamed"),
            ("ย้ายหน่วยงาน", "Unit moved"),
            ("เลิกใช้หน่วยงาน", "Unit retired"),
        ],
    }
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
