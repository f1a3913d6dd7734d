//! The metrics of the back office's calls to Digital ID, which the relying party takes
//! (`crate::relying_party::RelyingParty::discover_measured`) and times every request with.

use std::time::Duration;

use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue, LabelValueEncoder};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::{Registry, Unit};

use super::latency_histogram;

/// What the back office asks Digital ID, server to server.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
pub enum DigitalIdEndpoint {
    /// The discovery document (`/.well-known/openid-configuration`), at first use and at a key refresh.
    Discovery,
    /// The signing keys, fetched right after each discovery.
    Jwks,
    /// The token endpoint, redeeming an authorization code at each sign-in.
    Token,
    /// The userinfo endpoint, read at each sign-in.
    Userinfo,
}

impl DigitalIdEndpoint {
    /// The label's value.
    pub const fn code(self) -> &'static str {
        match self {
            Self::Discovery => "discovery",
            Self::Jwks => "jwks",
            Self::Token => "token",
            Self::Userinfo => "userinfo",
        }
    }
}

impl EncodeLabelValue for DigitalIdEndpoint {
    fn encode(&self, encoder: &mut LabelValueEncoder) -> Result<(), std::fmt::Error> {
        EncodeLabelValue::encode(&self.code(), encoder)
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct EndpointLabels {
    endpoint: DigitalIdEndpoint,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct EndpointErrorLabels {
    endpoint: DigitalIdEndpoint,
    error: &'static str,
}

/// The metrics of the back office's calls to Digital ID; cheap to clone. [`Default`] makes a set registered nowhere
/// (for a relying party built outside a server state, as tests do).
#[derive(Clone, Debug)]
pub struct DigitalIdCalls {
    /// `info_backoffice_digital_id_request_duration_seconds{endpoint}`: every request's time to its answer, or to
    /// its failure.
    duration: Family<EndpointLabels, Histogram, fn() -> Histogram>,
    /// `info_backoffice_digital_id_errors_total{endpoint, error}`: requests that failed, `error` being
    /// `unreachable` (no answer: connection, timeout), `client_error` (4xx) or `server_error` (5xx).
    errors: Family<EndpointErrorLabels, Counter>,
}

impl Default for DigitalIdCalls {
    fn default() -> Self {
        Self {
            duration: Family::new_with_constructor(latency_histogram as fn() -> Histogram),
            errors: Family::default(),
        }
    }
}

impl DigitalIdCalls {
    pub(super) fn register(&self, registry: &mut Registry) {
        registry.register_with_unit(
            "digital_id_request_duration",
            "Time of each request to Digital ID to its answer or failure, by endpoint",
            Unit::Seconds,
            self.duration.clone(),
        );
        registry.register(
            "digital_id_errors",
            "Requests to Digital ID that failed, by endpoint and error (unreachable, client_error, server_error)",
            self.errors.clone(),
        );
    }

    /// Counts a request to `endpoint` that took `took` and got an answer with `status` (`None`: no answer).
    pub fn observe(&self, endpoint: DigitalIdEndpoint, took: Duration, status: Option<http::StatusCode>) {
        self.duration.get_or_create(&EndpointLabels { endpoint }).observe(took.as_secs_f64());
        let error = match status {
            None => "unreachable",
            Some(status) if status.is_server_error() => "server_error",
            Some(status) if status.is_client_error() => "client_error",
            Some(_) => return,
        };
        self.errors.get_or_create(&EndpointErrorLabels { endpoint, error }).inc();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_of_4xx_or_5xx_and_no_answer_count_as_errors() {
        let calls = DigitalIdCalls::default();
        let mut registry = Registry::default();
        calls.register(&mut registry);
        calls.observe(DigitalIdEndpoint::Token, Duration::from_millis(20), Some(http::StatusCode::OK));
        calls.observe(DigitalIdEndpoint::Token, Duration::from_millis(20), Some(http::StatusCode::BAD_REQUEST));
        calls.observe(DigitalIdEndpoint::Discovery, Duration::from_secs(5), None);
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &registry).expect("encoded");
        assert!(text.contains(r#"digital_id_errors_total{endpoint="token",error="client_error"} 1"#), "{text}");
        assert!(text.contains(r#"digital_id_errors_total{endpoint="discovery",error="unreachable"} 1"#), "{text}");
        assert!(text.contains(r#"digital_id_request_duration_seconds_count{endpoint="token"} 2"#), "{text}");
    }
}
