//! The audit log's counters — sign-ins, Token redemptions, issued and revoked Tokens, declined consents — counted as
//! `domain::audit::record` writes each entry, through its observer hook ([`domain::audit::observe`]).
//!
//! The hook is a plain function with no state, so there is one set of these counters per process ([`AUDIT`]),
//! registered into every [`super::Metrics`]: a server has one state, and in tests each state's `/metrics` shows every
//! test's events. The hook is set by the first `Metrics` and stays. An entry written inside a transaction that later
//! rolls back has been counted all the same (the hook runs when its insert succeeds).

use std::borrow::Cow;
use std::sync::LazyLock;

use domain::entities::audit_event::AuditEvent;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::registry::Registry;

use super::OTHER;

/// Sets the audit hook (once per process; later calls change nothing) and registers the counters in `registry`.
pub(super) fn register(registry: &mut Registry) {
    domain::audit::observe(count_audit_event);
    AUDIT.register(registry);
}

/// The audit log's counters, one set per process (see the module's documentation).
static AUDIT: LazyLock<AuditCounters> = LazyLock::new(AuditCounters::default);

#[derive(Debug)]
struct AuditCounters {
    /// `info_backoffice_sign_ins_total{outcome, reason}`: `signed_in` (reason `none`) or `refused` by reason.
    sign_ins: Family<OutcomeLabels, Counter>,
    /// `info_backoffice_token_redemptions_total{outcome, reason}`: `redeemed` (reason `none`) or `refused` by reason.
    token_redemptions: Family<OutcomeLabels, Counter>,
    /// `info_backoffice_tokens_issued_total`: Tokens issued (web and command line).
    tokens_issued: Counter,
    /// `info_backoffice_tokens_revoked_total`: Tokens revoked (by an issuer, on re-issue, after wrong-person tries).
    tokens_revoked: Counter,
    /// `info_backoffice_consent_declined_total`: people who pressed "ไม่ยินยอม" at Digital ID.
    consent_declined: Counter,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    outcome: &'static str,
    reason: Cow<'static, str>,
}

/// The reason of a success.
const NO_REASON: &str = "none";

impl Default for AuditCounters {
    fn default() -> Self {
        let counters = Self {
            sign_ins: Family::default(),
            token_redemptions: Family::default(),
            tokens_issued: Counter::default(),
            tokens_revoked: Counter::default(),
            consent_declined: Counter::default(),
        };
        // The successes show from the start (at 0), so a rate over them exists before the first sign-in.
        drop(counters.sign_ins.get_or_create(&OutcomeLabels { outcome: "signed_in", reason: NO_REASON.into() }));
        drop(
            counters.token_redemptions.get_or_create(&OutcomeLabels { outcome: "redeemed", reason: NO_REASON.into() }),
        );
        counters
    }
}

impl AuditCounters {
    fn register(&self, registry: &mut Registry) {
        registry.register(
            "sign_ins",
            "Digital ID sign-ins that came back to us: outcome signed_in, or refused with the audit log's reason",
            self.sign_ins.clone(),
        );
        registry.register(
            "token_redemptions",
            "Activation Token redemptions: outcome redeemed, or refused with the audit log's reason",
            self.token_redemptions.clone(),
        );
        registry.register(
            "tokens_issued",
            "Activation Tokens issued, on the web and the command line",
            self.tokens_issued.clone(),
        );
        registry.register("tokens_revoked", "Activation Tokens revoked", self.tokens_revoked.clone());
        registry.register(
            "consent_declined",
            "Sign-ins whose consent was declined at Digital ID",
            self.consent_declined.clone(),
        );
    }
}

/// The audit hook: counts an entry just written (its event and reason code only).
fn count_audit_event(event: AuditEvent, reason: Option<&str>) {
    let outcome = |outcome, reason: Option<&str>| OutcomeLabels {
        outcome,
        reason: reason.map_or(Cow::Borrowed(NO_REASON), reason_label),
    };
    let counter = |family: &Family<OutcomeLabels, Counter>, labels| {
        family.get_or_create(&labels).inc();
    };
    match event {
        AuditEvent::SignedIn => counter(&AUDIT.sign_ins, outcome("signed_in", None)),
        AuditEvent::SignInRefused => counter(&AUDIT.sign_ins, outcome("refused", reason)),
        AuditEvent::TokenRedeemed => counter(&AUDIT.token_redemptions, outcome("redeemed", None)),
        AuditEvent::TokenRefused => counter(&AUDIT.token_redemptions, outcome("refused", reason)),
        AuditEvent::TokenIssued => {
            AUDIT.tokens_issued.inc();
        }
        AuditEvent::TokenRevoked => {
            AUDIT.tokens_revoked.inc();
        }
        AuditEvent::ConsentDeclined => {
            AUDIT.consent_declined.inc();
        }
        _ => {}
    }
}

/// An audit reason code as a label: a short `snake_case` code as it is, anything else [`OTHER`] (codes come from
/// our code, but a label must stay bounded and free of text whatever the caller passed).
pub fn reason_label(reason: &str) -> Cow<'static, str> {
    let is_code = !reason.is_empty()
        && reason.len() <= 32
        && reason.bytes().all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_');
    if is_code { Cow::Owned(reason.to_owned()) } else { Cow::Borrowed(OTHER) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_that_is_not_a_code_counts_as_other() {
        assert_eq!(reason_label("wrong_person"), "wrong_person");
        assert_eq!(reason_label("1101700207030 typed"), OTHER);
        assert_eq!(reason_label("Wrong"), OTHER);
        assert_eq!(reason_label(&"a".repeat(33)), OTHER);
        assert_eq!(reason_label(""), OTHER);
    }
}
