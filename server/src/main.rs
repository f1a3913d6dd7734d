//! The `server` binary: logging, then the command line (see `server --help`).

use std::io::IsTerminal;

use clap::Parser;
use server::logging::{self, LogFormat};

/// mimalloc rather than glibc's malloc: in the benchmark's profiles (docs/BENCHMARKS.md) glibc's allocator — its
/// arenas, bins and consolidation — took a quarter of the server's CPU on a signed-in page; mimalloc's thread-local
/// free lists do the same work in a fraction of it. Only the binary: tests keep the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let ansi = std::io::stdout().is_terminal();
    let subscriber = logging::subscriber(LogFormat::from_env()?, logging::filter_from_env(), std::io::stdout, ansi);
    tracing::subscriber::set_global_default(subscriber)?;
    server::cli::run(server::cli::Cli::parse()).await
}
