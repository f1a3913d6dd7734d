//! `digital-id`: the Digital ID simulator on its own — serve it, manage its signing keys, load demo accounts.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use digital_id::serving::ConnectionLimits;
use digital_id::{Client, Settings, Simulator};
use domain::database::DatabaseUrl;
use serde::Deserialize;

/// The Digital ID simulator: an OpenID Provider that behaves like DGA Digital ID, for development and training.
#[derive(Debug, Parser)]
#[command(version)]
struct Cli {
    /// The simulator's configuration file.
    #[arg(long, default_value = "digital-id/simulator.toml", global = true)]
    config: PathBuf,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the simulator (the default).
    Serve,
    /// Manage the signing keys.
    Keys {
        #[command(subcommand)]
        action: KeysAction,
    },
    /// Add the documented demo accounts (those missing) and set each to its documented IAL.
    DemoAccounts,
}

#[derive(Debug, Subcommand)]
enum KeysAction {
    /// List the keys with their status.
    List,
    /// Make a new key the signer; the old one stays published until retired.
    Rotate,
    /// Remove a published (not the active) key from the JWKS.
    Retire {
        /// The key id.
        kid: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    issuer: String,
    address: SocketAddr,
    database_url: String,
    enable_faults: bool,
    #[serde(default)]
    clients: Vec<Client>,
    /// Connection limits (see `digital_id::serving`); a missing key takes the default.
    #[serde(default = "default_header_read_timeout_seconds")]
    header_read_timeout_seconds: u64,
    #[serde(default = "default_idle_timeout_seconds")]
    idle_timeout_seconds: u64,
    #[serde(default = "default_body_timeout_seconds")]
    body_timeout_seconds: u64,
    #[serde(default = "default_max_connections")]
    max_connections: usize,
}

fn default_header_read_timeout_seconds() -> u64 {
    ConnectionLimits::DEFAULT.header_read_timeout.as_secs()
}

fn default_idle_timeout_seconds() -> u64 {
    ConnectionLimits::DEFAULT.idle_timeout.as_secs()
}

fn default_body_timeout_seconds() -> u64 {
    ConnectionLimits::DEFAULT.body_timeout.as_secs()
}

fn default_max_connections() -> usize {
    ConnectionLimits::DEFAULT.max_connections
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    let file: FileSettings = config::Config::builder()
        .add_source(config::File::from(cli.config.as_path()))
        .add_source(config::Environment::with_prefix("DIGITAL_ID_SIM").try_parsing(true))
        .build()
        .and_then(config::Config::try_deserialize)
        .with_context(|| format!("reading {}", cli.config.display()))?;
    let limits = ConnectionLimits::from_settings(
        file.header_read_timeout_seconds,
        file.idle_timeout_seconds,
        file.body_timeout_seconds,
        file.max_connections,
    )
    .with_context(|| format!("reading {}", cli.config.display()))?;
    let settings = Settings {
        issuer: file.issuer,
        database_url: DatabaseUrl::new(file.database_url),
        enable_faults: file.enable_faults,
        clients: file.clients,
    };
    let simulator = Simulator::open(settings).await?;
    let state = simulator.state().clone();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let listener = tokio::net::TcpListener::bind(file.address)
                .await
                .with_context(|| format!("binding {}", file.address))?;
            simulator
                .serve(listener, limits, async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await?;
        }
        Command::Keys { action: KeysAction::List } => {
            for key in state.keys.list().await? {
                report(&format!(
                    "{:<32} {:<10} {}",
                    key.kid,
                    format!("{:?}", key.status).to_lowercase(),
                    key.created_at
                ));
            }
        }
        Command::Keys { action: KeysAction::Rotate } => {
            let kid = state.keys.rotate().await?;
            report(&format!("new signing key {kid}; the previous key stays published until retired"));
        }
        Command::Keys { action: KeysAction::Retire { kid } } => {
            state.keys.retire(&kid).await?;
            report(&format!("retired {kid}"));
        }
        Command::DemoAccounts => {
            let added = digital_id::demo::load(&state.db).await?;
            report(&format!(
                "{added} demo account(s) added, every demo account at its documented IAL; password for all: {}",
                digital_id::demo::DEMO_PASSWORD
            ));
        }
    }
    Ok(())
}

#[expect(clippy::print_stdout, reason = "the command's output")]
fn report(line: &str) {
    println!("{line}");
}
