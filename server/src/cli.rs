//! The command line: `server` (serve, after applying pending migrations) and `server migrate`.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use sea_orm::DatabaseConnection;
use sea_orm_migration::MigratorTrait;
use tokio::net::TcpListener;

use crate::config::Settings;
use crate::router::router;
use crate::state::{AppState, leptos_options};

/// Info Backoffice: the officers' back office of the Government Service Information Center.
#[derive(Debug, Parser)]
#[command(version)]
pub struct Cli {
    /// The runtime configuration file.
    #[arg(long, default_value = "Leptos.toml", global = true)]
    pub config: PathBuf,
    /// What to do; serving is the default.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The server's subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations, then serve the site (the default).
    Serve,
    /// Apply pending database migrations and exit; with `--status`, only list them.
    Migrate {
        /// List applied and pending migrations without changing anything.
        #[arg(long)]
        status: bool,
    },
}

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = Settings::load(&cli.config).with_context(|| format!("loading {}", cli.config.display()))?;
    tracing::info!(database = %settings.database_url, address = %settings.site.address, "configuration loaded");
    let db = domain::database::connect(&settings.database_url).await?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            migrate(&db).await?;
            serve(settings, db).await
        }
        Command::Migrate { status: false } => migrate(&db).await,
        Command::Migrate { status: true } => print_status(&db).await,
    }
}

async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    let applied = domain::database::migrate(db).await.context("applying migrations")?;
    tracing::info!(applied, "database schema is up to date");
    Ok(())
}

#[expect(clippy::print_stdout, reason = "the status listing is the command's output")]
async fn print_status(db: &DatabaseConnection) -> anyhow::Result<()> {
    use domain::migration::Migrator;
    let applied: Vec<String> =
        Migrator::get_applied_migrations(db).await?.iter().map(|m| m.name().to_owned()).collect();
    for migration in Migrator::migrations() {
        let state = if applied.iter().any(|name| name == migration.name()) { "applied" } else { "pending" };
        println!("{state:8} {}", migration.name());
    }
    Ok(())
}

async fn serve(mut settings: Settings, db: DatabaseConnection) -> anyhow::Result<()> {
    if let Some(simulator) = crate::simulator::start(&mut settings).await? {
        tokio::spawn(async move {
            if let Err(error) = simulator.await {
                tracing::error!(%error, "the Digital ID simulator stopped");
            }
        });
    }
    let address = settings.site.address;
    let state = AppState { leptos_options: leptos_options(&settings), db, settings: settings.into() };
    let listener = TcpListener::bind(address).await.with_context(|| format!("binding {address}"))?;
    tracing::info!("serving on http://{address}");
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown_signal()).await?;
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM, so in-flight requests finish before the process exits.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
