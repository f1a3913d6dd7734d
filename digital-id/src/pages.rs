//! The simulator's HTML pages (sign-in, registration, consent, messages), rendered on the server with Leptos'
//! `view!` — no script runs in the browser. Every page is Thai, labelled, and says plainly that it is a simulator.

mod assurance_page;
mod consent_page;
mod form_fields;
mod layout;
mod login_page;
mod message_page;
mod register_page;
mod sign_out_page;

pub use assurance_page::assurance_page;
pub use consent_page::consent_page;
pub use login_page::login_page;
pub use message_page::message_page;
pub use register_page::register_page;
pub use sign_out_page::sign_out_page;

use std::collections::BTreeMap;

use serde::Deserialize;

/// The sign-in page's state.
#[derive(Debug)]
pub struct LoginView<'a> {
    /// Where the form returns after signing in (a `/connect/authorize/callback?…` path), posted back as `ReturnUrl`.
    pub return_url: &'a str,
    /// The double-submit CSRF token, posted back as `csrf`.
    pub csrf_token: &'a str,
    /// What the person typed as their login (kept after a failed attempt).
    pub login: &'a str,
    /// A failed attempt's message, if any.
    pub error: Option<&'a str>,
    /// A neutral notice (e.g. "registered, now sign in"), if any.
    pub notice: Option<&'a str>,
    /// The Thai name of the application asking for sign-in, if known.
    pub client_name: Option<&'a str>,
    /// The registration link, carrying the same `ReturnUrl`.
    pub register_href: &'a str,
}

/// The registration form as posted (field names are the form's `name` attributes). Its `Debug` hides the
/// passwords and the laser code.
#[derive(Clone, Default, Deserialize)]
pub struct RegisterForm {
    /// คำนำหน้าชื่อ: นาย, นาง, นางสาว or empty.
    #[serde(default)]
    pub title: String,
    /// ชื่อ
    #[serde(default)]
    pub given_name: String,
    /// นามสกุล
    #[serde(default)]
    pub family_name: String,
    /// เลขบัตรประจำตัวประชาชน, as typed (dashes and spaces allowed).
    #[serde(default)]
    pub citizen_id: String,
    /// เบอร์โทรศัพท์มือถือ, as typed.
    #[serde(default)]
    pub phone_number: String,
    /// ชื่อบัญชีผู้ใช้
    #[serde(default)]
    pub username: String,
    /// รหัสผ่าน (never rendered back).
    #[serde(default)]
    pub password: String,
    /// ยืนยันรหัสผ่าน (never rendered back).
    #[serde(default)]
    pub password_confirmation: String,
    /// วันเดือนปีเกิด for identity proofing (optional), as typed: `วว/ดด/ปปปป`, year in the Buddhist Era.
    #[serde(default)]
    pub birth_date: String,
    /// เลขหลังบัตรประจำตัวประชาชน (Laser ID) for identity proofing (optional); checked, then forgotten: never
    /// stored, logged or rendered back.
    #[serde(default)]
    pub laser_code: String,
}

impl std::fmt::Debug for RegisterForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegisterForm")
            .field("title", &self.title)
            .field("given_name", &self.given_name)
            .field("family_name", &self.family_name)
            .field("citizen_id", &crate::citizen_id::mask(&self.citizen_id))
            .field("username", &self.username)
            .field("laser_code_given", &!self.laser_code.trim().is_empty())
            .finish_non_exhaustive()
    }
}

/// A registration form field, in the order the form shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RegisterField {
    /// `title`
    Title,
    /// `given_name`
    GivenName,
    /// `family_name`
    FamilyName,
    /// `citizen_id`
    CitizenId,
    /// `birth_date` (identity proofing, optional)
    BirthDate,
    /// `laser_code` (identity proofing, optional)
    LaserCode,
    /// `phone_number`
    PhoneNumber,
    /// `username`
    Username,
    /// `password`
    Password,
    /// `password_confirmation`
    PasswordConfirmation,
}

/// Thai error messages per field.
pub type FieldErrors = BTreeMap<RegisterField, String>;

/// The registration page's state.
#[derive(Debug)]
pub struct RegisterView<'a> {
    /// Where to continue after registering, posted back as `ReturnUrl` (may be empty).
    pub return_url: &'a str,
    /// The double-submit CSRF token, posted back as `csrf`.
    pub csrf_token: &'a str,
    /// What was typed; passwords are never rendered back.
    pub form: &'a RegisterForm,
    /// Field-level errors of the last attempt.
    pub errors: &'a FieldErrors,
    /// The sign-in link, carrying the same `ReturnUrl`.
    pub login_href: &'a str,
}

/// The consent page's state.
#[derive(Debug)]
pub struct ConsentView<'a> {
    /// The pending authorization to continue, posted back as `ReturnUrl`.
    pub return_url: &'a str,
    /// The double-submit CSRF token, posted back as `csrf`.
    pub csrf_token: &'a str,
    /// The Thai name of the application asking for data.
    pub client_name: &'a str,
    /// The signed-in person's display name (title + given + family name).
    pub display_name: &'a str,
    /// The requested scopes other than `openid`, each shown with a Thai description.
    pub scopes: &'a [String],
}

/// A page that only tells something (an error, "signed out", the simulator's home page).
#[derive(Debug)]
pub struct MessageView<'a> {
    /// The heading and the `<title>`.
    pub title: &'a str,
    /// The explanation, one paragraph per entry.
    pub paragraphs: &'a [&'a str],
    /// Links as buttons, (href, label): the first is the main way on, the others are secondary.
    pub links: &'a [(&'a str, &'a str)],
    /// Whether this reports a problem (styled as an alert, `role="alert"`).
    pub is_error: bool,
}

/// The assurance page's state (`/Account/Assurance`, signed in).
#[derive(Debug)]
pub struct AssuranceView<'a> {
    /// The double-submit CSRF token, posted back as `csrf`.
    pub csrf_token: &'a str,
    /// The signed-in person's display name.
    pub display_name: &'a str,
    /// The account's level now.
    pub assurance: crate::proofing::Assurance,
    /// The birth date as typed in the last attempt (the laser code never is rendered back).
    pub birth_date: &'a str,
    /// Field errors of the last laser-code attempt.
    pub errors: &'a FieldErrors,
    /// A neutral notice (e.g. "your level was raised"), if any.
    pub notice: Option<&'a str>,
}

/// The sign-out confirmation page's state ("ออกจากระบบ Digital ID?").
#[derive(Debug)]
pub struct SignOutView<'a> {
    /// The double-submit CSRF token, posted back as `csrf`.
    pub csrf_token: &'a str,
    /// Where the form posts.
    pub action: &'a str,
    /// The logout request's parameters, posted back as hidden fields: (name, value).
    pub hidden: &'a [(&'a str, &'a str)],
    /// The signed-in person's display name, if known.
    pub display_name: Option<&'a str>,
    /// The application that asked, when a valid `id_token_hint` names it.
    pub client_name: Option<&'a str>,
}
