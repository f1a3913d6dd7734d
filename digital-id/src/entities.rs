//! sea-orm entities of the simulator's database.

pub mod account;
pub mod consent;
pub mod signing_key;
