//! The `server` binary: logging, then the command line (see `server --help`).

use std::io::IsTerminal;

use clap::Parser;
use server::logging::{self, LogFormat};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let ansi = std::io::stdout().is_terminal();
    let subscriber = logging::subscriber(LogFormat::from_env()?, logging::filter_from_env(), std::io::stdout, ansi);
    tracing::subscriber::set_global_default(subscriber)?;
    server::cli::run(server::cli::Cli::parse()).await
}
