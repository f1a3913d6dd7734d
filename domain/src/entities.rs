//! sea-orm entities: the rows of the database as Rust types. They never cross the wire; `app` has its own DTOs.

pub mod activation_attempt;
pub mod activation_token;
pub mod audit_event;
pub mod login_transaction;
pub mod officer;
pub mod officer_session;
pub mod organisation_unit;
