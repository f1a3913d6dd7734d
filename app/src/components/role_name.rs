//! The Thai (or English) name of an officer's role.

use crate::i18n::Text;
use crate::request_context::RoleView;

/// The role as the specification names it ("เจ้าหน้าที่ส่วนกลาง", …).
pub fn role_name(role: RoleView, text: &Text) -> &'static str {
    match role {
        RoleView::ContactCenter => text.role_contact_center,
        RoleView::Central => text.role_central,
        RoleView::Agency => text.role_agency,
        RoleView::ServicePoint => text.role_service_point,
    }
}

#[cfg(test)]
mod tests {
    use super::role_name;
    use crate::i18n::Locale;
    use crate::request_context::RoleView;

    #[test]
    fn every_role_has_the_specifications_thai_name() {
        let th = Locale::Th.text();
        assert_eq!(role_name(RoleView::ContactCenter, th), "เจ้าหน้าที่ DGA Contact Center");
        assert_eq!(role_name(RoleView::Central, th), "เจ้าหน้าที่ส่วนกลาง");
        assert_eq!(role_name(RoleView::Agency, th), "เจ้าหน้าที่หน่วยงาน");
        assert_eq!(role_name(RoleView::ServicePoint, th), "เจ้าหน้าที่จุดบริการ");
    }
}
