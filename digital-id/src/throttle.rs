//! Password throttling at the simulator's sign-in, as a real provider has it: after [`ACCOUNT_LIMIT`] wrong
//! passwords for one login within [`WINDOW_SECONDS`], that login is refused until the oldest failure leaves the
//! window; after [`ADDRESS_LIMIT`] from one client address, every sign-in from there is. A correct password clears
//! the login's count (not the address's).
//!
//! **Atomic by reservation.** Deciding and recording are one step under one mutex: an attempt that may go ahead is
//! counted as a failure *before* its password is checked (an [`Attempt`]), and given back only if the password was
//! right. So however many guesses arrive together, at most the limit of them is ever checked. A mutex is enough
//! because the simulator is one process; the counts live in memory like its sessions, so a restart forgets them.
//!
//! **Reveals nothing.** The key of a login is the account's `sub` when the login names an account and the login
//! itself otherwise, so unknown logins are throttled exactly like real ones and the refusal does not tell whether an
//! account exists. The client address is the TCP peer's: the simulator trusts no `X-Forwarded-For`.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};

/// Wrong passwords for one login that are allowed within the window.
pub const ACCOUNT_LIMIT: usize = 5;
/// Wrong passwords from one client address that are allowed within the window (password spraying across logins).
pub const ADDRESS_LIMIT: usize = 30;
/// The window, in seconds (15 minutes).
pub const WINDOW_SECONDS: i64 = 15 * 60;

/// What a sign-in is counted against.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    /// An account (`sub`) or, for a login that names none, the normalised login.
    Login(String),
    /// The client's IP address; `None` when the connection's address is unknown (then all share one count).
    Address(Option<IpAddr>),
}

/// Failure times per key, oldest first.
#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<Key, VecDeque<i64>>>,
}

/// A sign-in that may check its password; it is already counted as a failure until [`Throttle::succeeded`].
#[must_use = "an attempt stays counted as a failure unless it is reported as succeeded"]
#[derive(Debug)]
pub struct Attempt {
    login: Key,
    address: Key,
    at: i64,
}

/// A refused sign-in: try again after this many seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refused {
    /// Seconds until the oldest counted failure leaves the window.
    pub retry_after_seconds: i64,
}

impl Refused {
    /// Whole minutes to wait, rounded up (at least 1), for the message.
    pub fn minutes(self) -> i64 {
        ((self.retry_after_seconds + 59) / 60).max(1)
    }
}

impl Throttle {
    /// Decides whether a sign-in for `login_key` (a `sub`, or the normalised login when it names no account) from
    /// `address` may check its password at `now` (Unix seconds), and if so counts it as a failure at once.
    pub fn begin(&self, login_key: &str, address: Option<IpAddr>, now: i64) -> Result<Attempt, Refused> {
        let login = Key::Login(login_key.to_owned());
        let address = Key::Address(address);
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        failures.retain(|_, times| {
            while times.front().is_some_and(|at| *at <= now - WINDOW_SECONDS) {
                times.pop_front();
            }
            !times.is_empty()
        });
        for (key, limit) in [(&login, ACCOUNT_LIMIT), (&address, ADDRESS_LIMIT)] {
            if let Some(times) = failures.get(key).filter(|times| times.len() >= limit) {
                // The attempt that would bring the count below the limit is possible once the oldest of the last
                // `limit` failures has left the window.
                let oldest = times[times.len() - limit];
                return Err(Refused { retry_after_seconds: (oldest + WINDOW_SECONDS - now).max(1) });
            }
        }
        failures.entry(login.clone()).or_default().push_back(now);
        failures.entry(address.clone()).or_default().push_back(now);
        Ok(Attempt { login, address, at: now })
    }

    /// The password was right: the login's failures are forgotten and this attempt is no failure of its address.
    pub fn succeeded(&self, attempt: Attempt) {
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        failures.remove(&attempt.login);
        if let Some(times) = failures.get_mut(&attempt.address)
            && let Some(position) = times.iter().rposition(|at| *at == attempt.at)
        {
            times.remove(position);
        }
    }

    /// The password was wrong: the attempt stays counted, as [`Throttle::begin`] already recorded it.
    pub fn failed(&self, attempt: Attempt) {
        let Attempt { .. } = attempt;
    }
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;
    use std::sync::Arc;

    use super::*;

    const HOME: Option<IpAddr> = Some(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)));
    const ELSEWHERE: Option<IpAddr> = Some(IpAddr::V4(Ipv4Addr::new(198, 51, 100, 7)));

    fn fail(throttle: &Throttle, login: &str, address: Option<IpAddr>, now: i64) {
        let attempt = throttle.begin(login, address, now).expect("not throttled yet");
        throttle.failed(attempt);
    }

    #[test]
    fn the_sixth_wrong_password_within_fifteen_minutes_is_refused_until_the_first_leaves_the_window() {
        let throttle = Throttle::default();
        for minute in 0..5 {
            fail(&throttle, "sub-1", HOME, 1_000 + minute * 60);
        }
        let refused = throttle.begin("sub-1", HOME, 1_000 + 5 * 60).expect_err("the limit is reached");
        assert_eq!(refused.retry_after_seconds, 10 * 60);
        assert_eq!(refused.minutes(), 10);
        assert!(throttle.begin("sub-1", ELSEWHERE, 1_000 + 5 * 60).is_err(), "from any address");
        assert!(throttle.begin("sub-1", HOME, 1_000 + WINDOW_SECONDS).is_ok(), "the first failure has expired");
    }

    #[test]
    fn a_correct_password_clears_the_logins_failures() {
        let throttle = Throttle::default();
        for second in 0..4 {
            fail(&throttle, "sub-1", HOME, second);
        }
        throttle.succeeded(throttle.begin("sub-1", HOME, 10).expect("allowed"));
        for second in 11..16 {
            fail(&throttle, "sub-1", HOME, second);
        }
        assert!(throttle.begin("sub-1", HOME, 20).is_err());
    }

    #[test]
    fn one_address_guessing_at_many_logins_is_refused_after_thirty_failures() {
        let throttle = Throttle::default();
        for n in 0..ADDRESS_LIMIT {
            fail(&throttle, &format!("login-{n}"), HOME, 100);
        }
        assert!(throttle.begin("someone-else", HOME, 101).is_err(), "every login from that address");
        assert!(throttle.begin("someone-else", ELSEWHERE, 101).is_ok(), "other addresses are not affected");
    }

    #[test]
    fn concurrent_attempts_never_check_more_passwords_than_the_limit() {
        let throttle = Arc::new(Throttle::default());
        let handles: Vec<_> = (0..40)
            .map(|_| {
                let throttle = Arc::clone(&throttle);
                std::thread::spawn(move || throttle.begin("sub-1", HOME, 500).ok())
            })
            .collect();
        let admitted: Vec<Attempt> =
            handles.into_iter().filter_map(|handle| handle.join().expect("the thread finishes")).collect();
        assert_eq!(admitted.len(), ACCOUNT_LIMIT);
    }
}
