//! The Thai (or English) name of an officer's role.

use crate::i18n::Text;
use vocabulary::Role;

/// The role as the specification names it ("เจ้าหน้าที่ส่วนกลาง", …).
pub fn role_name(role: Role, text: &Text) -> &'static str {
    match role {
        Role::ContactCenter => text.role_contact_center,
        Role::Central => text.role_central,
        Role::Agency => text.role_agency,
        Role::ServicePoint => text.role_service_point,
    }
}

#[cfg(test)]
mod tests {
    use super::role_name;
    use crate::i18n::Locale;
    use vocabulary::Role;

    #[test]
    fn every_role_has_the_specifications_thai_name() {
        let th = Locale::Th.text();
        assert_eq!(role_name(Role::ContactCenter, th), "เจ้าหน้าที่ DGA Contact Center");
        assert_eq!(role_name(Role::Central, th), "เจ้าหน้าที่ส่วนกลาง");
        assert_eq!(role_name(Role::Agency, th), "เจ้าหน้าที่หน่วยงาน");
        assert_eq!(role_name(Role::ServicePoint, th), "เจ้าหน้าที่จุดบริการ");
    }
}
