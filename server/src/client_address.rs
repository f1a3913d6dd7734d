//! Who is on the other end of a request: the socket peer — or, when the peer is one of the configured trusted
//! reverse proxies (`site.trusted_proxies`), the address those proxies saw, from `X-Forwarded-For`. It feeds the
//! audit log and the activation limits, through [`crate::auth::origin`].
//!
//! Each proxy appends the address of *its* peer to `X-Forwarded-For`; anything further left was written by the
//! client or by hops we cannot vouch for. So the header is read from the right, and only while the hop that wrote
//! the entry is trusted: the client is the rightmost entry that is not a trusted proxy. A peer that is not a trusted
//! proxy is the client, whatever it sends (a forged header is ignored). An entry that is not an address (`unknown`,
//! an obfuscated name, garbage) ends the walk at the last address a trusted hop vouched for. The standard
//! `Forwarded` header is not read: proxies must be set up to send `X-Forwarded-For` (docs/OPERATIONS.md).

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{Extensions, HeaderMap};
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;

use crate::state::AppState;

/// The header the proxies write.
const X_FORWARDED_FOR: &str = "x-forwarded-for";

/// The reverse proxies whose `X-Forwarded-For` is believed (`site.trusted_proxies`, `SITE_TRUSTED_PROXIES`): single
/// addresses or CIDR ranges. Empty (the default) believes only the socket peer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Reads a list of addresses and CIDR ranges separated by spaces or commas, e.g. `10.0.0.5, 10.1.0.0/16 ::1`.
    /// Refuses anything else, and a `/0` range (it would believe anyone's header).
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut proxies = Vec::new();
        for entry in list.split([',', ' ', '\t', '\n']).filter(|entry| !entry.is_empty()) {
            let net = match entry.parse::<IpNet>() {
                Ok(net) => net.trunc(),
                Err(_) => match entry.parse::<IpAddr>() {
                    Ok(address) => IpNet::from(address.to_canonical()),
                    Err(_) => return Err(format!("{entry:?} is not an IP address or CIDR range")),
                },
            };
            if net.prefix_len() == 0 {
                return Err(format!("{entry} would trust every address"));
            }
            proxies.push(net);
        }
        Ok(Self(proxies))
    }

    /// Whether no proxy is trusted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `address` is one of the trusted proxies.
    pub fn contains(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0.iter().any(|net| net.contains(&address))
    }
}

/// The client's address for a request from `peer` with these headers (see the module's documentation).
pub fn resolve(peer: IpAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> IpAddr {
    let mut client = peer.to_canonical();
    if !trusted.contains(client) {
        return client;
    }
    // Several `X-Forwarded-For` headers read as one list, in order (RFC 9110 §5.3).
    let mut entries: Vec<&str> = Vec::new();
    for value in headers.get_all(X_FORWARDED_FOR) {
        let Ok(text) = value.to_str() else {
            // Not text: nothing in it can be read, so nothing left of the trusted hops is either.
            entries.clear();
            entries.push("");
            continue;
        };
        entries.extend(text.split(','));
    }
    for entry in entries.iter().rev() {
        let Some(address) = entry_address(entry) else { break };
        client = address;
        if !trusted.contains(address) {
            break;
        }
    }
    client
}

/// An entry's address: `203.0.113.7`, `2001:db8::1`, with a port (`203.0.113.7:4711`, `[2001:db8::1]:4711`) or in
/// brackets; `None` for anything else.
fn entry_address(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    let address = entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|socket| socket.ip()))
        .or_else(|_| entry.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')).unwrap_or("").parse())
        .ok()?;
    Some(address.to_canonical())
}

/// A request's client address, as [`layer`] found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

/// The client address of the request with these extensions: what [`layer`] found, else the socket peer; `None`
/// without a socket (tests that call the router directly).
pub fn of(extensions: &Extensions) -> Option<IpAddr> {
    extensions
        .get::<ClientAddress>()
        .map(|ClientAddress(address)| *address)
        .or_else(|| extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(peer)| peer.ip().to_canonical()))
}

/// Middleware: finds each request's client address once and keeps it in its extensions as [`ClientAddress`], and
/// as the audit log's [`domain::audit::Origin`] (which the server functions read).
pub async fn layer(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(peer)| peer.ip());
    if let Some(peer) = peer {
        let address = resolve(peer, request.headers(), &state.settings.site.trusted_proxies);
        request.extensions_mut().insert(ClientAddress(address));
        request.extensions_mut().insert(domain::audit::Origin::from_ip(address.to_canonical().to_string()));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    fn headers(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(X_FORWARDED_FOR, HeaderValue::from_str(value).expect("a header value"));
        }
        headers
    }

    fn trusted(list: &str) -> TrustedProxies {
        TrustedProxies::parse(list).expect("a valid list")
    }

    #[test]
    fn j7_without_trusted_proxies_the_socket_peer_is_the_client_whatever_it_sends() {
        let forged = headers(&["198.51.100.1"]);
        assert_eq!(resolve(ip("203.0.113.7"), &forged, &TrustedProxies::default()), ip("203.0.113.7"));
    }

    #[test]
    fn j7_an_untrusted_peer_sending_x_forwarded_for_is_the_client_itself() {
        let forged = headers(&["198.51.100.1, 10.0.0.5"]);
        assert_eq!(resolve(ip("203.0.113.7"), &forged, &trusted("10.0.0.5")), ip("203.0.113.7"));
    }

    #[test]
    fn j7_through_a_trusted_proxy_the_client_is_the_address_it_appended() {
        assert_eq!(resolve(ip("10.0.0.5"), &headers(&["203.0.113.7"]), &trusted("10.0.0.5")), ip("203.0.113.7"));
    }

    #[test]
    fn j7_entries_a_client_wrote_before_the_proxy_appended_are_ignored() {
        let spoofed = headers(&["198.51.100.1, 192.0.2.9, 203.0.113.7"]);
        assert_eq!(resolve(ip("10.0.0.5"), &spoofed, &trusted("10.0.0.5")), ip("203.0.113.7"));
    }

    #[test]
    fn j7_a_chain_of_trusted_proxies_is_walked_from_the_right_to_the_first_untrusted_address() {
        let chain = headers(&["198.51.100.1, 203.0.113.7, 10.1.2.3", "10.0.0.6"]);
        assert_eq!(resolve(ip("10.0.0.5"), &chain, &trusted("10.0.0.5,10.0.0.6 10.1.0.0/16")), ip("203.0.113.7"));
    }

    #[test]
    fn j7_when_every_entry_is_a_trusted_proxy_the_leftmost_is_the_client() {
        let internal = headers(&["10.1.2.3, 10.0.0.6"]);
        assert_eq!(resolve(ip("10.0.0.5"), &internal, &trusted("10.0.0.0/8")), ip("10.1.2.3"));
    }

    #[test]
    fn j7_a_trusted_proxy_without_the_header_is_the_client() {
        assert_eq!(resolve(ip("10.0.0.5"), &HeaderMap::new(), &trusted("10.0.0.5")), ip("10.0.0.5"));
    }

    #[test]
    fn j7_garbage_ends_the_walk_at_the_last_address_a_trusted_hop_vouched_for() {
        let proxies = trusted("10.0.0.5 10.0.0.6");
        for garbage in ["unknown", "_hidden", "", "999.1.1.1", "203.0.113.7 198.51.100.1", "<script>", "1.2.3.4/8"] {
            let sent = headers(&[&format!("198.51.100.1, {garbage}, 10.0.0.6")]);
            assert_eq!(resolve(ip("10.0.0.5"), &sent, &proxies), ip("10.0.0.6"), "{garbage:?}");
            let last = headers(&[&format!("198.51.100.1, {garbage}")]);
            assert_eq!(resolve(ip("10.0.0.5"), &last, &proxies), ip("10.0.0.5"), "{garbage:?}");
        }
        let mut opaque = HeaderMap::new();
        opaque.append(X_FORWARDED_FOR, HeaderValue::from_bytes(b"203.0.113.7").expect("value"));
        opaque.append(X_FORWARDED_FOR, HeaderValue::from_bytes(b"\xff\xfe").expect("an opaque value"));
        assert_eq!(resolve(ip("10.0.0.5"), &opaque, &proxies), ip("10.0.0.5"), "an unreadable header");
    }

    #[test]
    fn j7_ipv6_entries_with_or_without_brackets_and_ports_are_read_and_mapped_addresses_are_ipv4() {
        let proxies = trusted("2001:db8:ffff::/48, 10.0.0.5");
        for entry in ["2001:db8::7", "[2001:db8::7]", "[2001:db8::7]:4711", " 2001:DB8::7 "] {
            let sent = headers(&[entry]);
            assert_eq!(resolve(ip("2001:db8:ffff::1"), &sent, &proxies), ip("2001:db8::7"), "{entry}");
        }
        let mapped_peer = ip("::ffff:10.0.0.5");
        assert_eq!(resolve(mapped_peer, &headers(&["203.0.113.7:4711"]), &proxies), ip("203.0.113.7"));
        assert_eq!(resolve(ip("10.0.0.5"), &headers(&["::ffff:203.0.113.7"]), &proxies), ip("203.0.113.7"));
        assert_eq!(resolve(ip("2001:db8::1"), &headers(&["203.0.113.7"]), &proxies), ip("2001:db8::1"));
    }

    #[test]
    fn j7_the_trusted_list_takes_addresses_and_ranges_and_refuses_anything_else() {
        let proxies = trusted(" 10.0.0.5,192.168.0.0/24  ::1\tfd00::/8 ");
        assert!(proxies.contains(ip("10.0.0.5")) && !proxies.contains(ip("10.0.0.6")));
        assert!(proxies.contains(ip("192.168.0.200")) && !proxies.contains(ip("192.168.1.1")));
        assert!(proxies.contains(ip("::1")) && proxies.contains(ip("fd12::1")));
        assert!(trusted("").is_empty() && trusted(" , ").is_empty());
        for bad in ["proxy.example", "10.0.0.0/33", "0.0.0.0/0", "::/0", "10.0.0.5;", "*"] {
            assert!(TrustedProxies::parse(bad).is_err(), "{bad}");
        }
    }
}
