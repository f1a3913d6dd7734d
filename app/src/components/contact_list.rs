//! A list of people to contact (the central officers of a department), with phone and e-mail links.

use leptos::prelude::*;

use crate::components::contact_center_phone::ContactCenterPhone;
use crate::i18n::use_text;
use crate::request_context::ContactView;

/// The central officers, each with a `tel:` and a `mailto:` link when known; when there is nobody, a sentence
/// sending the officer to the DGA Contact Center instead.
#[component]
pub fn ContactList(
    /// Whom to list.
    contacts: Vec<ContactView>,
) -> impl IntoView {
    let text = use_text();
    if contacts.is_empty() {
        return view! {
            <p class="contact-list__empty">{text.no_central_officers} " " <ContactCenterPhone /></p>
        }
        .into_any();
    }
    let items = contacts
        .into_iter()
        .map(|contact| {
            let phone = contact.phone_number.map(|phone| {
                let href = tel_href(&phone);
                view! {
                    <span class="contact-list__detail">
                        {text.phone_label} " " <a href=href>{phone}</a>
                    </span>
                }
            });
            let email = contact.email.map(|email| {
                let href = format!("mailto:{email}");
                view! {
                    <span class="contact-list__detail">
                        {text.email_label} " " <a href=href>{email}</a>
                    </span>
                }
            });
            view! {
                <li class="contact-list__item">
                    <span class="contact-list__name">{contact.name_th}</span>
                    {phone}
                    {email}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="contact-list">{items}</ul> }.into_any()
}

/// A `tel:` address for a phone number as people write it ("081-234-5678" → `tel:0812345678`): the digits up to the
/// first character that is not part of a number (such as "ต่อ" before an extension), and a leading `+`.
pub fn tel_href(phone: &str) -> String {
    let trimmed = phone.trim();
    let plus = if trimmed.starts_with('+') { "+" } else { "" };
    let digits: String = trimmed
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '+'))
        .filter(char::is_ascii_digit)
        .collect();
    format!("tel:{plus}{digits}")
}

#[cfg(test)]
mod tests {
    use super::tel_href;

    #[test]
    fn a_phone_link_keeps_only_the_digits() {
        assert_eq!(tel_href("081-234-5678"), "tel:0812345678");
        assert_eq!(tel_href("(02) 612.6060"), "tel:026126060");
    }

    #[test]
    fn an_extension_is_not_dialled_as_part_of_the_number() {
        assert_eq!(tel_href(" 02 612 6060 ต่อ 1 "), "tel:026126060");
    }

    #[test]
    fn an_international_number_keeps_its_plus() {
        assert_eq!(tel_href("+66 2 612 6060"), "tel:+6626126060");
    }
}
