//! Building blocks shared by pages: the site header and footer, the islands they hold, and the pieces the sign-in
//! pages share (banners, error summary, contacts, the sign-in and sign-out forms).

pub mod admin_form;
pub mod admin_nav;
pub mod app_failure;
pub mod contact_center_phone;
pub mod contact_list;
pub mod error_summary;
pub mod failure_reference;
pub mod in_place;
pub mod language_switch;
pub mod login_forms;
pub mod logout_form;
pub mod name_menu;
pub mod notification_banner;
pub mod print_button;
pub mod role_name;
pub mod server_call;
pub mod session_timeout;
pub mod site_footer;
pub mod site_header;
pub mod text_size_control;
pub mod unit_chain;
