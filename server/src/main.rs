//! The `server` binary: logging, then the command line (see `server --help`).

use clap::Parser;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(server::DEFAULT_LOG_FILTER)),
        )
        .init();
    server::cli::run(server::cli::Cli::parse()).await
}
