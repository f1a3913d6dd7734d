//! What every request handler and server function can reach.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;

use crate::config::Settings;

/// Shared, cheaply cloned application state.
#[derive(Clone, Debug)]
pub struct AppState {
    /// Leptos's options, derived from [`Settings`].
    pub leptos_options: LeptosOptions,
    /// The database pool.
    pub db: DatabaseConnection,
    /// The checked configuration.
    pub settings: std::sync::Arc<Settings>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The name cargo-leptos gives the JS, WASM and CSS bundles (`output-name` in Cargo.toml).
pub const OUTPUT_NAME: &str = "info-backoffice";

/// Leptos's options for these settings.
pub fn leptos_options(settings: &Settings) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(settings.site.root.to_string_lossy().as_ref())
        .site_pkg_dir("pkg")
        .site_addr(settings.site.address)
        .build()
}
