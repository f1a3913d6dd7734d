//! The translation catalogue: every string the UI shows, in Thai (the default) and English.
//!
//! A typed catalogue instead of a library: each language is one `Text` value, so a key missing in any language is a
//! compile error, lookups cost nothing at run time, and no parser or locale data reaches the WASM bundle. Thai has no
//! plural forms; sentences with values are functions of those values.

use serde::{Deserialize, Serialize};

pub mod admin;

/// A language of the UI. Thai is the default everywhere.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    /// ภาษาไทย
    #[default]
    Th,
    /// English
    En,
}

impl Locale {
    /// The catalogue of this language.
    pub const fn text(self) -> &'static Text {
        match self {
            Self::Th => &TH,
            Self::En => &EN,
        }
    }

    /// The BCP 47 tag for `<html lang>`; also the code the language switch posts and the cookie and the officer's
    /// row keep.
    pub const fn tag(self) -> &'static str {
        match self {
            Self::Th => "th",
            Self::En => "en",
        }
    }

    /// The language with this code (`th`, `en`); anything else is none.
    pub fn from_tag(tag: &str) -> Option<Self> {
        match tag {
            "th" => Some(Self::Th),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    /// The language the switch offers: the one not shown.
    pub const fn other(self) -> Self {
        match self {
            Self::Th => Self::En,
            Self::En => Self::Th,
        }
    }

    /// The language's name in itself, as the switch shows it.
    pub const fn own_name(self) -> &'static str {
        match self {
            Self::Th => "ภาษาไทย",
            Self::En => "English",
        }
    }

    /// A name kept in Thai and, optionally, English (an organisation unit's): the English one on English pages when
    /// there is one, the Thai (official) one otherwise.
    pub fn pick_name<'a>(self, thai: &'a str, english: Option<&'a str>) -> &'a str {
        match (self, english) {
            (Self::En, Some(english)) => english,
            _ => thai,
        }
    }

    /// What pressing the switch does, said in the language it switches to (for screen readers).
    pub const fn switch_to_this(self) -> &'static str {
        match self {
            Self::Th => "เปลี่ยนภาษาเป็นภาษาไทย",
            Self::En => "Change the language to English",
        }
    }
}

/// The language of the current render, provided by [`crate::App`]; Thai when none is provided.
pub fn use_locale() -> Locale {
    leptos::prelude::use_context::<Locale>().unwrap_or_default()
}

/// The catalogue of the current render's language.
pub fn use_text() -> &'static Text {
    use_locale().text()
}

/// Every string of the UI in one language.
#[derive(Debug)]
pub struct Text {
    /// The product's name, in the header and every page title.
    pub product_name: &'static str,
    /// The line under the product's name.
    pub product_tagline: &'static str,
    /// The skip link for keyboard and screen-reader users.
    pub skip_to_content: &'static str,
    /// The label of the text-size control.
    pub text_size: &'static str,
    /// Button: make text smaller.
    pub text_size_smaller: &'static str,
    /// Button: default text size.
    pub text_size_default: &'static str,
    /// Button: make text larger.
    pub text_size_larger: &'static str,
    /// The organisation that runs the service, in the footer.
    pub operator_name: &'static str,
    /// Footer heading above the help contacts.
    pub help_heading: &'static str,
    /// "Tel." before a phone number.
    pub phone_label: &'static str,
    /// Heading of the officers' page.
    pub officers_heading: &'static str,
    /// What the back office is for.
    pub officers_intro: &'static str,
    /// Heading of the "how to get access" box.
    pub access_heading: &'static str,
    /// Where central officers get their activation token.
    pub access_central_officers: &'static str,
    /// Where agency and service-point officers get their activation token.
    pub access_unit_officers: &'static str,
    /// What to do when a token or rights are wrong.
    pub access_wrong_rights: &'static str,
    /// Title of the 404 page.
    pub not_found_title: &'static str,
    /// Body of the 404 page.
    pub not_found_body: &'static str,
    /// Link back to the officers' page.
    pub back_to_officers_page: &'static str,
    /// The sign-in button and page heading ("เข้าสู่ระบบ").
    pub sign_in: &'static str,
    /// The line asking which provider to sign in with.
    pub sign_in_choose: &'static str,
    /// The name of the list of sign-in providers, for assistive technology.
    pub sign_in_providers: &'static str,
    /// The caption under the "Digital ID" button.
    pub digital_id_caption: &'static str,
    /// Heading above the registration form.
    pub register_heading: &'static str,
    /// Who should register a Digital ID first, and what comes after.
    pub register_hint: &'static str,
    /// The button that opens Digital ID's registration.
    pub register_button: &'static str,
    /// The officers' page link for someone already signed in.
    pub go_to_home: &'static str,
    /// The officers' page link for someone who still has to confirm their identity.
    pub continue_activation: &'static str,
    /// Banner heading after signing out.
    pub signed_out_heading: &'static str,
    /// Banner text after signing out.
    pub signed_out_body: &'static str,
    /// Banner heading after the identity confirmation succeeded.
    pub activated_heading: &'static str,
    /// Banner text after the identity confirmation: sign in again.
    pub activated_body: &'static str,
    /// Link-button back to the sign-in page.
    pub try_again: &'static str,
    /// Title of the page after "ไม่ยินยอม".
    pub consent_declined_title: &'static str,
    /// The sentence saying consent was not given.
    pub consent_declined_body: &'static str,
    /// Why consent at Digital ID is needed and how to give it.
    pub consent_declined_explanation: &'static str,
    /// Title of the generic sign-in failure page.
    pub sign_in_failed_title: &'static str,
    /// What to do after a failed sign-in.
    pub sign_in_failed_body: &'static str,
    /// Whom to contact when signing in keeps failing.
    pub sign_in_failed_contact: &'static str,
    /// Title of the page for an account below the identity assurance needed.
    pub assurance_title: &'static str,
    /// Why there is no access yet.
    pub assurance_body: &'static str,
    /// Label of the account's level.
    pub assurance_have_label: &'static str,
    /// The account's level when Digital ID gave none.
    pub assurance_have_unknown: &'static str,
    /// Said after a level below 1.3.
    pub assurance_unproofed: &'static str,
    /// Label of the level needed.
    pub assurance_need_label: &'static str,
    /// "{level} or higher", for the level needed.
    pub assurance_or_higher: fn(&str) -> String,
    /// The role the level is needed for, after the level ("สำหรับ{role}", "({role})").
    pub assurance_for_role: fn(&str) -> String,
    /// Said when the citizen ID must also be verified and is not.
    pub assurance_verify_citizen_id: &'static str,
    /// Heading of how to raise the level.
    pub assurance_how_heading: &'static str,
    /// How to reach IAL 2.3: the ThaID app.
    pub assurance_how_thaid: &'static str,
    /// How to reach IAL 1.3: the ID card's laser code.
    pub assurance_how_laser_code: &'static str,
    /// Then sign in again.
    pub assurance_then_sign_in: &'static str,
    /// The link to Digital ID's page for raising the level.
    pub assurance_open_digital_id: &'static str,
    /// Whom to ask.
    pub assurance_contact: &'static str,
    /// Label of the reference id.
    pub reference_label: &'static str,
    /// Asks to quote the reference id.
    pub reference_hint: &'static str,
    /// A sign-out form that is not this session's (a stale page, or another site's), answered as plain text.
    pub logout_form_expired: &'static str,
    /// Title of the page after a failure of ours (HTTP 500 or 503).
    pub service_error_title: &'static str,
    /// What happened, and that what was sent may not be saved.
    pub service_error_body: &'static str,
    /// Whom to call if it keeps happening.
    pub service_error_contact: &'static str,
    /// Title of the page when Digital ID cannot be reached.
    pub digital_id_unavailable_title: &'static str,
    /// Try again later.
    pub digital_id_unavailable_body: &'static str,
    /// Whom to contact when Digital ID stays unreachable.
    pub digital_id_unavailable_contact: &'static str,
    /// Title of the identity-confirmation page.
    pub activation_title: &'static str,
    /// Greeting before the visitor's name.
    pub hello: fn(&str) -> String,
    /// Why a Token is asked for.
    pub activation_first_use: &'static str,
    /// Heading of the "where to get a Token" box.
    pub activation_where_heading: &'static str,
    /// The format of a Token, under its field.
    pub token_hint: &'static str,
    /// The activation form's submit button ("ยืนยัน").
    pub confirm: &'static str,
    /// Heading of an error summary.
    pub error_summary_heading: &'static str,
    /// Before an inline error message, for screen readers.
    pub error_prefix: &'static str,
    /// Nothing was typed.
    pub token_empty: &'static str,
    /// Not the shape of a Token.
    pub token_malformed: &'static str,
    /// Unknown, expired, used or someone else's Token.
    pub token_refused: &'static str,
    /// Too many wrong Tokens: wait this many minutes.
    pub token_too_many_attempts: fn(i64) -> String,
    /// The form's synchroniser token was missing or wrong.
    pub activation_form_expired: &'static str,
    /// Heading above a department's central officers.
    pub central_officers_of: fn(&str) -> String,
    /// No central officer is on record: ask the DGA Contact Center.
    pub no_central_officers: &'static str,
    /// Heading of the "wrong account" box on the activation page.
    pub wrong_account_heading: &'static str,
    /// What to do after signing in with the wrong Digital ID account.
    pub wrong_account_hint: &'static str,
    /// The sign-out button on the activation page ("ออกจากระบบ").
    pub sign_out: &'static str,
    /// Shown in the header's menu button when Digital ID gave no name.
    pub account_fallback_name: &'static str,
    /// The name of the header's account menu, for assistive technology.
    pub account_menu: &'static str,
    /// Title of the first page after signing in.
    pub home_title: &'static str,
    /// Heading of the "what you can do" box.
    pub home_what_next_heading: &'static str,
    /// Link to the profile.
    pub view_profile: &'static str,
    /// What a DGA Contact Center officer is responsible for.
    pub duty_contact_center: &'static str,
    /// What a central officer is responsible for.
    pub duty_central: &'static str,
    /// What an agency or service-point officer is responsible for.
    pub duty_unit: &'static str,
    /// Heading above the officer's central officers.
    pub your_central_officers: &'static str,
    /// What to contact the central officers about.
    pub your_central_officers_intro: &'static str,
    /// Heading: whom a central officer asks about their own access.
    pub central_rights_heading: &'static str,
    /// A central officer's Token and rights come from the DGA Contact Center.
    pub central_rights_body: &'static str,
    /// Role: DGA Contact Center staff.
    pub role_contact_center: &'static str,
    /// Role: central officer.
    pub role_central: &'static str,
    /// Role: agency officer.
    pub role_agency: &'static str,
    /// Role: service-point officer.
    pub role_service_point: &'static str,
    /// Title of the profile page.
    pub profile_title: &'static str,
    /// Where the name and contact details come from.
    pub profile_source_note: &'static str,
    /// Label: full name.
    pub field_name: &'static str,
    /// Marks a value as coming from Digital ID.
    pub from_digital_id: &'static str,
    /// Label: citizen ID number.
    pub field_citizen_id: &'static str,
    /// Label: mobile phone number.
    pub field_phone: &'static str,
    /// Label: e-mail address.
    pub field_email: &'static str,
    /// Label: organisation unit.
    pub field_unit: &'static str,
    /// Label: role.
    pub field_role: &'static str,
    /// Label: when the officer was activated.
    pub field_activated_at: &'static str,
    /// Label: this sign-in.
    pub field_last_sign_in: &'static str,
    /// Label: the sign-in before this one.
    pub field_previous_sign_in: &'static str,
    /// A value that is not on record.
    pub no_data: &'static str,
    /// "E-mail" before an address.
    pub email_label: &'static str,
    /// The name of an organisation unit's chain (unit → … → ministry), for assistive technology.
    pub unit_chain_label: &'static str,
}

/// The DGA Contact Center's phone number as shown, and as dialled (`tel:` link).
pub const CONTACT_CENTER_PHONE: (&str, &str) = ("02-612-6060", "+6626126060");

/// The name of the DGA Contact Center (the same in both languages, as in the specification).
pub const CONTACT_CENTER_NAME: &str = "DGA Contact Center";

/// The name of the Digital ID sign-in provider, on its button (the same in both languages, as in the specification).
pub const DIGITAL_ID_NAME: &str = "Digital ID";

/// The header menu's link to the profile (the specification's label, the same in both languages).
pub const PROFILE_LINK: &str = "Profile";

/// The header menu's sign-out button (the specification's label, the same in both languages).
pub const LOGOUT_BUTTON: &str = "Logout";

/// The label of the activation token's field (the same in both languages, as in the specification).
pub const TOKEN_LABEL: &str = "Token";

const TH: Text = Text {
    product_name: "ศูนย์รวมข้อมูลบริการภาครัฐ",
    product_tagline: "ระบบจัดการข้อมูลสำหรับเจ้าหน้าที่",
    skip_to_content: "ข้ามไปยังเนื้อหาหลัก",
    text_size: "ขนาดตัวอักษร",
    text_size_smaller: "ลดขนาดตัวอักษร",
    text_size_default: "ขนาดตัวอักษรปกติ",
    text_size_larger: "เพิ่มขนาดตัวอักษร",
    operator_name: "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) (สพร.)",
    help_heading: "ติดต่อสอบถาม",
    phone_label: "โทร",
    officers_heading: "เว็บไซต์สำหรับเจ้าหน้าที่",
    officers_intro: "ระบบจัดการข้อมูลของศูนย์รวมข้อมูลบริการภาครัฐ (Info) สำหรับเจ้าหน้าที่หน่วยงานของรัฐ \
        ใช้จัดทำและปรับปรุงข้อมูลงานบริการและคู่มือสำหรับประชาชนที่หน่วยงานต้องเผยแพร่ \
        ตามพระราชบัญญัติการอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ.\u{a0}2558",
    access_heading: "การขอรับสิทธิ์เข้าใช้งาน",
    access_central_officers: "เจ้าหน้าที่ส่วนกลาง ติดต่อขอรับ Token ที่ DGA Contact Center",
    access_unit_officers: "เจ้าหน้าที่หน่วยงาน / จุดบริการ ติดต่อขอรับ Token ที่เจ้าหน้าที่ส่วนกลางต้นสังกัด",
    access_wrong_rights: "หาก Token หรือสิทธิ์ที่ได้รับไม่ถูกต้อง กรุณาติดต่อเจ้าหน้าที่ส่วนกลางต้นสังกัด",
    not_found_title: "ไม่พบหน้าที่ท่านต้องการ",
    not_found_body: "ที่อยู่ของหน้านี้อาจพิมพ์ไม่ถูกต้อง หรือหน้านี้ถูกย้ายไปแล้ว",
    back_to_officers_page: "กลับไปยังเว็บไซต์สำหรับเจ้าหน้าที่",
    sign_in: "เข้าสู่ระบบ",
    sign_in_choose: "เลือกช่องทางการเข้าสู่ระบบ",
    sign_in_providers: "ช่องทางการเข้าสู่ระบบ",
    digital_id_caption: "บัญชีผู้ใช้ Digital ID ของ สพร.",
    register_heading: "ยังไม่มีบัญชีผู้ใช้ Digital ID",
    register_hint: "เจ้าหน้าที่ที่ยังไม่มีบัญชีผู้ใช้ Digital ID ต้องลงทะเบียนก่อน โดยกรอกชื่อ - นามสกุล \
        เลขบัตรประจำตัวประชาชน และเบอร์โทรศัพท์มือถือ จากนั้นกด “เข้าสู่ระบบ” และเข้าสู่ระบบด้วยบัญชีใหม่",
    register_button: "ลงทะเบียน Digital ID",
    go_to_home: "ไปยังหน้าแรก",
    continue_activation: "ยืนยันตัวตนต่อ",
    signed_out_heading: "ท่านได้ออกจากระบบเรียบร้อยแล้ว",
    signed_out_body: "หากต้องการใช้งานอีกครั้ง กรุณากด “เข้าสู่ระบบ”",
    activated_heading: "ยืนยันตัวตนสำเร็จ",
    activated_body: "กรุณากด “เข้าสู่ระบบ” และเข้าสู่ระบบด้วย Digital ID อีกครั้ง เพื่อเข้าใช้งานระบบจัดการข้อมูล",
    try_again: "ลองอีกครั้ง",
    consent_declined_title: "ไม่ได้ให้ความยินยอม",
    consent_declined_body: "ท่านไม่ได้ให้ความยินยอม จึงไม่สามารถเข้าใช้งานระบบได้",
    consent_declined_explanation: "ระบบต้องใช้ข้อมูลจากบัญชี Digital ID ของท่านตามนโยบายการใช้ข้อมูลของระบบ Digital ID \
        หากต้องการเข้าใช้งาน กรุณาเข้าสู่ระบบอีกครั้ง แล้วกด “ยินยอม” ที่หน้าขอความยินยอมของ Digital ID",
    sign_in_failed_title: "เข้าสู่ระบบไม่สำเร็จ",
    sign_in_failed_body: "เกิดข้อผิดพลาดระหว่างการเข้าสู่ระบบด้วย Digital ID กรุณาลองอีกครั้ง",
    sign_in_failed_contact: "หากยังเข้าสู่ระบบไม่ได้ กรุณาติดต่อ DGA Contact Center",
    assurance_title: "ต้องยืนยันตัวตนกับ Digital ID ในระดับที่สูงขึ้น",
    assurance_body: "บัญชี Digital ID ของท่านยังยืนยันตัวตนไม่ถึงระดับที่ระบบกำหนดสำหรับสิทธิ์ของท่าน \
                     จึงยังเข้าใช้งานระบบไม่ได้ในขณะนี้",
    assurance_have_label: "ระดับการยืนยันตัวตน (IAL) ของบัญชีท่าน",
    assurance_have_unknown: "ไม่ทราบ (Digital ID ไม่ได้แจ้งระดับ)",
    assurance_unproofed: "ยังไม่ได้พิสูจน์ตัวตน",
    assurance_need_label: "ระดับที่ต้องใช้",
    assurance_or_higher: |level| format!("{level} ขึ้นไป"),
    assurance_for_role: |role| format!("สำหรับ{role}"),
    assurance_verify_citizen_id: "เลขประจำตัวประชาชนของท่านต้องได้รับการยืนยันกับกรมการปกครองผ่าน Digital ID ด้วย",
    assurance_how_heading: "วิธียกระดับการยืนยันตัวตน",
    assurance_how_thaid: "ยืนยันตัวตนผ่านแอปพลิเคชัน ThaID ของกรมการปกครอง (ได้ระดับ 2.3)",
    assurance_how_laser_code: "ยืนยันตัวตนด้วยเลขหลังบัตรประจำตัวประชาชน (Laser ID) ที่ Digital ID (ได้ระดับ 1.3)",
    assurance_then_sign_in: "เมื่อยืนยันตัวตนแล้ว กด “เข้าสู่ระบบ” อีกครั้ง",
    assurance_open_digital_id: "ยืนยันตัวตนที่ Digital ID",
    assurance_contact: "หากยืนยันตัวตนไม่ได้ หรือมีข้อสงสัย กรุณาติดต่อ DGA Contact Center",
    reference_label: "รหัสอ้างอิง",
    reference_hint: "กรุณาแจ้งรหัสอ้างอิงนี้แก่เจ้าหน้าที่ เพื่อให้ตรวจสอบปัญหาได้รวดเร็วขึ้น",
    logout_form_expired: "ลิงก์หรือฟอร์มนี้หมดอายุแล้ว กรุณากลับไปยังหน้าเดิม โหลดหน้าใหม่ แล้วกด “Logout” อีกครั้ง",
    service_error_title: "ขออภัย ระบบขัดข้อง",
    service_error_body: "เกิดข้อผิดพลาดในระบบ รายการที่ท่านส่งอาจยังไม่ได้รับการบันทึก กรุณาลองใหม่อีกครั้ง",
    service_error_contact: "หากยังพบปัญหาอยู่ กรุณาติดต่อ DGA Contact Center และแจ้งรหัสอ้างอิง",
    digital_id_unavailable_title: "ไม่สามารถเชื่อมต่อ Digital ID ได้ในขณะนี้",
    digital_id_unavailable_body: "ระบบ Digital ID อาจขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้งในภายหลัง",
    digital_id_unavailable_contact: "หากยังเชื่อมต่อไม่ได้เป็นเวลานาน กรุณาติดต่อ DGA Contact Center",
    activation_title: "ยืนยันตัวตน",
    hello: th_hello,
    activation_first_use: "ท่านเข้าใช้งานระบบเป็นครั้งแรก กรุณากรอก Token เพื่อยืนยันสิทธิ์การเข้าใช้งานตามสิทธิ์ที่ท่านได้รับ",
    activation_where_heading: "การขอรับ Token",
    token_hint: "ตัวอักษรภาษาอังกฤษและตัวเลข 28 ตัว แบ่งเป็นกลุ่มละ 4 ตัว เช่น XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX \
        (ไม่ต้องคำนึงถึงตัวพิมพ์เล็กหรือใหญ่)",
    confirm: "ยืนยัน",
    error_summary_heading: "ไม่สามารถดำเนินการได้",
    error_prefix: "ข้อผิดพลาด:",
    token_empty: "กรุณากรอก Token",
    token_malformed: "Token ต้องมีตัวอักษรและตัวเลข 28 ตัว เช่น XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX",
    token_refused: "Token ไม่ถูกต้อง หมดอายุ หรือถูกใช้ไปแล้ว กรุณาติดต่อเจ้าหน้าที่ส่วนกลางต้นสังกัด",
    token_too_many_attempts: th_too_many_attempts,
    activation_form_expired: "แบบฟอร์มนี้หมดอายุแล้ว กรุณากรอก Token แล้วกด “ยืนยัน” อีกครั้ง",
    central_officers_of: th_central_officers_of,
    no_central_officers: "ยังไม่มีข้อมูลเจ้าหน้าที่ส่วนกลางในระบบ กรุณาติดต่อ DGA Contact Center",
    wrong_account_heading: "เข้าสู่ระบบด้วยบัญชีอื่น",
    wrong_account_hint: "หากท่านเข้าสู่ระบบด้วยบัญชี Digital ID ที่ไม่ใช่ของท่าน กรุณาออกจากระบบ \
        แล้วเข้าสู่ระบบอีกครั้งด้วยบัญชีของท่านเอง",
    sign_out: "ออกจากระบบ",
    account_fallback_name: "บัญชีของท่าน",
    account_menu: "เมนูผู้ใช้งาน",
    home_title: "หน้าแรก",
    home_what_next_heading: "สิ่งที่ท่านทำได้",
    view_profile: "ดูข้อมูลส่วนตัว",
    duty_contact_center: "เจ้าหน้าที่ DGA Contact Center เป็นผู้ให้ Token แก่เจ้าหน้าที่ส่วนกลางของหน่วยงาน",
    duty_central: "เจ้าหน้าที่ส่วนกลางเป็นผู้ให้ Token แก่เจ้าหน้าที่หน่วยงานและเจ้าหน้าที่จุดบริการในสังกัดของท่าน",
    duty_unit: "ท่านดูแลข้อมูลงานบริการและคู่มือสำหรับประชาชนของหน่วยงานของท่าน \
        หากสิทธิ์ที่ได้รับไม่ถูกต้อง กรุณาติดต่อเจ้าหน้าที่ส่วนกลางต้นสังกัด",
    your_central_officers: "เจ้าหน้าที่ส่วนกลางต้นสังกัด",
    your_central_officers_intro: "ติดต่อเรื่อง Token และสิทธิ์การเข้าใช้งานได้ที่",
    central_rights_heading: "การแก้ไขสิทธิ์การเข้าใช้งาน",
    central_rights_body: "เจ้าหน้าที่ส่วนกลางได้รับ Token และแก้ไขสิทธิ์การเข้าใช้งานผ่าน DGA Contact Center",
    role_contact_center: "เจ้าหน้าที่ DGA Contact Center",
    role_central: "เจ้าหน้าที่ส่วนกลาง",
    role_agency: "เจ้าหน้าที่หน่วยงาน",
    role_service_point: "เจ้าหน้าที่จุดบริการ",
    profile_title: "ข้อมูลส่วนตัว",
    profile_source_note: "ชื่อ - นามสกุล และข้อมูลการติดต่อของท่านมาจากบัญชี Digital ID",
    field_name: "ชื่อ - นามสกุล",
    from_digital_id: "(จาก Digital ID)",
    field_citizen_id: "เลขบัตรประจำตัวประชาชน",
    field_phone: "เบอร์โทรศัพท์มือถือ",
    field_email: "อีเมล",
    field_unit: "หน่วยงาน",
    field_role: "บทบาท",
    field_activated_at: "วันที่เปิดใช้งาน",
    field_last_sign_in: "เข้าสู่ระบบครั้งนี้",
    field_previous_sign_in: "เข้าสู่ระบบครั้งก่อน",
    no_data: "ไม่มีข้อมูล",
    email_label: "อีเมล",
    unit_chain_label: "หน่วยงานและหน่วยงานต้นสังกัด",
};

const EN: Text = Text {
    product_name: "Government Service Information Center",
    product_tagline: "Officers' back office",
    skip_to_content: "Skip to main content",
    text_size: "Text size",
    text_size_smaller: "Smaller text",
    text_size_default: "Default text size",
    text_size_larger: "Larger text",
    operator_name: "Digital Government Development Agency (Public Organization) (DGA)",
    help_heading: "Help and contact",
    phone_label: "Tel.",
    officers_heading: "Officers' website",
    officers_intro: "The back office of the Government Service Information Center (Info), where government officers \
        prepare and update the service information and citizens' manuals their agencies must publish under the \
        Licensing Facilitation Act B.E.\u{a0}2558 (2015).",
    access_heading: "Getting access",
    access_central_officers: "Central officers get their Token from the DGA Contact Center.",
    access_unit_officers: "Agency and service-point officers get their Token from the central officer of their \
        parent organisation.",
    access_wrong_rights: "If the Token or the rights you received are not correct, please contact the central \
        officer of your parent organisation.",
    not_found_title: "Page not found",
    not_found_body: "The address may be mistyped, or the page has moved.",
    back_to_officers_page: "Back to the officers' website",
    sign_in: "Sign in",
    sign_in_choose: "Choose how to sign in",
    sign_in_providers: "Ways to sign in",
    digital_id_caption: "A Digital ID account of the DGA",
    register_heading: "No Digital ID account yet?",
    register_hint: "Officers without a Digital ID account register one first with their name, citizen ID number and \
        mobile phone number, then press “Sign in” and sign in with the new account.",
    register_button: "Register a Digital ID",
    go_to_home: "Go to your home page",
    continue_activation: "Continue confirming your identity",
    signed_out_heading: "You have signed out",
    signed_out_body: "To use the system again, press “Sign in”.",
    activated_heading: "Your identity is confirmed",
    activated_body: "Press “Sign in” and sign in with Digital ID again to enter the data-management system.",
    try_again: "Try again",
    consent_declined_title: "Consent not given",
    consent_declined_body: "You did not give your consent, so you cannot use the system.",
    consent_declined_explanation: "The system needs data from your Digital ID account under the Digital ID data \
        policy. To use it, sign in again and press “ยินยอม” (I consent) on Digital ID's consent screen, which is in \
        Thai.",
    sign_in_failed_title: "Sign-in failed",
    sign_in_failed_body: "Something went wrong while signing in with Digital ID. Please try again.",
    sign_in_failed_contact: "If you still cannot sign in, contact the DGA Contact Center",
    assurance_title: "Stronger identity proofing needed at Digital ID",
    assurance_body: "Your Digital ID account has not been proofed to the level the system requires for your role, so \
                     you cannot use the system yet.",
    assurance_have_label: "Your account's identity assurance level (IAL)",
    assurance_have_unknown: "unknown (Digital ID did not say)",
    assurance_unproofed: "not proofed",
    assurance_need_label: "Level required",
    assurance_or_higher: |level| format!("{level} or higher"),
    assurance_for_role: |role| format!("({role})"),
    assurance_verify_citizen_id: "Your citizen ID must also be verified with the Department of Provincial \
                                  Administration through Digital ID.",
    assurance_how_heading: "How to raise your level",
    assurance_how_thaid: "Verify your identity with the Department of Provincial Administration's ThaID app \
                          (level 2.3).",
    assurance_how_laser_code: "Verify your identity with the laser code on the back of your ID card at Digital ID \
                               (level 1.3).",
    assurance_then_sign_in: "Once verified, press “Sign in” again.",
    assurance_open_digital_id: "Verify your identity at Digital ID",
    assurance_contact: "If you cannot verify your identity, or have questions, contact the DGA Contact Center",
    reference_label: "Reference",
    reference_hint: "Please quote this reference so the problem can be found quickly.",
    logout_form_expired: "This link or form has expired. Go back, reload the page and press “Logout” again.",
    service_error_title: "Sorry, something went wrong",
    service_error_body: "Something went wrong on our side, and what you sent may not have been saved. Please try \
        again.",
    service_error_contact: "If it keeps happening, contact the DGA Contact Center and quote the reference",
    digital_id_unavailable_title: "Digital ID cannot be reached right now",
    digital_id_unavailable_body: "Digital ID may be having a temporary problem. Please try again later.",
    digital_id_unavailable_contact: "If it stays unreachable for long, contact the DGA Contact Center",
    activation_title: "Confirm your identity",
    hello: en_hello,
    activation_first_use: "This is your first time here. Enter your Token to confirm your access with the rights \
        granted to you.",
    activation_where_heading: "Getting a Token",
    token_hint: "28 letters and digits in groups of four, e.g. XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX (upper or lower \
        case)",
    confirm: "Confirm",
    error_summary_heading: "There is a problem",
    error_prefix: "Error:",
    token_empty: "Enter your Token",
    token_malformed: "A Token has 28 letters and digits, like XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX",
    token_refused: "The Token is wrong, has expired or has already been used. Please contact the central officer of \
        your parent organisation.",
    token_too_many_attempts: en_too_many_attempts,
    activation_form_expired: "This form has expired. Please enter your Token and press “Confirm” again.",
    central_officers_of: en_central_officers_of,
    no_central_officers: "No central officer is on record yet. Please contact the DGA Contact Center",
    wrong_account_heading: "Signed in with another account?",
    wrong_account_hint: "If you signed in with a Digital ID account that is not yours, sign out and sign in again \
        with your own account.",
    sign_out: "Sign out",
    account_fallback_name: "Your account",
    account_menu: "Account menu",
    home_title: "Home",
    home_what_next_heading: "What you can do",
    view_profile: "View your profile",
    duty_contact_center: "DGA Contact Center officers give Tokens to the central officers of agencies.",
    duty_central: "Central officers give Tokens to the agency and service-point officers of their organisation.",
    duty_unit: "You maintain the service information and citizens' manuals of your unit. If the rights you \
        received are not correct, contact the central officer of your parent organisation.",
    your_central_officers: "Central officers of your parent organisation",
    your_central_officers_intro: "Ask them about Tokens and access rights:",
    central_rights_heading: "Changing your access rights",
    central_rights_body: "Central officers get their Token, and have their access rights corrected, through the DGA Contact Center",
    role_contact_center: "DGA Contact Center officer",
    role_central: "Central officer",
    role_agency: "Agency officer",
    role_service_point: "Service-point officer",
    profile_title: "Profile",
    profile_source_note: "Your name and contact details come from your Digital ID account.",
    field_name: "Name",
    from_digital_id: "(from Digital ID)",
    field_citizen_id: "Citizen ID number",
    field_phone: "Mobile phone number",
    field_email: "E-mail",
    field_unit: "Organisation unit",
    field_role: "Role",
    field_activated_at: "Activated",
    field_last_sign_in: "This sign-in",
    field_previous_sign_in: "Previous sign-in",
    no_data: "Not available",
    email_label: "E-mail",
    unit_chain_label: "Unit and parent organisations",
};

fn th_hello(name: &str) -> String {
    format!("สวัสดี {name}")
}

fn en_hello(name: &str) -> String {
    format!("Hello, {name}")
}

fn th_too_many_attempts(minutes: i64) -> String {
    format!("กรอก Token ไม่ถูกต้องหลายครั้งเกินไป กรุณารอ {minutes} นาที แล้วลองใหม่อีกครั้ง")
}

fn en_too_many_attempts(minutes: i64) -> String {
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Too many wrong Tokens. Please wait {minutes} {unit} and try again.")
}

fn th_central_officers_of(department: &str) -> String {
    format!("เจ้าหน้าที่ส่วนกลางของ{department}")
}

fn en_central_officers_of(department: &str) -> String {
    format!("Central officers of {department}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_is_the_default_language() {
        assert_eq!(Locale::default(), Locale::Th);
        assert_eq!(Locale::default().tag(), "th");
        assert_eq!(Locale::Th.text().product_name, "ศูนย์รวมข้อมูลบริการภาครัฐ");
    }

    #[test]
    fn the_access_rules_use_the_specifications_wording() {
        let th = Locale::Th.text();
        assert_eq!(th.access_central_officers, "เจ้าหน้าที่ส่วนกลาง ติดต่อขอรับ Token ที่ DGA Contact Center");
        assert!(th.access_unit_officers.contains("เจ้าหน้าที่ส่วนกลางต้นสังกัด"));
    }

    #[test]
    fn no_string_is_empty_or_left_untranslated() {
        // Debug prints every field; an empty English or Thai value would show as "".
        for locale in [Locale::Th, Locale::En] {
            let dump = format!("{:?}", locale.text());
            assert!(!dump.contains("\"\""), "{locale:?} has an empty string");
        }
        let (th, en) = (format!("{:?}", Locale::Th.text()), format!("{:?}", Locale::En.text()));
        let th_values: Vec<&str> = th.split('"').skip(1).step_by(2).collect();
        let en_values: Vec<&str> = en.split('"').skip(1).step_by(2).collect();
        assert_eq!(th_values.len(), en_values.len());
        let same: Vec<_> = th_values.iter().zip(&en_values).filter(|(t, e)| t == e).collect();
        assert!(same.is_empty(), "strings identical in Thai and English: {same:?}");
    }

    #[test]
    fn sentences_with_values_put_the_value_in_both_languages() {
        for locale in [Locale::Th, Locale::En] {
            let text = locale.text();
            assert!((text.hello)("นายทดลอง ใจดี").contains("นายทดลอง ใจดี"));
            assert!((text.token_too_many_attempts)(15).contains("15"));
            assert!((text.central_officers_of)("กรมการปกครอง").contains("กรมการปกครอง"));
        }
        assert_ne!((Locale::Th.text().hello)("x"), (Locale::En.text().hello)("x"));
    }

    #[test]
    fn english_says_one_minute_but_several_minutes() {
        let en = Locale::En.text();
        assert!((en.token_too_many_attempts)(1).contains("1 minute "));
        assert!((en.token_too_many_attempts)(5).contains("5 minutes "));
    }

    #[test]
    fn the_token_errors_use_the_specifications_wording() {
        let th = Locale::Th.text();
        assert_eq!(th.token_empty, "กรุณากรอก Token");
        assert_eq!(th.token_refused, "Token ไม่ถูกต้อง หมดอายุ หรือถูกใช้ไปแล้ว กรุณาติดต่อเจ้าหน้าที่ส่วนกลางต้นสังกัด");
        assert_eq!(th.consent_declined_body, "ท่านไม่ได้ให้ความยินยอม จึงไม่สามารถเข้าใช้งานระบบได้");
    }
}
