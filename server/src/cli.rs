//! The command line: `server` (serve, after applying pending migrations), `server migrate`, `server backup`, and the
//! bootstrap commands of DGA operators: `server units add`, `server units load-sample`, `server import-officers`, `server issue-token`.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use sea_orm::DatabaseConnection;
use sea_orm_migration::MigratorTrait;
use tokio::net::TcpListener;

use domain::activation::{IssueError, IssueToken, Issuer};
use domain::citizen_id::{CitizenId, CitizenIdKey};
use domain::entities::officer::Role;
use domain::entities::organisation_unit::UnitKind;

use crate::config::Settings;
use crate::router::router;
use crate::state::AppState;

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
    /// Write a consistent copy of the SQLite database to a new file while the server runs (`VACUUM INTO`); on
    /// PostgreSQL use pg_dump (deploy/backup.sh does either).
    Backup {
        /// The backup file to create; an existing file is never overwritten.
        #[arg(long)]
        to: PathBuf,
    },
    /// Organisation units.
    #[command(subcommand)]
    Units(UnitsCommand),
    /// Import officers known from CITIZENinfo from a CSV file (columns: digital_id_sub, citizen_id, name_th,
    /// unit_code, role); the whole file is checked first, and nothing changes if any row is bad.
    ImportOfficers {
        /// The CSV file (UTF-8, with a header row).
        file: PathBuf,
        /// The Digital ID issuer of the `digital_id_sub` column (default: the configured one).
        #[arg(long)]
        issuer: Option<String>,
    },
    /// Issue an activation token; the token is printed on the last line of output, once.
    IssueToken {
        /// The role: central, agency, service_point or contact_center.
        #[arg(long)]
        role: String,
        /// The code of the unit the officer joins.
        #[arg(long)]
        unit: String,
        /// The intended person's citizen ID: only their Digital ID account can redeem the token.
        #[arg(long)]
        citizen_id: Option<String>,
        /// The intended person's name.
        #[arg(long)]
        name: Option<String>,
        /// The official letter or request number (หนังสือที่ / เลขที่คำขอ).
        #[arg(long)]
        reference: Option<String>,
        /// How long the token lives, from 1 day to 30 days, e.g. 7d, 36h; anything else is refused.
        #[arg(long, default_value = "7d")]
        expires_in: humantime::Duration,
    },
}

/// `server units …`
#[derive(Debug, Subcommand)]
pub enum UnitsCommand {
    /// Create an organisation unit.
    Add {
        /// Its unique code (A–Z, 0–9, '-', '_', '.').
        #[arg(long)]
        code: String,
        /// Its official Thai name.
        #[arg(long)]
        name_th: String,
        /// Its English name.
        #[arg(long)]
        name_en: Option<String>,
        /// ministry, department, division or service_point.
        #[arg(long)]
        kind: String,
        /// The parent unit's code (required except for a ministry).
        #[arg(long)]
        parent: Option<String>,
    },
    /// Create the sample organisation tree (three ministries with departments, provincial offices and service
    /// points, and DGA's Contact Center) for demos; units that exist already are left alone.
    LoadSample,
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
        Command::Backup { to } => {
            let bytes = domain::backup::sqlite_into(&db, &to).await?;
            say(&format!("backed up the database to {} ({bytes} bytes)", to.display()));
            Ok(())
        }
        Command::Units(UnitsCommand::Add { code, name_th, name_en, kind, parent }) => {
            migrate(&db).await?;
            let kind = UnitKind::from_code(&kind)
                .with_context(|| format!("unknown kind {kind:?}: ministry, department, division or service_point"))?;
            let unit = domain::units::create(
                &db,
                domain::units::NewUnit { code, name_th, name_en, kind, parent_code: parent },
                chrono::Utc::now(),
            )
            .await?;
            say(&format!("created unit {} ({})", unit.code, unit.kind.code()));
            Ok(())
        }
        Command::Units(UnitsCommand::LoadSample) => {
            migrate(&db).await?;
            let created = domain::sample_tree::load(&db, chrono::Utc::now()).await?;
            say(&format!("created {created} sample unit(s); {} in the sample", domain::sample_tree::UNITS.len()));
            Ok(())
        }
        Command::ImportOfficers { file, issuer } => {
            migrate(&db).await?;
            let csv = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let issuer = issuer.unwrap_or_else(|| settings.issuer());
            let key = CitizenIdKey::new(settings.citizen_id_key.expose().as_bytes().to_vec());
            match domain::import::import_officers(&db, &csv, &issuer, &key, chrono::Utc::now()).await {
                Ok(count) => {
                    say(&format!("imported {count} officer(s) from {}", file.display()));
                    Ok(())
                }
                Err(domain::import::ImportError::Rows(errors)) => {
                    for error in &errors {
                        tell(&format!("{}: {error}", file.display()));
                    }
                    anyhow::bail!("{} problem(s) in {}; nothing was imported", errors.len(), file.display())
                }
                Err(error) => Err(error.into()),
            }
        }
        Command::IssueToken { role, unit, citizen_id, name, reference, expires_in } => {
            migrate(&db).await?;
            let role = Role::from_code(&role)
                .with_context(|| format!("unknown role {role:?}: central, agency, service_point or contact_center"))?;
            let citizen_id = citizen_id
                .map(|text| CitizenId::parse(&text))
                .transpose()
                .map_err(|error| anyhow::anyhow!("--citizen-id: {error}"))?;
            let key = CitizenIdKey::new(settings.citizen_id_key.expose().as_bytes().to_vec());
            let request = IssueToken {
                unit_code: unit,
                role,
                citizen_id,
                intended_name: name,
                reference,
                // Too long for chrono is too long for a Token: refused below with the other lifetimes out of range.
                lifetime: chrono::Duration::from_std(*expires_in).unwrap_or(chrono::Duration::MAX),
            };
            // The same path as the Tokens page: the same checks and limits, and a `token_issued` audit entry.
            let issued = domain::activation::issue(&db, Issuer::CommandLine, request, &key, chrono::Utc::now()).await;
            let (token, row) = match issued {
                Ok(issued) => (issued.token, issued.row),
                Err(IssueError::Lifetime) => {
                    anyhow::bail!("--expires-in: {} (e.g. 24h, 7d, 30d)", IssueError::Lifetime)
                }
                Err(error) => return Err(error.into()),
            };
            tracing::info!(token_id = row.id, role = row.role.code(), "activation token issued on the command line");
            say(&format!(
                "activation token for a {} officer, valid until {} (UTC):",
                row.role.code(),
                row.expires_at.format("%Y-%m-%d %H:%M")
            ));
            say(&token.grouped());
            Ok(())
        }
    }
}

/// A line of the command's output.
#[expect(clippy::print_stdout, reason = "the command's output")]
fn say(line: &str) {
    println!("{line}");
}

/// A line of the command's error report.
#[expect(clippy::print_stderr, reason = "the command's error report")]
fn tell(line: &str) {
    eprintln!("{line}");
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
    let limits = settings.site.connections;
    let grace = settings.site.shutdown_grace;
    let housekeeping = settings.housekeeping;
    let operator_address = settings.operator_address;
    let state = AppState::new(settings, db);
    let listener = TcpListener::bind(address).await.with_context(|| format!("binding {address}"))?;
    tracing::info!(?limits, "serving on http://{address}");
    tokio::spawn(crate::housekeeping::run(state.clone(), housekeeping));
    // SIGTERM: `/readyz` says "draining" at once; the listeners close `grace` later; requests in flight finish.
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let readiness = state.readiness.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        readiness.drain();
        tracing::info!(
            grace_seconds = grace.as_secs(),
            "draining: /readyz answers 503; the listener closes after the grace"
        );
        // A second signal (Ctrl-C twice in development) skips the rest of the grace.
        tokio::select! {
            () = tokio::time::sleep(grace) => {},
            () = shutdown_signal() => {},
        }
        let _ = stop.send(true);
    });
    let closing = |mut stopped: tokio::sync::watch::Receiver<bool>| async move {
        let _ = stopped.wait_for(|stop| *stop).await;
    };
    // Metrics (and the probes) for operators, never on the public listener; it closes with it.
    if let Some(operator) = operator_address {
        let listener =
            TcpListener::bind(operator).await.with_context(|| format!("binding the operator address {operator}"))?;
        tracing::info!("metrics on http://{operator}/metrics");
        let (state, shutdown) = (state.clone(), closing(stopped.clone()));
        tokio::spawn(async move {
            if let Err(error) = crate::operator::serve(listener, state, shutdown).await {
                tracing::error!(%error, "the operator listener stopped");
            }
        });
    }
    // Every request carries the peer address, which feeds the activation rate limit (behind a proxy it is the
    // proxy's: see docs/OPERATIONS.md).
    digital_id::serving::serve(listener, router(state), limits, closing(stopped)).await?;
    tracing::info!("stopped");
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
