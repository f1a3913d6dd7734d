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
        Self::start_as(server::logging::LogFormat::Text, extra)
    }

    /// The same, in `format` (the server's own subscriber: `LOG_FORMAT=json` writes what [`CapturedLog::start_as`]
    /// with `Json` captures).
    pub fn start_as(format: server::logging::LogFormat, extra: &str) -> (Self, tracing::subscriber::DefaultGuard) {
        let log = Self::default();
        let writer = log.clone();
        let filter = tracing_subscriber::EnvFilter::new(format!("{}{extra}", server::DEFAULT_LOG_FILTER));
        let subscriber = server::logging::subscriber(format, filter, move || writer.clone(), false);
        (log, tracing::subscriber::set_default(subscriber))
    }

    /// What was logged so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(PoisonError::into_inner)).into_owned()
    }
}
