//! Everything the server logs during a test, captured in memory at the server's default filter plus `extra`
//! directives, for tests that read what was logged.

use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};

/// Everything logged, in memory.
#[derive(Clone, Default)]
pub struct CapturedLog(Arc<Mutex<Vec<u8>>>);

impl Write for CapturedLog {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl CapturedLog {
    /// Starts capturing this thread's log lines, plain text without colours, at [`server::DEFAULT_LOG_FILTER`]
    /// followed by `extra` (say `,server=debug`); capturing ends when the guard is dropped.
    pub fn start(extra: &str) -> (Self, tracing::subscriber::DefaultGuard) {
        let log = Self::default();
        let writer = log.clone();
        let filter = format!("{}{extra}", server::DEFAULT_LOG_FILTER);
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        (log, tracing::subscriber::set_default(subscriber))
    }

    /// What was logged so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(PoisonError::into_inner)).into_owned()
    }
}
