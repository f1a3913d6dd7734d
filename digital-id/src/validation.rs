//! The registration form's rules: every field is checked, every problem is reported at once with a Thai message
//! for its field, and what passes comes out normalized as a [`NewAccount`]. The optional identity proofing (birth
//! date and the ID card's laser code, checked with the simulated DOPA) decides the account's [`Assurance`]; the
//! assurance page uses the same rules ([`laser_code_proofing`]).

use std::fmt;

use chrono::NaiveDate;
use domain::free_text::{FreeTextProblem, MAX_MARKS_PER_LETTER};

use crate::citizen_id;
use crate::pages::{FieldErrors, RegisterField, RegisterForm};
use crate::proofing::{Assurance, BirthDate, DopaAnswer, LaserCode, dopa_check};

/// The name prefixes (คำนำหน้าชื่อ) the form offers.
pub const TITLES: [&str; 3] = ["นาย", "นาง", "นางสาว"];

/// The longest given or family name, in characters.
pub const NAME_MAX_CHARS: usize = 100;
/// The shortest username, in characters.
pub const USERNAME_MIN_CHARS: usize = 4;
/// The longest username, in characters.
pub const USERNAME_MAX_CHARS: usize = 32;
/// The shortest password, in characters (Unicode scalar values), following OWASP ASVS 5 and NIST SP 800-63B.
pub const PASSWORD_MIN_CHARS: usize = 10;
/// The longest password, in characters.
pub const PASSWORD_MAX_CHARS: usize = 128;

/// Passwords that are among the most used and guessed first, compared case-insensitively. Most are shorter than
/// [`PASSWORD_MIN_CHARS`] and already fail on length; they are listed so the rule stands on its own.
const COMMON_PASSWORDS: &[&str] = &[
    "password",
    "12345678",
    "123456789",
    "qwerty123",
    "1234567890",
    "0123456789",
    "0987654321",
    "1234512345",
    "1122334455",
    "1234567891",
    "123456789a",
    "a123456789",
    "aa12345678",
    "abc1234567",
    "abcd1234",
    "abcd123456",
    "abcdefghij",
    "password1",
    "password12",
    "password123",
    "password1234",
    "passw0rd123",
    "p@ssw0rd123",
    "qwertyuiop",
    "qwerty1234",
    "qwerty12345",
    "1q2w3e4r5t",
    "1qaz2wsx3edc",
    "q1w2e3r4t5",
    "asdfghjkl1",
    "zaq12wsxcde3",
    "iloveyou",
    "iloveyou12",
    "iloveyou123",
    "admin1234",
    "admin12345",
    "administrator",
    "welcome123",
    "welcome1234",
    "letmein123",
    "football123",
    "princess123",
    "sunshine123",
    "changeme123",
    "thailand123",
    "thailand1234",
    "bangkok123",
    "bangkok1234",
    "digitalid123",
    "digitalid1234",
];

/// A registration that passed every rule, normalized and ready to store.
#[derive(Clone, PartialEq, Eq)]
pub struct NewAccount {
    /// คำนำหน้าชื่อ: one of [`TITLES`], or `None` when not given.
    pub title: Option<String>,
    /// ชื่อ, trimmed, inner whitespace collapsed to single spaces.
    pub given_name: String,
    /// นามสกุล, trimmed, inner whitespace collapsed to single spaces.
    pub family_name: String,
    /// เลขบัตรประจำตัวประชาชน: 13 ASCII digits with a correct check digit.
    pub citizen_id: String,
    /// เบอร์โทรศัพท์มือถือ: 10 ASCII digits starting `06`, `08` or `09` (e.g. `0812345678`).
    pub phone_number: String,
    /// ชื่อบัญชีผู้ใช้, lowercased.
    pub username: String,
    /// รหัสผ่าน exactly as typed (never trimmed); hash it before it goes anywhere.
    pub password: String,
    /// The level the registration's identity proofing reached (the laser code itself is not kept).
    pub assurance: Assurance,
}

impl fmt::Debug for NewAccount {
    /// Redacts the password and masks the citizen ID, so a `NewAccount` can never leak them into a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewAccount")
            .field("title", &self.title)
            .field("given_name", &self.given_name)
            .field("family_name", &self.family_name)
            .field("citizen_id", &citizen_id::mask(&self.citizen_id))
            .field("phone_number", &self.phone_number)
            .field("username", &self.username)
            .field("password", &"[redacted]")
            .field("assurance", &self.assurance)
            .finish()
    }
}

/// Checks a posted registration form against every rule and returns either the normalized account or a Thai message
/// for each field that is wrong (all of them, not just the first).
pub fn validate_registration(form: &RegisterForm) -> Result<NewAccount, FieldErrors> {
    validate_registration_on(form, chrono::Utc::now().date_naive())
}

/// [`validate_registration`] on the day `today` (birth dates may not be later).
pub fn validate_registration_on(form: &RegisterForm, today: NaiveDate) -> Result<NewAccount, FieldErrors> {
    let mut errors = FieldErrors::new();
    // A failed rule records its message and leaves an empty placeholder; the account is returned only without errors.
    let mut take = |field: RegisterField, result: Result<String, String>| {
        result.unwrap_or_else(|message| {
            errors.insert(field, message);
            String::new()
        })
    };
    // The password must not contain the username or citizen ID even when those fields have their own errors.
    let typed_username = form.username.trim().to_lowercase();
    let typed_citizen_id = citizen_id::normalize(&form.citizen_id);

    let account = NewAccount {
        title: Some(take(RegisterField::Title, title(&form.title))).filter(|title| !title.is_empty()),
        given_name: take(RegisterField::GivenName, name(&form.given_name, "ชื่อ")),
        family_name: take(RegisterField::FamilyName, name(&form.family_name, "นามสกุล")),
        citizen_id: take(RegisterField::CitizenId, citizen_id_field(&form.citizen_id)),
        phone_number: take(RegisterField::PhoneNumber, phone_number(&form.phone_number)),
        username: take(RegisterField::Username, username(&form.username)),
        password: take(RegisterField::Password, password(&form.password, &typed_username, typed_citizen_id.as_deref())),
        assurance: Assurance::Unproofed,
    };
    if let Err(message) = password_confirmation(&form.password, &form.password_confirmation) {
        errors.insert(RegisterField::PasswordConfirmation, message);
    }
    // DOPA is asked only about a citizen ID that passed its own rule.
    let checked_citizen_id = (!errors.contains_key(&RegisterField::CitizenId)).then_some(account.citizen_id.as_str());
    let assurance =
        laser_code_proofing(&form.birth_date, &form.laser_code, checked_citizen_id, Proofing::Optional, today);
    let account = match assurance {
        Ok(assurance) => NewAccount { assurance, ..account },
        Err(problems) => {
            errors.extend(problems);
            account
        }
    };

    if errors.is_empty() { Ok(account) } else { Err(errors) }
}

/// Whether identity proofing may be left out (registration) or is what the form is for (the assurance page).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Proofing {
    /// Both fields empty means "no proofing" (IAL 1.1).
    Optional,
    /// Both fields must be given.
    Required,
}

/// The laser-code proofing of a form: the birth date (วันเดือนปีเกิด) and laser code (เลขหลังบัตรประจำตัวประชาชน)
/// are checked for shape and then, with the citizen ID, by the simulated DOPA. Returns the level reached — IAL 1.3
/// when DOPA confirms the card, IAL 1.1 when `Optional` and both are empty — or a Thai message for each field that is
/// wrong. Without `citizen_id` (its own field is wrong) DOPA is not asked and only the shapes are checked.
pub fn laser_code_proofing(
    birth_date: &str,
    laser_code: &str,
    citizen_id: Option<&str>,
    proofing: Proofing,
    today: NaiveDate,
) -> Result<Assurance, FieldErrors> {
    let (birth_date, laser_code) = (birth_date.trim(), laser_code.trim());
    if proofing == Proofing::Optional && birth_date.is_empty() && laser_code.is_empty() {
        return Ok(Assurance::Unproofed);
    }
    let mut errors = FieldErrors::new();
    let born = if birth_date.is_empty() {
        errors.insert(RegisterField::BirthDate, "กรุณากรอกวันเดือนปีเกิด เพื่อยืนยันตัวตนด้วยบัตรประจำตัวประชาชน".to_owned());
        None
    } else {
        let born = BirthDate::parse(birth_date, today);
        if born.is_none() {
            errors.insert(
                RegisterField::BirthDate,
                "วันเดือนปีเกิดไม่ถูกต้อง กรุณากรอกเป็น วว/ดด/ปปปป (ปี พ.ศ.) เช่น 15/08/2530".to_owned(),
            );
        }
        born
    };
    let code = if laser_code.is_empty() {
        errors.insert(
            RegisterField::LaserCode,
            "กรุณากรอกเลขหลังบัตรประจำตัวประชาชน (Laser ID) เพื่อยืนยันตัวตนด้วยบัตรประจำตัวประชาชน".to_owned(),
        );
        None
    } else {
        let code = LaserCode::parse(laser_code);
        if code.is_none() {
            errors.insert(
                RegisterField::LaserCode,
                "เลขหลังบัตรประจำตัวประชาชน (Laser ID) ต้องเป็นตัวอักษรภาษาอังกฤษ 2 ตัว ตามด้วยตัวเลข 10 หลัก \
                 เช่น JT0-1234567-89"
                    .to_owned(),
            );
        }
        code
    };
    if let (Some(born), Some(code), Some(citizen_id)) = (born, code, citizen_id)
        && dopa_check(citizen_id, born, &code) == DopaAnswer::DoesNotMatch
    {
        errors.insert(
            RegisterField::LaserCode,
            "ข้อมูลไม่ตรงกับทะเบียนราษฎรของกรมการปกครอง กรุณาตรวจสอบเลขหลังบัตรประจำตัวประชาชน (Laser ID) \
             และวันเดือนปีเกิดให้ตรงกับบัตรประจำตัวประชาชน"
                .to_owned(),
        );
    }
    if errors.is_empty() { Ok(Assurance::LaserCode) } else { Err(errors) }
}

/// The form of a sign-in name used to look an account up: a citizen ID (typed with or without spaces and dashes)
/// becomes its 13 digits, anything else is a username and is lowercased.
pub fn normalize_login(input: &str) -> String {
    let trimmed = input.trim();
    citizen_id::normalize(trimmed).unwrap_or_else(|| trimmed.to_lowercase())
}

/// คำนำหน้าชื่อ: empty, or one of [`TITLES`]. Returns the title or an empty string.
fn title(input: &str) -> Result<String, String> {
    let title = input.trim();
    if title.is_empty() || TITLES.contains(&title) {
        Ok(title.to_owned())
    } else {
        Err("กรุณาเลือกคำนำหน้าชื่อจากรายการ (นาย นาง หรือ นางสาว)".to_owned())
    }
}

/// ชื่อ or นามสกุล (`label`): required, at most [`NAME_MAX_CHARS`], Thai or Latin letters with spaces, `.` and `-`.
fn name(input: &str, label: &str) -> Result<String, String> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(format!("กรุณากรอก{label}"));
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(format!("{label}ต้องยาวไม่เกิน {NAME_MAX_CHARS} ตัวอักษร"));
    }
    // The back office's own rule for free text (direction controls, invisible characters, stacked marks).
    match domain::free_text::check(&name) {
        Ok(()) => {}
        Err(FreeTextProblem::DirectionControl(_)) => {
            return Err(format!("{label}มีอักขระควบคุมทิศทางข้อความที่มองไม่เห็น ซึ่งทำให้ชื่อแสดงผลผิดไปจากที่พิมพ์ กรุณาพิมพ์{label}ใหม่"));
        }
        Err(FreeTextProblem::Invisible(_)) => {
            return Err(format!("{label}มีอักขระที่มองไม่เห็น กรุณาพิมพ์{label}ใหม่"));
        }
        Err(FreeTextProblem::StackedMarks) => {
            return Err(format!(
                "{label}มีสระหรือวรรณยุกต์ซ้อนกันบนตัวอักษรเดียวเกิน {MAX_MARKS_PER_LETTER} ตัว กรุณาตรวจสอบการพิมพ์"
            ));
        }
    }
    if !name.chars().all(|c| is_name_letter(c) || matches!(c, ' ' | '.' | '-')) || !name.chars().any(is_name_letter) {
        return Err(format!("{label}ใช้ได้เฉพาะตัวอักษรภาษาไทยหรือภาษาอังกฤษ เว้นวรรค จุด (.) และขีด (-)"));
    }
    Ok(name)
}

/// A letter of a Thai or Latin name: Thai consonants, vowels, tone and other marks (not Thai digits or
/// punctuation such as ๏ ๚ ๛), ASCII letters, and the accented letters of Latin-1 and Latin Extended-A/B.
fn is_name_letter(c: char) -> bool {
    matches!(c, '\u{0E01}'..='\u{0E3A}' | '\u{0E40}'..='\u{0E4E}')
        || c.is_ascii_alphabetic()
        || (matches!(c, '\u{00C0}'..='\u{024F}') && c.is_alphabetic())
}

/// เลขบัตรประจำตัวประชาชน: 13 digits (spaces and dashes allowed) with a valid first and check digit.
fn citizen_id_field(input: &str) -> Result<String, String> {
    if input.trim().is_empty() {
        return Err("กรุณากรอกเลขบัตรประจำตัวประชาชน".to_owned());
    }
    let Some(digits) = citizen_id::normalize(input) else {
        return Err("เลขบัตรประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก".to_owned());
    };
    if !citizen_id::is_valid(&digits) {
        return Err("เลขบัตรประจำตัวประชาชนไม่ถูกต้อง (ตรวจสอบหลักสุดท้าย)".to_owned());
    }
    Ok(digits)
}

/// เบอร์โทรศัพท์มือถือ: a Thai mobile number, 10 digits starting 06, 08 or 09; `+66` stands for the leading 0.
fn phone_number(input: &str) -> Result<String, String> {
    let compact: String = input.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if compact.is_empty() {
        return Err("กรุณากรอกเบอร์โทรศัพท์มือถือ".to_owned());
    }
    let number = match compact.strip_prefix("+66") {
        Some(rest) => format!("0{rest}"),
        None => compact,
    };
    let is_mobile = number.len() == 10
        && number.bytes().all(|b| b.is_ascii_digit())
        && ["06", "08", "09"].iter().any(|prefix| number.starts_with(prefix));
    if is_mobile {
        Ok(number)
    } else {
        Err("เบอร์โทรศัพท์มือถือต้องเป็นตัวเลข 10 หลัก ขึ้นต้นด้วย 06, 08 หรือ 09".to_owned())
    }
}

/// ชื่อบัญชีผู้ใช้: 4–32 of `a–z 0–9 . _ -`, starting with a letter, lowercased. A 13-digit username would be
/// mistaken for a citizen ID at sign-in, which the rule about the first letter also excludes.
fn username(input: &str) -> Result<String, String> {
    let username = input.trim().to_lowercase();
    if username.is_empty() {
        return Err("กรุณากรอกชื่อบัญชีผู้ใช้".to_owned());
    }
    if citizen_id::normalize(&username).is_some() {
        return Err("ชื่อบัญชีผู้ใช้ต้องไม่เป็นเลข 13 หลัก".to_owned());
    }
    let length = username.chars().count();
    if !(USERNAME_MIN_CHARS..=USERNAME_MAX_CHARS).contains(&length) {
        return Err(format!("ชื่อบัญชีผู้ใช้ต้องยาว {USERNAME_MIN_CHARS}–{USERNAME_MAX_CHARS} ตัวอักษร"));
    }
    if !username.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-')) {
        return Err("ชื่อบัญชีผู้ใช้ใช้ได้เฉพาะตัวอักษรภาษาอังกฤษ (a–z) ตัวเลข จุด (.) ขีดล่าง (_) และขีด (-)".to_owned());
    }
    if !username.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err("ชื่อบัญชีผู้ใช้ต้องขึ้นต้นด้วยตัวอักษรภาษาอังกฤษ (a–z)".to_owned());
    }
    Ok(username)
}

/// รหัสผ่าน: length limits, not one repeated character, not a common password, and not containing the username
/// (lowercased, only when it is long enough to mean something) or the citizen ID (normalized digits).
fn password(password: &str, username: &str, citizen_id: Option<&str>) -> Result<String, String> {
    if password.is_empty() {
        return Err("กรุณากำหนดรหัสผ่าน".to_owned());
    }
    let length = password.chars().count();
    if length < PASSWORD_MIN_CHARS {
        return Err(format!("รหัสผ่านต้องยาวอย่างน้อย {PASSWORD_MIN_CHARS} ตัวอักษร"));
    }
    if length > PASSWORD_MAX_CHARS {
        return Err(format!("รหัสผ่านต้องยาวไม่เกิน {PASSWORD_MAX_CHARS} ตัวอักษร"));
    }
    let mut chars = password.chars();
    if chars.next().is_some_and(|first| chars.all(|c| c == first)) {
        return Err("รหัสผ่านต้องไม่เป็นตัวอักษรเดียวกันทั้งหมด".to_owned());
    }
    let lowercase = password.to_lowercase();
    if COMMON_PASSWORDS.contains(&lowercase.as_str()) {
        return Err("รหัสผ่านนี้มีผู้ใช้จำนวนมากและเดาได้ง่าย กรุณาตั้งรหัสผ่านอื่น".to_owned());
    }
    if username.chars().count() >= USERNAME_MIN_CHARS && lowercase.contains(username) {
        return Err("รหัสผ่านต้องไม่มีชื่อบัญชีผู้ใช้อยู่ในรหัสผ่าน".to_owned());
    }
    if let Some(digits) = citizen_id {
        let compact: String = password.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
        if compact.contains(digits) {
            return Err("รหัสผ่านต้องไม่มีเลขบัตรประจำตัวประชาชนอยู่ในรหัสผ่าน".to_owned());
        }
    }
    Ok(password.to_owned())
}

/// ยืนยันรหัสผ่าน: must repeat the password exactly. When both are empty the password's own error is enough.
fn password_confirmation(password: &str, confirmation: &str) -> Result<(), String> {
    if confirmation.is_empty() && !password.is_empty() {
        Err("กรุณายืนยันรหัสผ่าน".to_owned())
    } else if password != confirmation {
        Err("รหัสผ่านและยืนยันรหัสผ่านไม่ตรงกัน".to_owned())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_form() -> RegisterForm {
        RegisterForm {
            title: "นางสาว".to_owned(),
            given_name: "สมหญิง".to_owned(),
            family_name: "ใจดี".to_owned(),
            citizen_id: "1-1017-00207-03-0".to_owned(),
            phone_number: "081-234-5678".to_owned(),
            username: "Somying.J".to_owned(),
            password: "ม้าลายกินหญ้าริมน้ำ".to_owned(),
            password_confirmation: "ม้าลายกินหญ้าริมน้ำ".to_owned(),
            birth_date: String::new(),
            laser_code: String::new(),
        }
    }

    fn proofed_form(laser_code: &str) -> RegisterForm {
        RegisterForm { birth_date: "15/08/2530".to_owned(), laser_code: laser_code.to_owned(), ..valid_form() }
    }

    fn error_for(form: &RegisterForm, field: RegisterField) -> Option<String> {
        validate_registration(form).err().and_then(|errors| errors.get(&field).cloned())
    }

    #[test]
    fn a_complete_form_becomes_a_normalized_account() {
        let account = validate_registration(&valid_form()).expect("the form is valid");
        assert_eq!(
            account,
            NewAccount {
                title: Some("นางสาว".to_owned()),
                given_name: "สมหญิง".to_owned(),
                family_name: "ใจดี".to_owned(),
                citizen_id: "1101700207030".to_owned(),
                phone_number: "0812345678".to_owned(),
                username: "somying.j".to_owned(),
                password: "ม้าลายกินหญ้าริมน้ำ".to_owned(),
                assurance: Assurance::Unproofed,
            }
        );
    }

    #[test]
    fn a_registration_with_a_laser_code_that_dopa_confirms_is_ial_1_3() {
        for typed in ["JT0-1234567-89", "jt0123456789"] {
            let account = validate_registration(&proofed_form(typed)).expect("the form is valid");
            assert_eq!(account.assurance, Assurance::LaserCode, "{typed}");
        }
        let debug = format!("{:?}", validate_registration(&proofed_form("XY9-7654321-98")).expect("valid"));
        assert!(!debug.contains("7654321"), "the laser code is nowhere in the account: {debug}");
        assert!(debug.contains("LaserCode"), "{debug}");
    }

    #[test]
    fn the_laser_code_dopa_refuses_is_reported_on_its_field() {
        let errors = validate_registration(&proofed_form(crate::proofing::REFUSED_LASER_CODE)).expect_err("refused");
        assert_eq!(errors.keys().copied().collect::<Vec<_>>(), [RegisterField::LaserCode]);
        assert!(errors[&RegisterField::LaserCode].contains("ไม่ตรงกับทะเบียนราษฎร"), "{errors:?}");
    }

    #[test]
    fn half_of_the_proofing_asks_for_the_other_half() {
        let without_birth_date = RegisterForm { birth_date: String::new(), ..proofed_form("JT0123456789") };
        assert_eq!(
            error_for(&without_birth_date, RegisterField::BirthDate).as_deref(),
            Some("กรุณากรอกวันเดือนปีเกิด เพื่อยืนยันตัวตนด้วยบัตรประจำตัวประชาชน")
        );
        let without_laser_code = proofed_form("");
        assert!(error_for(&without_laser_code, RegisterField::LaserCode).is_some_and(|m| m.starts_with("กรุณากรอก")));
    }

    #[test]
    fn a_malformed_laser_code_or_birth_date_is_explained() {
        let laser = error_for(&proofed_form("JT0-1234567"), RegisterField::LaserCode).expect("an error");
        assert!(laser.contains("ตัวอักษรภาษาอังกฤษ 2 ตัว ตามด้วยตัวเลข 10 หลัก"), "{laser}");
        let form = RegisterForm { birth_date: "1987-08-15".to_owned(), ..proofed_form("JT0123456789") };
        let birth = error_for(&form, RegisterField::BirthDate).expect("an error");
        assert!(birth.contains("วว/ดด/ปปปป"), "{birth}");
    }

    #[test]
    fn the_assurance_page_requires_both_proofing_fields() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("a date");
        let errors = laser_code_proofing("", "", Some("1101700207030"), Proofing::Required, today).expect_err("empty");
        assert_eq!(errors.keys().copied().collect::<Vec<_>>(), [RegisterField::BirthDate, RegisterField::LaserCode]);
        let level = laser_code_proofing("1/1/2530", "AB1234567890", Some("1101700207030"), Proofing::Required, today);
        assert_eq!(level.ok(), Some(Assurance::LaserCode));
    }

    #[test]
    fn names_with_bidi_controls_are_refused_with_their_own_message() {
        for control in ['\u{202E}', '\u{202A}', '\u{2066}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}'] {
            let form = RegisterForm { given_name: format!("สม{control}ชาย"), ..valid_form() };
            let message = error_for(&form, RegisterField::GivenName).expect("refused");
            assert!(message.contains("อักขระควบคุมทิศทางข้อความ"), "U+{:04X}: {message}", u32::from(control));
        }
    }

    #[test]
    fn names_with_invisible_characters_are_refused_with_their_own_message() {
        for invisible in ['\u{200B}', '\u{FEFF}', '\u{00AD}'] {
            let form = RegisterForm { given_name: format!("สม{invisible}ชาย"), ..valid_form() };
            let message = error_for(&form, RegisterField::GivenName).expect("refused");
            assert!(message.contains("อักขระที่มองไม่เห็น"), "U+{:04X}: {message}", u32::from(invisible));
        }
    }

    #[test]
    fn more_than_two_marks_stacked_on_one_letter_are_refused_but_a_vowel_with_a_tone_is_not() {
        // กิ่ = ก + ิ + ่: an upper vowel and a tone mark, as Thai writes them.
        for name in ["กิ่งแก้ว", "ปิ่น", "ชื่อ", "กั้น"] {
            let form = RegisterForm { given_name: name.to_owned(), ..valid_form() };
            assert_eq!(error_for(&form, RegisterField::GivenName), None, "{name}");
        }
        for name in ["กิ่่", "ก่่่่่่่่", "ส\u{0E34}\u{0E48}\u{0E4C}"] {
            let form = RegisterForm { family_name: name.to_owned(), ..valid_form() };
            let message = error_for(&form, RegisterField::FamilyName).expect("refused");
            assert!(message.contains("ซ้อนกัน"), "{name}: {message}");
        }
    }

    #[test]
    fn the_debug_form_of_an_account_hides_the_password_and_most_of_the_citizen_id() {
        let account = validate_registration(&valid_form()).expect("the form is valid");
        let debug = format!("{account:?}");
        assert!(!debug.contains("ม้าลาย"), "{debug}");
        assert!(!debug.contains("1101700207030"), "{debug}");
        assert!(debug.contains("1-1017-xxxxx-03-0"), "{debug}");
        assert!(debug.contains("[redacted]"), "{debug}");
    }

    #[test]
    fn an_empty_form_reports_every_required_field_at_once() {
        let errors = validate_registration(&RegisterForm::default()).expect_err("the form is empty");
        assert_eq!(
            errors.keys().copied().collect::<Vec<_>>(),
            [
                RegisterField::GivenName,
                RegisterField::FamilyName,
                RegisterField::CitizenId,
                RegisterField::PhoneNumber,
                RegisterField::Username,
                RegisterField::Password,
            ]
        );
        assert_eq!(errors[&RegisterField::GivenName], "กรุณากรอกชื่อ");
        assert_eq!(errors[&RegisterField::FamilyName], "กรุณากรอกนามสกุล");
        assert_eq!(errors[&RegisterField::CitizenId], "กรุณากรอกเลขบัตรประจำตัวประชาชน");
        assert_eq!(errors[&RegisterField::Password], "กรุณากำหนดรหัสผ่าน");
    }

    #[test]
    fn the_title_may_be_left_out() {
        let form = RegisterForm { title: String::new(), ..valid_form() };
        assert_eq!(validate_registration(&form).expect("the form is valid").title, None);
    }

    #[test]
    fn a_title_outside_the_list_is_rejected() {
        let form = RegisterForm { title: "ดร.".to_owned(), ..valid_form() };
        assert!(error_for(&form, RegisterField::Title).is_some());
    }

    #[test]
    fn names_are_trimmed_and_their_inner_spaces_collapsed() {
        let form = RegisterForm {
            given_name: "  Mary   Ann ".to_owned(),
            family_name: "\tณ อยุธยา ".to_owned(),
            ..valid_form()
        };
        let account = validate_registration(&form).expect("the form is valid");
        assert_eq!(account.given_name, "Mary Ann");
        assert_eq!(account.family_name, "ณ อยุธยา");
    }

    #[test]
    fn names_accept_thai_marks_latin_letters_dots_and_dashes() {
        for name in ["ปิ่นอนงค์", "กิ่งแก้ว", "เจ้าพระยา", "Jean-Luc", "O. Smith", "José", "ศักดิ์ชัย"]
        {
            let form = RegisterForm { given_name: name.to_owned(), ..valid_form() };
            assert_eq!(error_for(&form, RegisterField::GivenName), None, "{name}");
        }
    }

    #[test]
    fn names_with_digits_or_markup_characters_are_rejected() {
        for name in ["สมชาย2", "<script>", "Tom & Jerry", "O'Brien", "\"quoted\"", "สม๑", "-.-", "ชื่อ;"]
        {
            let form = RegisterForm { family_name: name.to_owned(), ..valid_form() };
            assert!(error_for(&form, RegisterField::FamilyName).is_some(), "{name}");
        }
    }

    #[test]
    fn a_name_longer_than_one_hundred_characters_is_rejected() {
        let long = RegisterForm { given_name: "ก".repeat(101), ..valid_form() };
        assert_eq!(error_for(&long, RegisterField::GivenName).as_deref(), Some("ชื่อต้องยาวไม่เกิน 100 ตัวอักษร"));
        let longest = RegisterForm { given_name: "ก".repeat(100), ..valid_form() };
        assert_eq!(error_for(&longest, RegisterField::GivenName), None);
    }

    #[test]
    fn a_citizen_id_with_a_wrong_check_digit_is_rejected() {
        let form = RegisterForm { citizen_id: "1101700230705".to_owned(), ..valid_form() };
        assert_eq!(
            error_for(&form, RegisterField::CitizenId).as_deref(),
            Some("เลขบัตรประจำตัวประชาชนไม่ถูกต้อง (ตรวจสอบหลักสุดท้าย)")
        );
    }

    #[test]
    fn a_citizen_id_of_the_wrong_length_gets_its_own_message() {
        let form = RegisterForm { citizen_id: "110170020703".to_owned(), ..valid_form() };
        assert_eq!(
            error_for(&form, RegisterField::CitizenId).as_deref(),
            Some("เลขบัตรประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก")
        );
    }

    #[test]
    fn phone_numbers_are_normalized_to_ten_digits() {
        for typed in ["0812345678", "081 234 5678", "081-234-5678", "+66812345678", "+66 81 234 5678"] {
            let form = RegisterForm { phone_number: typed.to_owned(), ..valid_form() };
            assert_eq!(validate_registration(&form).expect(typed).phone_number, "0812345678");
        }
    }

    #[test]
    fn landlines_and_malformed_phone_numbers_are_rejected() {
        for typed in ["021234567", "0212345678", "081234567", "08123456789", "+6621234567", "08l2345678", "66812345678"]
        {
            let form = RegisterForm { phone_number: typed.to_owned(), ..valid_form() };
            assert!(error_for(&form, RegisterField::PhoneNumber).is_some(), "{typed}");
        }
    }

    #[test]
    fn usernames_are_lowercased() {
        let form = RegisterForm { username: " Officer_01 ".to_owned(), ..valid_form() };
        assert_eq!(validate_registration(&form).expect("the form is valid").username, "officer_01");
    }

    #[test]
    fn usernames_must_be_four_to_thirty_two_allowed_characters_starting_with_a_letter() {
        for bad in ["abc", &"a".repeat(33), "1officer", "_officer", "สมชาย", "off icer", "officer@dga", "1101700207030"]
        {
            let form = RegisterForm { username: bad.to_owned(), ..valid_form() };
            assert!(error_for(&form, RegisterField::Username).is_some(), "{bad}");
        }
        for good in ["abcd", &"a".repeat(32), "o.fficer-1_x"] {
            let form = RegisterForm { username: good.to_owned(), ..valid_form() };
            assert_eq!(error_for(&form, RegisterField::Username), None, "{good}");
        }
    }

    #[test]
    fn a_thirteen_digit_username_is_rejected_so_it_cannot_pass_for_a_citizen_id() {
        let form = RegisterForm { username: "1101700207030".to_owned(), ..valid_form() };
        assert_eq!(error_for(&form, RegisterField::Username).as_deref(), Some("ชื่อบัญชีผู้ใช้ต้องไม่เป็นเลข 13 หลัก"));
    }

    fn with_password(password: &str) -> RegisterForm {
        RegisterForm { password: password.to_owned(), password_confirmation: password.to_owned(), ..valid_form() }
    }

    #[test]
    fn a_password_shorter_than_ten_characters_is_rejected() {
        assert_eq!(
            error_for(&with_password("Xk8#pq2!z"), RegisterField::Password).as_deref(),
            Some("รหัสผ่านต้องยาวอย่างน้อย 10 ตัวอักษร")
        );
        assert_eq!(error_for(&with_password("Xk8#pq2!zR"), RegisterField::Password), None);
    }

    #[test]
    fn password_length_counts_characters_not_bytes() {
        // Nine Thai characters are 27 bytes of UTF-8 but still too short.
        assert!(error_for(&with_password("กขคฆงจฉชซ"), RegisterField::Password).is_some());
    }

    #[test]
    fn a_password_longer_than_one_hundred_and_twenty_eight_characters_is_rejected() {
        let longest = format!("x{}", "correct horse ".repeat(10)).chars().take(128).collect::<String>();
        assert_eq!(error_for(&with_password(&longest), RegisterField::Password), None);
        assert!(error_for(&with_password(&format!("{longest}y")), RegisterField::Password).is_some());
    }

    #[test]
    fn a_password_of_one_repeated_character_is_rejected() {
        assert!(error_for(&with_password("aaaaaaaaaaaa"), RegisterField::Password).is_some());
    }

    #[test]
    fn common_passwords_are_rejected_whatever_their_case() {
        for common in ["1234567890", "Password123", "QWERTYUIOP", "iloveyou123"] {
            assert_eq!(
                error_for(&with_password(common), RegisterField::Password).as_deref(),
                Some("รหัสผ่านนี้มีผู้ใช้จำนวนมากและเดาได้ง่าย กรุณาตั้งรหัสผ่านอื่น"),
                "{common}"
            );
        }
    }

    #[test]
    fn a_password_containing_the_username_is_rejected() {
        let form = RegisterForm { username: "somying".to_owned(), ..with_password("SOMYING-likes-tea") };
        assert_eq!(error_for(&form, RegisterField::Password).as_deref(), Some("รหัสผ่านต้องไม่มีชื่อบัญชีผู้ใช้อยู่ในรหัสผ่าน"));
    }

    #[test]
    fn a_password_containing_the_citizen_id_is_rejected_even_with_dashes() {
        for password in ["x1101700207030", "pw 1-1017-00207-03-0"] {
            assert_eq!(
                error_for(&with_password(password), RegisterField::Password).as_deref(),
                Some("รหัสผ่านต้องไม่มีเลขบัตรประจำตัวประชาชนอยู่ในรหัสผ่าน"),
                "{password}"
            );
        }
    }

    #[test]
    fn a_password_is_kept_exactly_as_typed() {
        let account = validate_registration(&with_password("  spaces count  ")).expect("the form is valid");
        assert_eq!(account.password, "  spaces count  ");
    }

    #[test]
    fn a_confirmation_that_differs_from_the_password_is_rejected() {
        let form = RegisterForm {
            password_confirmation: "ม้าลายกินหญ้าริมนำ้".to_owned(), ..valid_form()
        };
        assert_eq!(
            error_for(&form, RegisterField::PasswordConfirmation).as_deref(),
            Some("รหัสผ่านและยืนยันรหัสผ่านไม่ตรงกัน")
        );
    }

    #[test]
    fn a_missing_confirmation_is_asked_for() {
        let form = RegisterForm { password_confirmation: String::new(), ..valid_form() };
        assert_eq!(error_for(&form, RegisterField::PasswordConfirmation).as_deref(), Some("กรุณายืนยันรหัสผ่าน"));
    }

    #[test]
    fn every_error_is_reported_not_just_the_first() {
        let form = RegisterForm {
            citizen_id: "1101700230705".to_owned(),
            phone_number: "021234567".to_owned(),
            password_confirmation: "something else".to_owned(),
            ..valid_form()
        };
        let errors = validate_registration(&form).expect_err("the form has three errors");
        assert_eq!(
            errors.keys().copied().collect::<Vec<_>>(),
            [RegisterField::CitizenId, RegisterField::PhoneNumber, RegisterField::PasswordConfirmation]
        );
    }

    #[test]
    fn a_login_that_looks_like_a_citizen_id_becomes_its_digits() {
        assert_eq!(normalize_login(" 1-1017-00207-03-0 "), "1101700207030");
        assert_eq!(normalize_login("1 1017 00207 03 0"), "1101700207030");
    }

    #[test]
    fn any_other_login_is_trimmed_and_lowercased() {
        assert_eq!(normalize_login("  Somying.J "), "somying.j");
        assert_eq!(normalize_login("110170020703"), "110170020703");
    }
}
