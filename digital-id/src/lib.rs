//! The Digital ID simulator: an OpenID Provider that behaves like DGA Digital ID (connect.egov.go.th) so the back
//! office can be developed, demonstrated, taught and tested without the real one.
//!
//! Map of the crate:
//! - [`settings`]: issuer, database, registered clients, whether fault modes may be switched on.
//! - [`router`]: every route; [`endpoints`] holds the OpenID Connect endpoints, [`account_pages`] the sign-in,
//!   registration and consent pages, [`assurance_pages`] the page where an account raises its identity assurance
//!   level (all rendered by [`pages`]).
//! - [`keys`] (RS256 signing keys, rotation), [`jws`] (compact JWS), [`grants`] (codes, access tokens and browser
//!   sessions), [`accounts`] (registered people and their consents), [`faults`] (misbehaviour for tests).
//! - [`validation`] and [`citizen_id`]: the registration form's rules; [`proofing`]: assurance levels, the ID card's
//!   laser code and the simulated DOPA check; [`throttle`]: password throttling; [`browser`]: cookies, CSRF, security
//!   headers;
//!   [`client_secret`]: client authentication with the DGA secret hashing; [`demo`]: the demo accounts;
//!   [`backchannel`]: Logout Tokens posted to relying parties when a session ends.
//! - [`serving`]: serving a router with connection timeouts and a connection cap (the back office serves through it
//!   too).
//! - `testing` (feature `testing`): a simulator on an ephemeral port and a scripted browser, for tests.

pub mod account_pages;
pub mod accounts;
pub mod assurance_pages;
pub mod backchannel;
pub mod browser;
pub mod citizen_id;
pub mod client_secret;
pub mod demo;
pub mod endpoints;
pub mod entities;
pub mod faults;
pub mod grants;
pub mod jws;
pub mod keys;
pub mod migration;
pub mod pages;
pub mod proofing;
pub mod router;
pub mod serving;
pub mod settings;
pub mod simulator;
#[cfg(feature = "testing")]
pub mod testing;
pub mod throttle;
pub mod validation;

pub use settings::{Client, SecretHashing, Settings};
pub use simulator::Simulator;
