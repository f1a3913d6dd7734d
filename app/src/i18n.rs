//! The translation catalogue: every string the UI shows, in Thai (the default) and English.
//!
//! A typed catalogue instead of a library: each language is one `Text` value, so a key missing in any language is a
//! compile error, lookups cost nothing at run time, and no parser or locale data reaches the WASM bundle. Thai has no
//! plural forms; sentences with values are functions of those values. Each key is written once, as one row of
//! `catalogue!`: its doc, its type, its Thai and its English side by side (why not a library's locale files:
//! `docs/ARCHITECTURE.md`, "The translation catalogue: one row per key").

use serde::{Deserialize, Serialize};

/// Declares a catalogue from one row per key: the struct with a `pub` field per key, and one constant per language.
///
/// ```text
/// catalogue! {
///     const TH = thai;       // the Thai column's constant (doc comments and visibility as written)
///     const EN = english;    // the English column's constant
///
///     /// Every string of … in one language.
///     #[derive(Debug)]
///     pub struct Text {
///         /// A key's doc comment.
///         product_name: &'static str = ("ศูนย์รวมข้อมูลบริการภาครัฐ", "Government Service Information Center"),
///         hello: fn(&str) -> String = (|name| format!("สวัสดี {name}"), |name| format!("Hello, {name}")),
///         token_status: [&'static str; 2] = [("รอใช้งาน", "Pending"), ("ใช้แล้ว", "Used")],
///     }
/// }
/// ```
///
/// A row's value is `(thai, english)`, or for an array one `(thai, english)` per element, so a key's two languages
/// are never apart. The expansion is exactly what one would write by hand — the struct and two `const` struct
/// literals — so a key missing in either language is still a compile error, and nothing runs or is added at run time.
/// The `@thai`/`@english` rules pick a column (internal). Defined above `mod admin` so that module sees it too.
macro_rules! catalogue {
    (@thai ($thai:expr, $english:expr $(,)?)) => { $thai };
    (@english ($thai:expr, $english:expr $(,)?)) => { $english };
    (@thai [$(($thai:expr, $english:expr $(,)?)),* $(,)?]) => { [$($thai),*] };
    (@english [$(($thai:expr, $english:expr $(,)?)),* $(,)?]) => { [$($english),*] };
    (
        $(#[$thai_attr:meta])* $thai_vis:vis const $thai_const:ident = thai;
        $(#[$english_attr:meta])* $english_vis:vis const $english_const:ident = english;
        $(#[$attr:meta])* $vis:vis struct $name:ident {
            $($(#[$field_attr:meta])* $field:ident: $ty:ty = $value:tt),* $(,)?
        }
    ) => {
        $(#[$attr])*
        $vis struct $name {
            $($(#[$field_attr])* pub $field: $ty,)*
        }

        $(#[$thai_attr])*
        $thai_vis const $thai_const: $name = $name { $($field: catalogue!(@thai $value),)* };

        $(#[$english_attr])*
        $english_vis const $english_const: $name = $name { $($field: catalogue!(@english $value),)* };
    };
}

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
    /// The catalogue of this language. Always inlined: where the language is known only at run time, a field read
    /// from it still folds to a choice between two strings, and the browser bundle keeps only the strings it reads
    /// (a `&Text` stored or passed on at run time keeps the whole catalogue, both languages, in the WASM).
    #[inline(always)]
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
#[inline(always)]
pub fn use_locale() -> Locale {
    leptos::prelude::use_context::<Locale>().unwrap_or_default()
}

/// The catalogue of the current render's language (see [`Locale::text`]).
#[inline(always)]
pub fn use_text() -> &'static Text {
    use_locale().text()
}

catalogue! {
    const TH = thai;
    const EN = english;

    /// Every string of the UI in one language.
    #[derive(Debug)]
    pub struct Text {
        /// The product's name, in the header and every page title.
        product_name: &'static str = ("ศูนย์รวมข้อมูลบริการภาครัฐ", "Government Service Information Center"),
        /// The line under the product's name.
        product_tagline: &'static str = ("ระบบจัดการข้อมูลสำหรับเจ้าหน้าที่", "Officers' back office"),
        /// The skip link for keyboard and screen-reader users.
        skip_to_content: &'static str = ("ข้ามไปยังเนื้อหาหลัก", "Skip to main content"),
        /// The label of the text-size control.
        text_size: &'static str = ("ขนาดตัวอักษร", "Text size"),
        /// Button: make text smaller.
        text_size_smaller: &'static str = ("ลดขนาดตัวอักษร", "Smaller text"),
        /// Button: default text size.
        text_size_default: &'static str = ("ขนาดตัวอักษรปกติ", "Default text size"),
        /// Button: make text larger.
        text_size_larger: &'static str = ("เพิ่มขนาดตัวอักษร", "Larger text"),
        /// The organisation that runs the service, in the footer.
        operator_name: &'static str = (
            "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) (สพร.)",
            "Digital Government Development Agency (Public Organization) (DGA)",
        ),
        /// Footer heading above the help contacts.
        help_heading: &'static str = ("ติดต่อสอบถาม", "Help and contact"),
        /// "Tel." before a phone number.
        phone_label: &'static str = ("โทร", "Tel."),
        /// Heading of the officers' page.
        officers_heading: &'static str = ("เว็บไซต์สำหรับเจ้าหน้าที่", "Officers' website"),
        /// What the back office is for.
        officers_intro: &'static str = (
            "ระบบจัดการข้อมูลของศูนย์รวมข้อมูลบริการภาครัฐ (Info) สำหรับเจ้าหน้าที่หน่วยงานของรัฐ \
                ใช้จัดทำและปรับปรุงข้อมูลงานบริการและคู่มือสำหรับประชาชนที่หน่วยงานต้องเผยแพร่ \
                ตามพระราชบัญญัติการอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ.\u{a0}2558",
            "The back office of the Government Service Information Center (Info), where government officers \
                prepare and update the service information and citizens' manuals their agencies must publish under the \
                Licensing Facilitation Act B.E.\u{a0}2558 (2015).",
        ),
        /// Heading of the "how to get access" box.
        access_heading: &'static str = ("การขอรับสิทธิ์เข้าใช้งาน", "Getting access"),
        /// Where central officers get their activation token.
        access_central_officers: &'static str = (
            "เจ้าหน้าที่ส่วนกลาง ติดต่อขอรับ Token ที่ DGA Contact Center",
            "Central officers get their Token from the DGA Contact Center.",
        ),
        /// Where agency and service-point officers get their activation token.
        access_unit_officers: &'static str = (
            "เจ้าหน้าที่หน่วยงาน / จุดบริการ ติดต่อขอรับ Token ที่เจ้าหน้าที่ส่วนกลางต้นสังกัด",
            "Agency and service-point officers get their Token from the central officer of their \
                parent organisation.",
        ),
        /// What to do when a token or rights are wrong.
        access_wrong_rights: &'static str = (
            "หาก Token หรือสิทธิ์ที่ได้รับไม่ถูกต้อง กรุณาติดต่อเจ้าหน้าที่ส่วนกลางต้นสังกัด",
            "If the Token or the rights you received are not correct, please contact the central \
                officer of your parent organisation.",
        ),
        /// Title of the 404 page.
        not_found_title: &'static str = ("ไม่พบหน้าที่ท่านต้องการ", "Page not found"),
        /// Body of the 404 page.
        not_found_body: &'static str = (
            "ที่อยู่ของหน้านี้อาจพิมพ์ไม่ถูกต้อง หรือหน้านี้ถูกย้ายไปแล้ว",
            "The address may be mistyped, or the page has moved.",
        ),
        /// Link back to the officers' page.
        back_to_officers_page: &'static str = ("กลับไปยังเว็บไซต์สำหรับเจ้าหน้าที่", "Back to the officers' website"),
        /// The sign-in button and page heading ("เข้าสู่ระบบ").
        sign_in: &'static str = ("เข้าสู่ระบบ", "Sign in"),
        /// The line asking which provider to sign in with.
        sign_in_choose: &'static str = ("เลือกช่องทางการเข้าสู่ระบบ", "Choose how to sign in"),
        /// The name of the list of sign-in providers, for assistive technology.
        sign_in_providers: &'static str = ("ช่องทางการเข้าสู่ระบบ", "Ways to sign in"),
        /// The caption under the "Digital ID" button.
        digital_id_caption: &'static str = ("บัญชีผู้ใช้ Digital ID ของ สพร.", "A Digital ID account of the DGA"),
        /// Heading above the registration form.
        register_heading: &'static str = ("ยังไม่มีบัญชีผู้ใช้ Digital ID", "No Digital ID account yet?"),
        /// Who should register a Digital ID first, and what comes after.
        register_hint: &'static str = (
            "เจ้าหน้าที่ที่ยังไม่มีบัญชีผู้ใช้ Digital ID ต้องลงทะเบียนก่อน โดยกรอกชื่อ - นามสกุล \
                เลขบัตรประจำตัวประชาชน และเบอร์โทรศัพท์มือถือ จากนั้นกด “เข้าสู่ระบบ” และเข้าสู่ระบบด้วยบัญชีใหม่",
            "Officers without a Digital ID account register one first with their name, citizen ID number and \
                mobile phone number, then press “Sign in” and sign in with the new account.",
        ),
        /// The button that opens Digital ID's registration.
        register_button: &'static str = ("ลงทะเบียน Digital ID", "Register a Digital ID"),
        /// The officers' page link for someone already signed in.
        go_to_home: &'static str = ("ไปยังหน้าแรก", "Go to your home page"),
        /// The officers' page link for someone who still has to confirm their identity.
        continue_activation: &'static str = ("ยืนยันตัวตนต่อ", "Continue confirming your identity"),
        /// Banner heading after signing out.
        signed_out_heading: &'static str = ("ท่านได้ออกจากระบบเรียบร้อยแล้ว", "You have signed out"),
        /// Banner heading after the session ended for want of activity.
        signed_out_idle_heading: &'static str = (
            "ระบบได้ออกจากระบบให้ท่านแล้ว เนื่องจากไม่มีการใช้งาน",
            "You were signed out because you were inactive",
        ),
        /// Banner text after the session ended for want of activity.
        signed_out_idle_body: &'static str = (
            "เพื่อความปลอดภัยของข้อมูล ระบบจะออกจากระบบเมื่อไม่มีการใช้งานเป็นเวลานาน ข้อมูลที่ยังไม่ได้ส่งจะไม่ถูกบันทึก \
                หากต้องการใช้งานต่อ กรุณากด “เข้าสู่ระบบ”",
            "To keep information safe, you are signed out after a while without activity; anything not yet sent \
                was not saved. To go on, press “Sign in”.",
        ),
        /// Banner heading after the session reached its longest life.
        signed_out_limit_heading: &'static str = (
            "ระบบได้ออกจากระบบให้ท่านแล้ว เนื่องจากครบเวลาใช้งานสูงสุด",
            "You were signed out because your session reached its time limit",
        ),
        /// Banner text after the session reached its longest life.
        signed_out_limit_body: &'static str = (
            "เพื่อความปลอดภัยของข้อมูล การเข้าสู่ระบบแต่ละครั้งใช้งานได้ไม่เกินระยะเวลาที่กำหนด หากต้องการใช้งานต่อ \
                กรุณากด “เข้าสู่ระบบ”",
            "To keep information safe, each sign-in lasts at most a fixed time. To go on, press “Sign in”.",
        ),
        /// The session-timeout dialog's heading.
        timeout_heading: &'static str = ("ใกล้หมดเวลาการใช้งาน", "You will be signed out soon"),
        /// The session-timeout dialog's text, with the time left.
        timeout_body: fn(&str) -> String = (
            |left| format!("ท่านไม่ได้ใช้งานระบบมาระยะหนึ่ง ระบบจะออกจากระบบให้อัตโนมัติในอีก {left} \
                เพื่อความปลอดภัยของข้อมูล หากยังใช้งานอยู่ กรุณากด “อยู่ในระบบต่อ”"),
            |left| format!("You have been inactive for a while. To keep information safe, you will be signed out in \
                {left}. If you are still working, press “Stay signed in”."),
        ),
        /// The dialog's heading when the session's longest life is near.
        timeout_limit_heading: &'static str = ("ใกล้ครบเวลาใช้งานสูงสุด", "Your session is about to reach its time limit"),
        /// The dialog's text when the session's longest life is near, with the time left.
        timeout_limit_body: fn(&str) -> String = (
            |left| format!("การเข้าสู่ระบบครั้งนี้ใกล้ครบเวลาใช้งานสูงสุด ระบบจะออกจากระบบในอีก {left} \
                กรุณาส่งงานที่ค้างอยู่ แล้วเข้าสู่ระบบใหม่"),
            |left| format!("This sign-in is about to reach its time limit: you will be signed out in {left}. Send \
                any unfinished work, then sign in again."),
        ),
        /// "Stay signed in".
        timeout_stay: &'static str = ("อยู่ในระบบต่อ", "Stay signed in"),
        /// Closes the time-limit warning.
        timeout_understood: &'static str = ("รับทราบ", "I understand"),
        /// A number of minutes.
        minutes: fn(i64) -> String = (
            |minutes| format!("{minutes} นาที"),
            |minutes| format!("{minutes} minute{}", if minutes == 1 { "" } else { "s" }),
        ),
        /// A number of seconds.
        seconds: fn(i64) -> String = (
            |seconds| format!("{seconds} วินาที"),
            |seconds| format!("{seconds} second{}", if seconds == 1 { "" } else { "s" }),
        ),
        /// Banner text after signing out.
        signed_out_body: &'static str = (
            "หากต้องการใช้งานอีกครั้ง กรุณากด “เข้าสู่ระบบ”",
            "To use the system again, press “Sign in”.",
        ),
        /// Banner heading after the identity confirmation succeeded.
        activated_heading: &'static str = ("ยืนยันตัวตนสำเร็จ", "Your identity is confirmed"),
        /// Banner text after the identity confirmation: sign in again.
        activated_body: &'static str = (
            "กรุณากด “เข้าสู่ระบบ” และเข้าสู่ระบบด้วย Digital ID อีกครั้ง เพื่อเข้าใช้งานระบบจัดการข้อมูล",
            "Press “Sign in” and sign in with Digital ID again to enter the data-management system.",
        ),
        /// Link-button back to the sign-in page.
        try_again: &'static str = ("ลองอีกครั้ง", "Try again"),
        /// Title of the page after "ไม่ยินยอม".
        consent_declined_title: &'static str = ("ไม่ได้ให้ความยินยอม", "Consent not given"),
        /// The sentence saying consent was not given.
        consent_declined_body: &'static str = (
            "ท่านไม่ได้ให้ความยินยอม จึงไม่สามารถเข้าใช้งานระบบได้",
            "You did not give your consent, so you cannot use the system.",
        ),
        /// Why consent at Digital ID is needed and how to give it.
        consent_declined_explanation: &'static str = (
            "ระบบต้องใช้ข้อมูลจากบัญชี Digital ID ของท่านตามนโยบายการใช้ข้อมูลของระบบ Digital ID \
                หากต้องการเข้าใช้งาน กรุณาเข้าสู่ระบบอีกครั้ง แล้วกด “ยินยอม” ที่หน้าขอความยินยอมของ Digital ID",
            "The system needs data from your Digital ID account under the Digital ID data policy. To use it, sign in \
                again and press “ยินยอม” (I consent) on Digital ID's consent screen, which is in Thai.",
        ),
        /// Title of the generic sign-in failure page.
        sign_in_failed_title: &'static str = ("เข้าสู่ระบบไม่สำเร็จ", "Sign-in failed"),
        /// What to do after a failed sign-in.
        sign_in_failed_body: &'static str = (
            "เกิดข้อผิดพลาดระหว่างการเข้าสู่ระบบด้วย Digital ID กรุณาลองอีกครั้ง",
            "Something went wrong while signing in with Digital ID. Please try again.",
        ),
        /// Whom to contact when signing in keeps failing.
        sign_in_failed_contact: &'static str = (
            "หากยังเข้าสู่ระบบไม่ได้ กรุณาติดต่อ DGA Contact Center",
            "If you still cannot sign in, contact the DGA Contact Center",
        ),
        /// Title of the page for an account below the identity assurance needed.
        assurance_title: &'static str = (
            "ต้องยืนยันตัวตนกับ Digital ID ในระดับที่สูงขึ้น",
            "Stronger identity proofing needed at Digital ID",
        ),
        /// Why there is no access yet.
        assurance_body: &'static str = (
            "บัญชี Digital ID ของท่านยังยืนยันตัวตนไม่ถึงระดับที่ระบบกำหนดสำหรับสิทธิ์ของท่าน \
                จึงยังเข้าใช้งานระบบไม่ได้ในขณะนี้",
            "Your Digital ID account has not been proofed to the level the system requires for your role, so \
                you cannot use the system yet.",
        ),
        /// Label of the account's level.
        assurance_have_label: &'static str = (
            "ระดับการยืนยันตัวตน (IAL) ของบัญชีท่าน",
            "Your account's identity assurance level (IAL)",
        ),
        /// The account's level when Digital ID gave none.
        assurance_have_unknown: &'static str = ("ไม่ทราบ (Digital ID ไม่ได้แจ้งระดับ)", "unknown (Digital ID did not say)"),
        /// Said after a level below 1.3.
        assurance_unproofed: &'static str = ("ยังไม่ได้พิสูจน์ตัวตน", "not proofed"),
        /// Label of the level needed.
        assurance_need_label: &'static str = ("ระดับที่ต้องใช้", "Level required"),
        /// "{level} or higher", for the level needed.
        assurance_or_higher: fn(&str) -> String = (
            |level| format!("{level} ขึ้นไป"),
            |level| format!("{level} or higher"),
        ),
        /// The role the level is needed for, after the level ("สำหรับ{role}", "({role})").
        assurance_for_role: fn(&str) -> String = (|role| format!("สำหรับ{role}"), |role| format!("({role})")),
        /// Said when the citizen ID must also be verified and is not.
        assurance_verify_citizen_id: &'static str = (
            "เลขประจำตัวประชาชนของท่านต้องได้รับการยืนยันกับกรมการปกครองผ่าน Digital ID ด้วย",
            "Your citizen ID must also be verified with the Department of Provincial \
                Administration through Digital ID.",
        ),
        /// Heading of how to raise the level.
        assurance_how_heading: &'static str = ("วิธียกระดับการยืนยันตัวตน", "How to raise your level"),
        /// How to reach IAL 2.3: the ThaID app.
        assurance_how_thaid: &'static str = (
            "ยืนยันตัวตนผ่านแอปพลิเคชัน ThaID ของกรมการปกครอง (ได้ระดับ 2.3)",
            "Verify your identity with the Department of Provincial Administration's ThaID app \
                (level 2.3).",
        ),
        /// How to reach IAL 1.3: the ID card's laser code.
        assurance_how_laser_code: &'static str = (
            "ยืนยันตัวตนด้วยเลขหลังบัตรประจำตัวประชาชน (Laser ID) ที่ Digital ID (ได้ระดับ 1.3)",
            "Verify your identity with the laser code on the back of your ID card at Digital ID \
                (level 1.3).",
        ),
        /// Then sign in again.
        assurance_then_sign_in: &'static str = (
            "เมื่อยืนยันตัวตนแล้ว กด “เข้าสู่ระบบ” อีกครั้ง",
            "Once verified, press “Sign in” again.",
        ),
        /// The link to Digital ID's page for raising the level.
        assurance_open_digital_id: &'static str = ("ยืนยันตัวตนที่ Digital ID", "Verify your identity at Digital ID"),
        /// Whom to ask.
        assurance_contact: &'static str = (
            "หากยืนยันตัวตนไม่ได้ หรือมีข้อสงสัย กรุณาติดต่อ DGA Contact Center",
            "If you cannot verify your identity, or have questions, contact the DGA Contact Center",
        ),
        /// Label of the reference id.
        reference_label: &'static str = ("รหัสอ้างอิง", "Reference"),
        /// Asks to quote the reference id.
        reference_hint: &'static str = (
            "กรุณาแจ้งรหัสอ้างอิงนี้แก่เจ้าหน้าที่ เพื่อให้ตรวจสอบปัญหาได้รวดเร็วขึ้น",
            "Please quote this reference so the problem can be found quickly.",
        ),
        /// A sign-out form that is not this session's (a stale page, or another site's), answered as plain text.
        logout_form_expired: &'static str = (
            "ลิงก์หรือฟอร์มนี้หมดอายุแล้ว กรุณากลับไปยังหน้าเดิม โหลดหน้าใหม่ แล้วกด “Logout” อีกครั้ง",
            "This link or form has expired. Go back, reload the page and press “Logout” again.",
        ),
        /// Title of the page after a failure of ours (HTTP 500 or 503).
        service_error_title: &'static str = ("ขออภัย ระบบขัดข้อง", "Sorry, something went wrong"),
        /// What happened, and that what was sent may not be saved.
        service_error_body: &'static str = (
            "เกิดข้อผิดพลาดในระบบ รายการที่ท่านส่งอาจยังไม่ได้รับการบันทึก กรุณาลองใหม่อีกครั้ง",
            "Something went wrong on our side, and what you sent may not have been saved. Please try \
                again.",
        ),
        /// The browser could not reach the back office (a form sent with JavaScript); what was typed is still there.
        unreachable_body: &'static str = (
            "ติดต่อระบบไม่ได้ กรุณาตรวจสอบการเชื่อมต่ออินเทอร์เน็ต แล้วกดส่งอีกครั้ง ข้อมูลที่ท่านกรอกไว้ยังอยู่ครบ",
            "The service could not be reached. Check your internet connection and send again; what you typed is \
                still here.",
        ),
        /// Whom to call if it keeps happening.
        service_error_contact: &'static str = (
            "หากยังพบปัญหาอยู่ กรุณาติดต่อ DGA Contact Center และแจ้งรหัสอ้างอิง",
            "If it keeps happening, contact the DGA Contact Center and quote the reference",
        ),
        /// Title of the page when Digital ID cannot be reached.
        digital_id_unavailable_title: &'static str = (
            "ไม่สามารถเชื่อมต่อ Digital ID ได้ในขณะนี้",
            "Digital ID cannot be reached right now",
        ),
        /// Try again later.
        digital_id_unavailable_body: &'static str = (
            "ระบบ Digital ID อาจขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้งในภายหลัง",
            "Digital ID may be having a temporary problem. Please try again later.",
        ),
        /// Whom to contact when Digital ID stays unreachable.
        digital_id_unavailable_contact: &'static str = (
            "หากยังเชื่อมต่อไม่ได้เป็นเวลานาน กรุณาติดต่อ DGA Contact Center",
            "If it stays unreachable for long, contact the DGA Contact Center",
        ),
        /// Title of the identity-confirmation page.
        activation_title: &'static str = ("ยืนยันตัวตน", "Confirm your identity"),
        /// Greeting before the visitor's name.
        hello: fn(&str) -> String = (|name| format!("สวัสดี {name}"), |name| format!("Hello, {name}")),
        /// Why a Token is asked for.
        activation_first_use: &'static str = (
            "ท่านเข้าใช้งานระบบเป็นครั้งแรก กรุณากรอก Token เพื่อยืนยันสิทธิ์การเข้าใช้งานตามสิทธิ์ที่ท่านได้รับ",
            "This is your first time here. Enter your Token to confirm your access with the rights \
                granted to you.",
        ),
        /// Heading of the "where to get a Token" box.
        activation_where_heading: &'static str = ("การขอรับ Token", "Getting a Token"),
        /// The format of a Token, under its field.
        token_hint: &'static str = (
            "ตัวอักษรภาษาอังกฤษและตัวเลข 28 ตัว แบ่งเป็นกลุ่มละ 4 ตัว เช่น XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX \
                (ไม่ต้องคำนึงถึงตัวพิมพ์เล็กหรือใหญ่)",
            "28 letters and digits in groups of four, e.g. XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX (upper or lower \
                case)",
        ),
        /// The activation form's submit button ("ยืนยัน").
        confirm: &'static str = ("ยืนยัน", "Confirm"),
        /// Heading of an error summary.
        error_summary_heading: &'static str = ("ไม่สามารถดำเนินการได้", "There is a problem"),
        /// Before an inline error message, for screen readers.
        error_prefix: &'static str = ("ข้อผิดพลาด:", "Error:"),
        /// How many of a Token's symbols have been typed (beside the field, once JavaScript runs).
        token_count: fn(usize, usize) -> String = (
            |count, of| format!("{count} / {of} ตัว"),
            |count, of| format!("{count} / {of} characters"),
        ),
        /// A character typed into the Token field that no Token has (it is left out).
        token_foreign: fn(char) -> String = (
            |c| format!("“{c}” ไม่ใช่ตัวอักษรของ Token จึงไม่ได้ใส่ไว้ Token มีเฉพาะตัวอักษรภาษาอังกฤษและตัวเลข"),
            |c| format!("“{c}” is not part of a Token and was left out. A Token has only English letters and digits."),
        ),
        /// A Thai character typed into the Token field: the keyboard is set to Thai.
        token_thai_keyboard: fn(char) -> String = (
            |c| format!("“{c}” เป็นอักษรไทย จึงไม่ได้ใส่ไว้ กรุณาเปลี่ยนแป้นพิมพ์เป็นภาษาอังกฤษ แล้วพิมพ์ต่อ"),
            |c| format!("“{c}” is a Thai letter and was left out. Please switch your keyboard to English and go on typing."),
        ),
        /// Nothing was typed.
        token_empty: &'static str = ("กรุณากรอก Token", "Enter your Token"),
        /// Not the shape of a Token.
        token_malformed: &'static str = (
            "Token ต้องมีตัวอักษรและตัวเลข 28 ตัว เช่น XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX",
            "A Token has 28 letters and digits, like XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX",
        ),
        /// Unknown, expired, used or someone else's Token.
        token_refused: &'static str = (
            "Token ไม่ถูกต้อง หมดอายุ หรือถูกใช้ไปแล้ว กรุณาติดต่อเจ้าหน้าที่ส่วนกลางต้นสังกัด",
            "The Token is wrong, has expired or has already been used. Please contact the central officer of \
                your parent organisation.",
        ),
        /// Too many wrong Tokens: wait this many minutes.
        token_too_many_attempts: fn(i64) -> String = (
            |minutes| format!("กรอก Token ไม่ถูกต้องหลายครั้งเกินไป กรุณารอ {minutes} นาที แล้วลองใหม่อีกครั้ง"),
            |minutes| {
                let unit = if minutes == 1 { "minute" } else { "minutes" };
                format!("Too many wrong Tokens. Please wait {minutes} {unit} and try again.")
            },
        ),
        /// The form's synchroniser token was missing or wrong.
        activation_form_expired: &'static str = (
            "แบบฟอร์มนี้หมดอายุแล้ว กรุณากรอก Token แล้วกด “ยืนยัน” อีกครั้ง",
            "This form has expired. Please enter your Token and press “Confirm” again.",
        ),
        /// Heading above a department's central officers.
        central_officers_of: fn(&str) -> String = (
            |department| format!("เจ้าหน้าที่ส่วนกลางของ{department}"),
            |department| format!("Central officers of {department}"),
        ),
        /// No central officer is on record: ask the DGA Contact Center.
        no_central_officers: &'static str = (
            "ยังไม่มีข้อมูลเจ้าหน้าที่ส่วนกลางในระบบ กรุณาติดต่อ DGA Contact Center",
            "No central officer is on record yet. Please contact the DGA Contact Center",
        ),
        /// Heading of the "wrong account" box on the activation page.
        wrong_account_heading: &'static str = ("เข้าสู่ระบบด้วยบัญชีอื่น", "Signed in with another account?"),
        /// What to do after signing in with the wrong Digital ID account.
        wrong_account_hint: &'static str = (
            "หากท่านเข้าสู่ระบบด้วยบัญชี Digital ID ที่ไม่ใช่ของท่าน กรุณาออกจากระบบ \
                แล้วเข้าสู่ระบบอีกครั้งด้วยบัญชีของท่านเอง",
            "If you signed in with a Digital ID account that is not yours, sign out and sign in again \
                with your own account.",
        ),
        /// The sign-out button on the activation page ("ออกจากระบบ").
        sign_out: &'static str = ("ออกจากระบบ", "Sign out"),
        /// Shown in the header's menu button when Digital ID gave no name.
        account_fallback_name: &'static str = ("บัญชีของท่าน", "Your account"),
        /// The name of the header's account menu, for assistive technology.
        account_menu: &'static str = ("เมนูผู้ใช้งาน", "Account menu"),
        /// Title of the first page after signing in.
        home_title: &'static str = ("หน้าแรก", "Home"),
        /// Heading of the "what you can do" box.
        home_what_next_heading: &'static str = ("สิ่งที่ท่านทำได้", "What you can do"),
        /// Link to the profile.
        view_profile: &'static str = ("ดูข้อมูลส่วนตัว", "View your profile"),
        /// What a DGA Contact Center officer is responsible for.
        duty_contact_center: &'static str = (
            "เจ้าหน้าที่ DGA Contact Center เป็นผู้ให้ Token แก่เจ้าหน้าที่ส่วนกลางของหน่วยงาน",
            "DGA Contact Center officers give Tokens to the central officers of agencies.",
        ),
        /// What a central officer is responsible for.
        duty_central: &'static str = (
            "เจ้าหน้าที่ส่วนกลางเป็นผู้ให้ Token แก่เจ้าหน้าที่หน่วยงานและเจ้าหน้าที่จุดบริการในสังกัดของท่าน",
            "Central officers give Tokens to the agency and service-point officers of their organisation.",
        ),
        /// What an agency or service-point officer is responsible for.
        duty_unit: &'static str = (
            "ท่านดูแลข้อมูลงานบริการและคู่มือสำหรับประชาชนของหน่วยงานของท่าน \
                หากสิทธิ์ที่ได้รับไม่ถูกต้อง กรุณาติดต่อเจ้าหน้าที่ส่วนกลางต้นสังกัด",
            "You maintain the service information and citizens' manuals of your unit. If the rights you \
                received are not correct, contact the central officer of your parent organisation.",
        ),
        /// Heading above the officer's central officers.
        your_central_officers: &'static str = ("เจ้าหน้าที่ส่วนกลางต้นสังกัด", "Central officers of your parent organisation"),
        /// What to contact the central officers about.
        your_central_officers_intro: &'static str = (
            "ติดต่อเรื่อง Token และสิทธิ์การเข้าใช้งานได้ที่",
            "Ask them about Tokens and access rights:",
        ),
        /// Heading: whom a central officer asks about their own access.
        central_rights_heading: &'static str = ("การแก้ไขสิทธิ์การเข้าใช้งาน", "Changing your access rights"),
        /// A central officer's Token and rights come from the DGA Contact Center.
        central_rights_body: &'static str = (
            "เจ้าหน้าที่ส่วนกลางได้รับ Token และแก้ไขสิทธิ์การเข้าใช้งานผ่าน DGA Contact Center",
            "Central officers get their Token, and have their access rights corrected, through the DGA Contact Center",
        ),
        /// Role: DGA Contact Center staff.
        role_contact_center: &'static str = ("เจ้าหน้าที่ DGA Contact Center", "DGA Contact Center officer"),
        /// Role: central officer.
        role_central: &'static str = ("เจ้าหน้าที่ส่วนกลาง", "Central officer"),
        /// Role: agency officer.
        role_agency: &'static str = ("เจ้าหน้าที่หน่วยงาน", "Agency officer"),
        /// Role: service-point officer.
        role_service_point: &'static str = ("เจ้าหน้าที่จุดบริการ", "Service-point officer"),
        /// Title of the profile page.
        profile_title: &'static str = ("ข้อมูลส่วนตัว", "Profile"),
        /// Where the name and contact details come from.
        profile_source_note: &'static str = (
            "ชื่อ - นามสกุล และข้อมูลการติดต่อของท่านมาจากบัญชี Digital ID",
            "Your name and contact details come from your Digital ID account.",
        ),
        /// Label: full name.
        field_name: &'static str = ("ชื่อ - นามสกุล", "Name"),
        /// Marks a value as coming from Digital ID.
        from_digital_id: &'static str = ("(จาก Digital ID)", "(from Digital ID)"),
        /// Label: citizen ID number.
        field_citizen_id: &'static str = ("เลขบัตรประจำตัวประชาชน", "Citizen ID number"),
        /// Label: mobile phone number.
        field_phone: &'static str = ("เบอร์โทรศัพท์มือถือ", "Mobile phone number"),
        /// Label: e-mail address.
        field_email: &'static str = ("อีเมล", "E-mail"),
        /// Label: organisation unit.
        field_unit: &'static str = ("หน่วยงาน", "Organisation unit"),
        /// Label: role.
        field_role: &'static str = ("บทบาท", "Role"),
        /// Label: when the officer was activated.
        field_activated_at: &'static str = ("วันที่เปิดใช้งาน", "Activated"),
        /// Label: this sign-in.
        field_last_sign_in: &'static str = ("เข้าสู่ระบบครั้งนี้", "This sign-in"),
        /// Label: the sign-in before this one.
        field_previous_sign_in: &'static str = ("เข้าสู่ระบบครั้งก่อน", "Previous sign-in"),
        /// A value that is not on record.
        no_data: &'static str = ("ไม่มีข้อมูล", "Not available"),
        /// "E-mail" before an address.
        email_label: &'static str = ("อีเมล", "E-mail"),
        /// The name of an organisation unit's chain (unit → … → ministry), for assistive technology.
        unit_chain_label: &'static str = ("หน่วยงานและหน่วยงานต้นสังกัด", "Unit and parent organisations"),
    }
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
