//! Starting the built-in Digital ID simulator beside the server when no external issuer is configured, with this
//! back office registered as its client (redirect URI `{base_url}/auth/callback`, post-logout URI
//! `{base_url}/backend/signed-out`, back-channel logout URI `{base_url}/auth/backchannel-logout`).

use std::future::Future;

use anyhow::Context;
use digital_id::{Client, Simulator};

use crate::config::{Secret, SecretHashing, Settings};

/// Our name on Digital ID's sign-in and consent pages.
pub const CLIENT_NAME: &str = "ศูนย์รวมข้อมูลบริการภาครัฐ (สำหรับเจ้าหน้าที่)";

/// With `[simulator]` settings (no external issuer): opens the simulator, binds its address and returns the
/// future that serves it. Without a configured client secret a random one is made for this run and put into
/// `settings`, so both sides agree on it.
pub async fn start(
    settings: &mut Settings,
) -> anyhow::Result<Option<impl Future<Output = std::io::Result<()>> + Send + 'static>> {
    let Some(simulator_settings) = settings.simulator.clone() else {
        return Ok(None);
    };
    let secret = settings
        .digital_id
        .client_secret
        .get_or_insert_with(|| Secret::new(uuid::Uuid::new_v4().simple().to_string()))
        .expose()
        .to_owned();
    let base_url = &settings.site.base_url;
    let client = Client {
        client_id: settings.digital_id.client_id.clone(),
        name: CLIENT_NAME.into(),
        secret: digital_id::settings::ClientSecret::new(secret),
        secret_hashing: match settings.digital_id.secret_hashing {
            SecretHashing::Dga => digital_id::SecretHashing::Dga,
            SecretHashing::Plain => digital_id::SecretHashing::Plain,
        },
        redirect_uris: vec![format!("{base_url}/auth/callback")],
        post_logout_redirect_uris: vec![format!("{base_url}{}", app::paths::SIGNED_OUT_PAGE)],
        backchannel_logout_uri: Some(format!("{base_url}{}", app::paths::BACKCHANNEL_LOGOUT)),
    };
    let issuer = simulator_settings.issuer();
    let simulator = Simulator::open(digital_id::Settings {
        issuer: issuer.clone(),
        database_url: simulator_settings.database_url.clone(),
        enable_faults: simulator_settings.enable_faults,
        clients: vec![client],
    })
    .await
    .context("starting the built-in Digital ID simulator")?;
    let listener = tokio::net::TcpListener::bind(simulator_settings.address)
        .await
        .with_context(|| format!("binding the Digital ID simulator to {}", simulator_settings.address))?;
    tracing::info!(%issuer, faults = simulator_settings.enable_faults, "built-in Digital ID simulator started");
    // The same connection limits as the site's: the simulator is as reachable as the site is.
    Ok(Some(simulator.serve(listener, settings.site.connections, std::future::pending())))
}
