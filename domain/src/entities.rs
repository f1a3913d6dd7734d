//! sea-orm entities: the rows of the database as Rust types. They never cross the wire; `app` has its own DTOs.

pub mod organisation_unit;
