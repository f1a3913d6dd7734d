//! The assurance page (`/Account/Assurance`): the signed-in account's identity assurance level and the ways to
//! raise it that Digital ID offers — the ID card's laser code checked with DOPA (IAL 1.3) and the ThaID app's face
//! check (IAL 2.3, simulated here by one clearly labelled button).

use leptos::prelude::*;

use super::form_fields::{Input, error_summary};
use super::layout::{CardWidth, document, hidden_inputs};
use super::{AssuranceView, RegisterField};
use crate::assurance_pages::{ASSURANCE_PATH, METHOD_LASER_CODE, METHOD_THAID};
use crate::proofing::Assurance;

/// Renders the assurance page as a complete HTML document.
pub fn assurance_page(view: AssuranceView<'_>) -> String {
    let error = |field: RegisterField| view.errors.get(&field).map(String::as_str);
    let notice = view.notice.map(|notice| {
        view! {
            <div class="notice" role="status">
                <p>{notice.to_owned()}</p>
            </div>
        }
    });
    let laser_code = (view.assurance < Assurance::LaserCode).then(|| {
        view! {
            <section aria-labelledby="laser-code-heading">
                <h2 class="section-heading" id="laser-code-heading">
                    "ยืนยันตัวตนด้วยบัตรประจำตัวประชาชน (IAL 1.3)"
                </h2>
                <p>
                    "กรอกวันเดือนปีเกิดและเลขหลังบัตรประจำตัวประชาชน ระบบจะตรวจสอบกับกรมการปกครอง (จำลอง) "
                    "และไม่เก็บเลขหลังบัตรไว้"
                </p>
                <form method="post" action=ASSURANCE_PATH novalidate>
                    {hidden_inputs("", view.csrf_token)}
                    <input type="hidden" name="method" value=METHOD_LASER_CODE />
                    {Input::birth_date(view.birth_date, true).render(error(RegisterField::BirthDate))}
                    {Input::laser_code(true).render(error(RegisterField::LaserCode))}
                    <div class="actions">
                        <button type="submit" class="button button-primary">
                            "ยืนยันตัวตนด้วยบัตรประจำตัวประชาชน"
                        </button>
                    </div>
                </form>
            </section>
        }
    });
    let thaid = (view.assurance < Assurance::ThaId).then(|| {
        view! {
            <section aria-labelledby="thaid-heading">
                <h2 class="section-heading" id="thaid-heading">"ยืนยันตัวตนผ่านแอป ThaID (IAL 2.3)"</h2>
                <p>
                    "ที่ Digital ID จริง คุณสแกนคิวอาร์โค้ดด้วยแอป ThaID ของกรมการปกครองและยืนยันใบหน้า "
                    "ระบบจำลองนี้ข้ามขั้นตอนดังกล่าว: กดปุ่มด้านล่างเพื่อจำลองว่ายืนยันตัวตนสำเร็จ"
                </p>
                <form method="post" action=ASSURANCE_PATH>
                    {hidden_inputs("", view.csrf_token)}
                    <input type="hidden" name="method" value=METHOD_THAID />
                    <div class="actions">
                        <button type="submit" class="button button-secondary">
                            "ยืนยันตัวตนผ่านแอป ThaID (จำลอง)"
                        </button>
                    </div>
                </form>
            </section>
        }
    });
    let highest = (view.assurance == Assurance::ThaId)
        .then(|| view! { <p>"บัญชีนี้มีระดับความน่าเชื่อถือสูงสุดที่ Digital ID ให้แล้ว ไม่ต้องยืนยันตัวตนเพิ่ม"</p> });
    let body = view! {
        <h1>"ระดับความน่าเชื่อถือของบัญชี"</h1>
        {notice}
        {error_summary(view.errors)}
        <p class="lead">"บัญชี Digital ID ของ " <strong>{view.display_name.to_owned()}</strong></p>
        <div class="note">
            <p>
                <strong>"ระดับปัจจุบัน: "</strong>
                {view.assurance.describe()}
            </p>
            <p>
                "บางแอปพลิเคชันรับเฉพาะบัญชีที่ยืนยันตัวตนแล้ว เช่น ระบบสำหรับเจ้าหน้าที่ของศูนย์รวมข้อมูลบริการภาครัฐ "
                "เมื่อยืนยันตัวตนแล้ว ให้กลับไปเข้าสู่ระบบที่แอปพลิเคชันนั้นอีกครั้ง"
            </p>
        </div>
        {highest}
        {laser_code}
        {thaid}
        <p class="alternative">
            <a href="/">"หน้าหลัก Digital ID"</a>
            " · "
            <a href="/connect/endsession">"ออกจากระบบ Digital ID"</a>
        </p>
    };
    document("ระดับความน่าเชื่อถือของบัญชี", CardWidth::Narrow, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::FieldErrors;

    fn render(assurance: Assurance, errors: &FieldErrors) -> String {
        assurance_page(AssuranceView {
            csrf_token: "csrf-token",
            display_name: "นายทดสอบ ระบบ",
            assurance,
            birth_date: "15/08/2530",
            errors,
            notice: None,
        })
    }

    #[test]
    fn an_unproofed_account_is_offered_both_ways_up() {
        let html = render(Assurance::Unproofed, &FieldErrors::new());
        assert!(html.contains("IAL 1.1"), "{html}");
        assert!(html.contains("name=\"laser_code\""), "{html}");
        assert!(html.contains("ยืนยันตัวตนผ่านแอป ThaID (จำลอง)"), "{html}");
        assert!(html.contains("name=\"csrf\" value=\"csrf-token\""), "{html}");
    }

    #[test]
    fn a_laser_code_account_is_offered_only_thaid_and_a_thaid_account_nothing() {
        let html = render(Assurance::LaserCode, &FieldErrors::new());
        assert!(!html.contains("name=\"laser_code\""), "{html}");
        assert!(html.contains("ยืนยันตัวตนผ่านแอป ThaID (จำลอง)"), "{html}");
        let html = render(Assurance::ThaId, &FieldErrors::new());
        assert!(!html.contains("<form"), "{html}");
        assert!(html.contains("IAL 2.3"), "{html}");
    }

    #[test]
    fn errors_are_summarised_and_marked_on_their_fields() {
        let errors = FieldErrors::from([(RegisterField::LaserCode, "ข้อมูลไม่ตรงกับทะเบียนราษฎร".to_owned())]);
        let html = render(Assurance::Unproofed, &errors);
        assert!(html.contains("<a href=\"#laser_code\">ข้อมูลไม่ตรงกับทะเบียนราษฎร</a>"), "{html}");
        assert!(html.contains("id=\"laser_code-error\""), "{html}");
        assert!(html.contains("value=\"15/08/2530\""), "the birth date is kept: {html}");
    }
}
