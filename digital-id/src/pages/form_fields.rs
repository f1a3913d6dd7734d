//! The pieces the simulator's forms share: a labelled input with its hint and error message, the error summary
//! at the top of a form, and the `name`/`id` of each field.

use leptos::prelude::*;

use super::{FieldErrors, RegisterField};

/// The `name` (and `id`) of a field's form control.
pub(super) fn field_name(field: RegisterField) -> &'static str {
    match field {
        RegisterField::Title => "title",
        RegisterField::GivenName => "given_name",
        RegisterField::FamilyName => "family_name",
        RegisterField::CitizenId => "citizen_id",
        RegisterField::BirthDate => "birth_date",
        RegisterField::LaserCode => "laser_code",
        RegisterField::PhoneNumber => "phone_number",
        RegisterField::Username => "username",
        RegisterField::Password => "password",
        RegisterField::PasswordConfirmation => "password_confirmation",
    }
}

/// The `aria-describedby` of a control: its error message first (it matters most), then its hint.
pub(super) fn described_by(name: &str, has_error: bool, has_hint: bool) -> Option<String> {
    let ids: Vec<String> = [has_error.then(|| format!("{name}-error")), has_hint.then(|| format!("{name}-hint"))]
        .into_iter()
        .flatten()
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A field's error message, placed right under its label.
pub(super) fn error_message(name: &str, error: Option<&str>) -> impl IntoView + use<> {
    error.map(|message| {
        view! {
            <p class="field-error" id=format!("{name}-error")>
                <span class="visually-hidden">"ข้อผิดพลาด: "</span>
                {message.to_owned()}
            </p>
        }
    })
}

/// A field's hint, under its label and error message.
pub(super) fn hint(name: &str, text: Option<&'static str>) -> impl IntoView + use<> {
    text.map(|text| view! { <p class="hint" id=format!("{name}-hint")>{text}</p> })
}

/// A text-like input and everything around it.
pub(super) struct Input {
    /// Which field this is (gives `name` and `id`).
    pub(super) field: RegisterField,
    /// The visible label.
    pub(super) label: &'static str,
    /// The hint under the label, if any.
    pub(super) hint: Option<&'static str>,
    /// The `type` attribute.
    pub(super) kind: &'static str,
    /// The value to render back; `None` for passwords and the laser code, which never are.
    pub(super) value: Option<String>,
    /// The `autocomplete` attribute.
    pub(super) autocomplete: &'static str,
    /// The `inputmode` attribute, if any.
    pub(super) inputmode: Option<&'static str>,
    /// The `maxlength` attribute, if any.
    pub(super) maxlength: Option<&'static str>,
    /// Whether autocorrection and spell checking should stay off (identifiers, not prose).
    pub(super) verbatim: bool,
    /// Whether the field must be filled (`required`).
    pub(super) required: bool,
}

impl Input {
    /// A required text input with neither hint nor input mode.
    pub(super) fn text(field: RegisterField, label: &'static str, value: &str, autocomplete: &'static str) -> Self {
        Self {
            field,
            label,
            hint: None,
            kind: "text",
            value: Some(value.to_owned()),
            autocomplete,
            inputmode: None,
            maxlength: None,
            verbatim: false,
            required: true,
        }
    }

    /// The birth-date input of identity proofing (`วว/ดด/ปปปป`, Buddhist Era).
    pub(super) fn birth_date(value: &str, required: bool) -> Self {
        Self {
            hint: Some("วว/ดด/ปปปป (ปี พ.ศ.) เช่น 15/08/2530"),
            inputmode: Some("numeric"),
            maxlength: Some("10"),
            verbatim: true,
            required,
            ..Self::text(RegisterField::BirthDate, "วันเดือนปีเกิด", value, "bday")
        }
    }

    /// The laser-code input of identity proofing; what was typed is never rendered back.
    pub(super) fn laser_code(required: bool) -> Self {
        Self {
            hint: Some(
                // Non-breaking hyphens keep the example on one line; the laser code's reader ignores them.
                "อยู่ด้านหลังบัตรประจำตัวประชาชน ตัวอักษรภาษาอังกฤษ 2 ตัวและตัวเลข 10 หลัก \
                 เช่น JT0\u{2011}1234567\u{2011}89 (ระบบใช้ตรวจสอบกับกรมการปกครองเท่านั้น ไม่เก็บไว้)",
            ),
            value: None,
            maxlength: Some("16"),
            verbatim: true,
            required,
            ..Self::text(RegisterField::LaserCode, "เลขหลังบัตรประจำตัวประชาชน (Laser ID)", "", "off")
        }
    }

    /// Renders the field with its label, error message (if `error`) and hint.
    pub(super) fn render(self, error: Option<&str>) -> impl IntoView + use<> {
        let name = field_name(self.field);
        let has_error = error.is_some();
        view! {
            <div class=if has_error { "field field-invalid" } else { "field" }>
                <label for=name>{self.label}</label>
                {error_message(name, error)}
                {hint(name, self.hint)}
                <input
                    type=self.kind
                    id=name
                    name=name
                    value=self.value
                    autocomplete=self.autocomplete
                    inputmode=self.inputmode
                    maxlength=self.maxlength
                    autocapitalize=self.verbatim.then_some("none")
                    spellcheck=self.verbatim.then_some("false")
                    required=self.required
                    aria-invalid=has_error.then_some("true")
                    aria-describedby=described_by(name, has_error, self.hint.is_some())
                />
            </div>
        }
    }
}

/// The list of a form's errors at its top, each linking to its field; nothing without errors.
pub(super) fn error_summary(errors: &FieldErrors) -> impl IntoView + use<> {
    (!errors.is_empty()).then(|| {
        let items = errors
            .iter()
            .map(|(field, message)| {
                view! {
                    <li>
                        <a href=format!("#{}", field_name(*field))>{message.clone()}</a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
                <h2 id="error-summary-title">{format!("กรุณาแก้ไขข้อมูล {} รายการ", errors.len())}</h2>
                <ul>{items}</ul>
            </div>
        }
    })
}
