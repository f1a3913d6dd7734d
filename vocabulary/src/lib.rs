//! The words the server and the browser share: an officer's [`Role`] and [`OfficerStatus`], an organisation unit's
//! [`UnitKind`], a Token's [`TokenState`] and the [`AuditEvent`]s; how a typed Token is read ([`token_text`]) and a typed citizen ID ([`citizen_id`]). Each is written once, here: `domain` stores them
//! (with the `sea-orm` feature, which derives their column mapping) and `app` shows them, so no mapping between two
//! copies can drift. Their codes are the values stored in the database and used in forms, files and the command line.

mod audit_event;
pub mod citizen_id;
mod officer_status;
mod role;
mod token_state;
pub mod token_text;
mod unit_kind;

pub use audit_event::AuditEvent;
pub use officer_status::OfficerStatus;
pub use role::Role;
pub use token_state::TokenState;
pub use unit_kind::UnitKind;
