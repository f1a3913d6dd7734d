//! How the server logs: to standard output, filtered by `RUST_LOG` (default [`crate::DEFAULT_LOG_FILTER`]), as text
//! or — `LOG_FORMAT=json`, for log shippers — one JSON object per line. Either way a line written while a request is
//! answered carries the request's id (the `request` span's `id` field: see [`crate::request_id`]).

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

/// How log lines are written (`LOG_FORMAT`): read before the configuration, so that loading it is logged too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines (the default).
    Text,
    /// One JSON object per line: `timestamp`, `level`, `fields` (the message among them), `target`, and `span` —
    /// the innermost span's fields, the request's `id` included.
    Json,
}

impl LogFormat {
    /// `LOG_FORMAT` from the environment.
    pub fn from_env() -> anyhow::Result<Self> {
        Self::parse(std::env::var("LOG_FORMAT").ok().as_deref())
    }

    /// Reads a `LOG_FORMAT` value: unset, empty or `text`, or `json`; anything else is refused (the server does
    /// not start).
    pub fn parse(value: Option<&str>) -> anyhow::Result<Self> {
        match value.map(str::trim) {
            None | Some("" | "text") => Ok(Self::Text),
            Some("json") => Ok(Self::Json),
            Some(other) => anyhow::bail!("invalid LOG_FORMAT {other:?}: expected text or json"),
        }
    }
}

/// The filter: `RUST_LOG` if set and valid, else [`crate::DEFAULT_LOG_FILTER`].
pub fn filter_from_env() -> EnvFilter {
    EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(crate::DEFAULT_LOG_FILTER))
}

/// The subscriber writing to `writer` (the binary: standard output; tests: memory), colour only for a terminal.
pub fn subscriber<W>(
    format: LogFormat,
    filter: EnvFilter,
    writer: W,
    ansi: bool,
) -> Box<dyn tracing::Subscriber + Send + Sync>
where
    W: for<'writer> MakeWriter<'writer> + Send + Sync + 'static,
{
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(writer);
    match format {
        LogFormat::Json => Box::new(builder.json().with_current_span(true).with_span_list(false).finish()),
        LogFormat::Text => Box::new(builder.with_ansi(ansi).finish()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_format_is_text_unless_json_is_asked_for_and_nonsense_is_refused() {
        assert_eq!(LogFormat::parse(None).expect("unset"), LogFormat::Text);
        assert_eq!(LogFormat::parse(Some("")).expect("empty"), LogFormat::Text);
        assert_eq!(LogFormat::parse(Some("json")).expect("json"), LogFormat::Json);
        let error = LogFormat::parse(Some("JSON ")).expect_err("case matters").to_string();
        assert!(error.contains("LOG_FORMAT"), "{error}");
    }
}
