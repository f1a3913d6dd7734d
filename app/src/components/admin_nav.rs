//! The navigation between the administration pages, shown at the top of each of them and on the home page of the
//! officers who may use them: Contact Center staff (Tokens, officers, audit log, organisation tree) and central
//! officers (Tokens, officers, audit log). Which pages an officer may open is decided by the server; this only
//! decides which links are worth showing.

use leptos::prelude::*;
use vocabulary::Role;

use crate::components::in_place::{InPlace, InPlaceWords};
use crate::i18n::admin::{AdminText, use_admin_text};
use crate::paths::{ACCOUNTS_PAGE, AUDIT_PAGE, TOKENS_PAGE, UNITS_PAGE};
use crate::request_context::{Visitor, use_request_context};

/// The administration pages an officer of `role` is offered, as (address, link text), in menu order.
pub fn admin_pages(role: Role, text: &AdminText) -> Vec<(&'static str, &'static str)> {
    let mut pages = match role {
        Role::ContactCenter | Role::Central => {
            vec![(TOKENS_PAGE, text.nav_tokens), (ACCOUNTS_PAGE, text.nav_accounts), (AUDIT_PAGE, text.nav_audit)]
        }
        Role::Agency | Role::ServicePoint => Vec::new(),
    };
    if role == Role::ContactCenter {
        pages.push((UNITS_PAGE, text.nav_units));
    }
    pages
}

/// The links to the visitor's administration pages, the one at `current` marked `aria-current="page"`; nothing for
/// a visitor who has none.
#[component]
pub fn AdminNav(
    /// The address of the page showing the menu (`None`, e.g. on the home page: no link is current).
    current: Option<&'static str>,
) -> impl IntoView {
    let text = use_admin_text();
    let Visitor::Officer(officer) = use_request_context().visitor else { return None };
    let pages = admin_pages(officer.role, text);
    if pages.is_empty() {
        return None;
    }
    let items = pages
        .into_iter()
        .map(|(href, label)| {
            let is_current = current == Some(href);
            view! {
                <li class="admin-nav__item">
                    <a
                        class="admin-nav__link"
                        class:admin-nav__link--current=is_current
                        href=href
                        aria-current=is_current.then_some("page")
                    >
                        {label}
                    </a>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <nav class="admin-nav" aria-label=text.nav_label>
            <ul class="admin-nav__list">{items}</ul>
        </nav>
        <InPlace words=InPlaceWords::prop(text) />
    })
}

#[cfg(test)]
mod tests {
    use super::admin_pages;
    use crate::i18n::admin::ADMIN_TH;
    use crate::paths::{ACCOUNTS_PAGE, AUDIT_PAGE, TOKENS_PAGE, UNITS_PAGE};
    use vocabulary::Role;

    fn addresses(role: Role) -> Vec<&'static str> {
        admin_pages(role, &ADMIN_TH).into_iter().map(|(href, _)| href).collect()
    }

    #[test]
    fn contact_center_staff_get_every_administration_page_including_the_tree() {
        assert_eq!(addresses(Role::ContactCenter), [TOKENS_PAGE, ACCOUNTS_PAGE, AUDIT_PAGE, UNITS_PAGE]);
    }

    #[test]
    fn central_officers_get_tokens_officers_and_audit_but_not_the_tree() {
        assert_eq!(addresses(Role::Central), [TOKENS_PAGE, ACCOUNTS_PAGE, AUDIT_PAGE]);
    }

    #[test]
    fn agency_and_service_point_officers_get_no_administration_pages() {
        assert!(addresses(Role::Agency).is_empty());
        assert!(addresses(Role::ServicePoint).is_empty());
    }
}
