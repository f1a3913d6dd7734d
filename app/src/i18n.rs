//! The translation catalogue: every string the UI shows, in Thai (the default) and English.
//!
//! A typed catalogue instead of a library: each language is one `Text` value, so a key missing in any language is a
//! compile error, lookups cost nothing at run time, and no parser or locale data reaches the WASM bundle. Thai has no
//! plural forms; sentences with values are functions of those values.

use serde::{Deserialize, Serialize};

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

    /// The BCP 47 tag for `<html lang>`.
    pub const fn tag(self) -> &'static str {
        match self {
            Self::Th => "th",
            Self::En => "en",
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
}

/// The DGA Contact Center's phone number as shown, and as dialled (`tel:` link).
pub const CONTACT_CENTER_PHONE: (&str, &str) = ("02-612-6060", "+6626126060");

/// The name of the DGA Contact Center (the same in both languages, as in the specification).
pub const CONTACT_CENTER_NAME: &str = "DGA Contact Center";

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
};

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
}
