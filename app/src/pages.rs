//! One file per page, named after the page.

pub mod accounts_page;
pub mod activation_page;
pub mod assurance_required_page;
pub mod audit_page;
pub mod consent_declined_page;
pub mod digital_id_unavailable_page;
pub mod home_page;
pub mod not_found_page;
pub mod officers_page;
pub mod profile_page;
pub mod service_error_page;
pub mod sign_in_failed_page;
pub mod sign_in_page;
pub mod tokens_page;
pub mod units_page;
