//! A page that only tells something: an error, "signed out", the simulator's home page.

use leptos::prelude::*;

use super::MessageView;
use super::layout::{CardWidth, document};

/// Renders a message page as a complete HTML document; a problem (`is_error`) is announced with `role="alert"`.
pub fn message_page(view: MessageView<'_>) -> String {
    let paragraphs = view.paragraphs.iter().map(|paragraph| view! { <p>{paragraph.to_string()}</p> }).collect_view();
    let link = (!view.links.is_empty()).then(|| {
        let buttons = view
            .links
            .iter()
            .enumerate()
            .map(|(index, (href, label))| {
                let class = if index == 0 { "button button-primary" } else { "button button-secondary" };
                view! {
                    <a class=class href=(*href).to_owned()>
                        {(*label).to_owned()}
                    </a>
                }
            })
            .collect_view();
        view! { <p class="actions">{buttons}</p> }
    });
    let body = view! {
        <div
            class=if view.is_error { "message message-error" } else { "message" }
            role=view.is_error.then_some("alert")
        >
            <h1>{view.title.to_owned()}</h1>
            {paragraphs}
        </div>
        {link}
    };
    document(view.title, CardWidth::Narrow, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(is_error: bool) -> String {
        message_page(MessageView {
            title: "ออกจากระบบแล้ว",
            paragraphs: &["หนึ่ง", "สอง <b>"],
            links: &[("/?a=1&b=2", "กลับหน้าหลัก")],
            is_error,
        })
    }

    #[test]
    fn a_message_shows_its_title_paragraphs_and_link() {
        let html = render(false);
        assert!(html.contains("<title>ออกจากระบบแล้ว – Digital ID (ระบบจำลอง)</title>"), "{html}");
        assert!(html.contains("<h1>ออกจากระบบแล้ว</h1><p>หนึ่ง</p><p>สอง &lt;b&gt;</p>"), "{html}");
        assert!(html.contains("<a href=\"/?a=1&amp;b=2\" class=\"button button-primary\">กลับหน้าหลัก</a>"), "{html}");
        assert!(!html.contains("role=\"alert\""), "{html}");
    }

    #[test]
    fn a_problem_is_announced_as_an_alert() {
        assert!(render(true).contains("role=\"alert\""));
    }
}
