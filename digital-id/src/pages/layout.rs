//! The frame every simulator page shares: the HTML document, the Digital ID header, the banner that says this is a
//! simulator, and the footer.

use leptos::prelude::*;

/// The text of the banner on every page. It matters: nobody may mistake the simulator for the real identity service.
pub(super) const SIMULATOR_NOTICE: &str = "ระบบจำลองสำหรับการพัฒนาและฝึกอบรม — ไม่ใช่ Digital ID จริง";

/// How wide the page's card is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CardWidth {
    /// Sign-in, consent and messages (about 480 px).
    Narrow,
    /// The registration form (about 640 px).
    Wide,
}

/// Renders a complete HTML document (`<!DOCTYPE html>` included) titled `title`, with `body` inside the page's card.
pub(super) fn document(title: &str, width: CardWidth, body: impl IntoView + 'static) -> String {
    let card_class = match width {
        CardWidth::Narrow => "card",
        CardWidth::Wide => "card card-wide",
    };
    let html = view! {
        <html lang="th">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="robots" content="noindex" />
                <title>{format!("{title} – Digital ID (ระบบจำลอง)")}</title>
                <link rel="stylesheet" href="/static/digital-id.css" />
            </head>
            <body>
                <a class="skip-link" href="#main">
                    "ข้ามไปยังเนื้อหาหลัก"
                </a>
                <header class="site-header">
                    <p class="simulator-banner">
                        <strong>{SIMULATOR_NOTICE}</strong>
                        " โปรดใช้ข้อมูลทดสอบ อย่าใช้รหัสผ่านจริงของคุณ"
                    </p>
                    <div class="brand">
                        <span class="brand-name">"Digital ID"</span>
                        <span class="brand-org">"สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)"</span>
                    </div>
                </header>
                <main id="main" class=card_class tabindex="-1">
                    {body}
                </main>
                <footer class="site-footer">
                    <p>
                        "Digital ID (ระบบจำลอง) สำหรับการพัฒนา ทดสอบ และฝึกอบรมการใช้งานระบบศูนย์รวมข้อมูลบริการภาครัฐ"
                    </p>
                    <p>"ข้อมูลที่กรอกในระบบนี้ไม่ถูกส่งไปยัง Digital ID จริง"</p>
                </footer>
            </body>
        </html>
    };
    format!("<!DOCTYPE html>{}", html.to_html())
}

/// The hidden inputs every form posts back: where to continue (`ReturnUrl`) and the CSRF token (`csrf`).
pub(super) fn hidden_inputs(return_url: &str, csrf_token: &str) -> impl IntoView + use<> {
    view! {
        <input type="hidden" name="ReturnUrl" value=return_url.to_owned() />
        <input type="hidden" name="csrf" value=csrf_token.to_owned() />
    }
}
