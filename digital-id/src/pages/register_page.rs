//! The registration page (`/Account/Register`): the fields the DGA manual lists, each labelled, hinted and, after a
//! failed attempt, marked with its own Thai message and listed in an error summary at the top; and the optional
//! identity proofing with the ID card (birth date and laser code) that makes the account IAL 1.3.

use leptos::prelude::*;

use super::form_fields::{Input, described_by, error_message, error_summary};
use super::layout::{CardWidth, document, hidden_inputs};
use super::{RegisterField, RegisterView};

/// Renders the registration page as a complete HTML document.
pub fn register_page(view: RegisterView<'_>) -> String {
    let form = view.form;
    let error = |field: RegisterField| view.errors.get(&field).map(String::as_str);

    let summary = error_summary(view.errors);

    let title_error = error(RegisterField::Title);
    let selected_title = form.title.trim();
    let title_options = [("", "ไม่ระบุ"), ("นาย", "นาย"), ("นาง", "นาง"), ("นางสาว", "นางสาว")]
        .into_iter()
        .map(|(value, label)| view! { <option value=value selected=selected_title == value>{label}</option> })
        .collect_view();
    let title_field = view! {
        <div class=if title_error.is_some() { "field field-title field-invalid" } else { "field field-title" }>
            <label for="title">"คำนำหน้าชื่อ"</label>
            {error_message("title", title_error)}
            <select
                id="title"
                name="title"
                autocomplete="honorific-prefix"
                aria-invalid=title_error.map(|_| "true")
                aria-describedby=described_by("title", title_error.is_some(), false)
            >
                {title_options}
            </select>
        </div>
    };

    let text = Input::text;
    let given_name = text(RegisterField::GivenName, "ชื่อ", &form.given_name, "given-name");
    let family_name = text(RegisterField::FamilyName, "นามสกุล", &form.family_name, "family-name");
    let citizen_id = Input {
        hint: Some("ตัวเลข 13 หลัก"),
        inputmode: Some("numeric"),
        maxlength: Some("17"),
        verbatim: true,
        ..text(RegisterField::CitizenId, "เลขบัตรประจำตัวประชาชน", &form.citizen_id, "off")
    };
    let phone_number = Input {
        hint: Some("เช่น 0812345678"),
        kind: "tel",
        inputmode: Some("tel"),
        ..text(RegisterField::PhoneNumber, "เบอร์โทรศัพท์มือถือ", &form.phone_number, "tel-national")
    };
    let username = Input {
        hint: Some("4–32 ตัวอักษร ขึ้นต้นด้วยตัวอักษรภาษาอังกฤษ ใช้ได้เฉพาะ a–z ตัวเลข จุด (.) ขีดล่าง (_) และขีด (-)"),
        verbatim: true,
        ..text(RegisterField::Username, "ชื่อบัญชีผู้ใช้", &form.username, "username")
    };
    let password = Input {
        hint: Some(
            "อย่างน้อย 10 ตัวอักษร ไม่ใช่รหัสผ่านที่เดาง่าย และไม่มีชื่อบัญชีผู้ใช้หรือเลขบัตรประจำตัวประชาชนอยู่ในรหัสผ่าน \
             แนะนำให้ใช้วลีที่จำได้ง่ายแต่ผู้อื่นเดาได้ยาก",
        ),
        kind: "password",
        value: None,
        ..text(RegisterField::Password, "รหัสผ่าน", "", "new-password")
    };
    let password_confirmation = Input {
        kind: "password",
        value: None,
        ..text(RegisterField::PasswordConfirmation, "ยืนยันรหัสผ่าน", "", "new-password")
    };

    let body = view! {
        <h1>"ลงทะเบียน Digital ID"</h1>
        {summary}
        <p class="lead">"กรอกข้อมูลให้ครบทุกช่อง ยกเว้นคำนำหน้าชื่อและการยืนยันตัวตนด้วยบัตรประจำตัวประชาชน"</p>
        <form method="post" action="/Account/Register" novalidate>
            {hidden_inputs(view.return_url, view.csrf_token)}
            <fieldset class="name-group">
                <legend>"ชื่อ - นามสกุล"</legend>
                {title_field}
                {given_name.render(error(RegisterField::GivenName))}
                {family_name.render(error(RegisterField::FamilyName))}
            </fieldset>
            {citizen_id.render(error(RegisterField::CitizenId))}
            <fieldset class="proofing-group" aria-describedby="proofing-note">
                <legend>"ยืนยันตัวตนด้วยบัตรประจำตัวประชาชน (ไม่บังคับ)"</legend>
                <p class="hint" id="proofing-note">
                    "กรอกวันเดือนปีเกิดและเลขหลังบัตรประจำตัวประชาชน เพื่อตรวจสอบกับกรมการปกครอง "
                    "บัญชีจะมีระดับความน่าเชื่อถือ IAL 1.3 หากเว้นว่างไว้ บัญชีจะมีระดับ IAL 1.1 (ยังไม่ยืนยันตัวตน) "
                    "และยืนยันตัวตนเพิ่มได้ภายหลัง"
                </p>
                {Input::birth_date(&form.birth_date, false).render(error(RegisterField::BirthDate))}
                {Input::laser_code(false).render(error(RegisterField::LaserCode))}
            </fieldset>
            {phone_number.render(error(RegisterField::PhoneNumber))}
            {username.render(error(RegisterField::Username))}
            {password.render(error(RegisterField::Password))}
            {password_confirmation.render(error(RegisterField::PasswordConfirmation))}
            <div class="actions">
                <button type="submit" class="button button-primary">"ลงทะเบียน"</button>
            </div>
        </form>
        <p class="alternative">"มีบัญชีแล้ว? " <a href=view.login_href.to_owned()>"เข้าสู่ระบบ"</a></p>
    };
    document("ลงทะเบียน", CardWidth::Wide, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::{FieldErrors, RegisterForm};

    fn render(form: &RegisterForm, errors: &FieldErrors) -> String {
        register_page(RegisterView {
            return_url: "/connect/authorize/callback?client_id=info",
            csrf_token: "csrf-token",
            form,
            errors,
            login_href: "/Account/Login",
        })
    }

    #[test]
    fn typed_values_are_rendered_back_but_passwords_never_are() {
        let form = RegisterForm {
            title: "นาง".to_owned(),
            given_name: "สมหญิง".to_owned(),
            username: "somying".to_owned(),
            password: "secret-passphrase".to_owned(),
            password_confirmation: "secret-passphrase".to_owned(),
            ..RegisterForm::default()
        };
        let html = render(&form, &FieldErrors::new());
        assert!(html.contains("value=\"สมหญิง\""), "{html}");
        assert!(html.contains("value=\"somying\""), "{html}");
        assert!(html.contains("<option value=\"นาง\" selected>"), "{html}");
        assert!(!html.contains("secret-passphrase"), "{html}");
    }

    #[test]
    fn each_error_is_summarised_with_a_link_and_described_on_its_field() {
        let errors = FieldErrors::from([
            (RegisterField::CitizenId, "เลขบัตรประจำตัวประชาชนไม่ถูกต้อง (ตรวจสอบหลักสุดท้าย)".to_owned()),
            (RegisterField::Password, "กรุณากำหนดรหัสผ่าน".to_owned()),
        ]);
        let html = render(&RegisterForm::default(), &errors);
        assert!(html.contains("กรุณาแก้ไขข้อมูล 2 รายการ"), "{html}");
        assert!(html.contains("<a href=\"#citizen_id\">เลขบัตรประจำตัวประชาชนไม่ถูกต้อง"), "{html}");
        assert!(html.contains("<a href=\"#password\">กรุณากำหนดรหัสผ่าน</a>"), "{html}");
        assert!(html.contains("id=\"citizen_id-error\""), "{html}");
        assert!(html.contains("aria-invalid=\"true\" aria-describedby=\"citizen_id-error citizen_id-hint\""), "{html}");
        assert_eq!(html.matches("aria-invalid=\"true\"").count(), 2, "{html}");
    }

    #[test]
    fn a_form_without_errors_has_no_error_summary() {
        let html = render(&RegisterForm::default(), &FieldErrors::new());
        assert!(!html.contains("error-summary"), "{html}");
        assert!(!html.contains("aria-invalid"), "{html}");
    }
}
