//! Discovery: reading Digital ID's metadata and keys, checking it offers what we need, and the HTTP client every
//! request to it uses (each request timed and its failure counted: [`Measured`]).

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use openidconnect::core::{
    CoreAuthDisplay, CoreClaimName, CoreClaimType, CoreClient, CoreClientAuthMethod, CoreGrantType, CoreJsonWebKey,
    CoreJweContentEncryptionAlgorithm, CoreJweKeyManagementAlgorithm, CoreJwsSigningAlgorithm, CoreResponseMode,
    CoreResponseType, CoreSubjectIdentifierType,
};
use openidconnect::{
    AdditionalProviderMetadata, AsyncHttpClient, ClientId, ClientSecret, EndSessionUrl, EndpointNotSet, EndpointSet,
    HttpClientError, HttpRequest, HttpResponse, IssuerUrl, ProviderMetadata, RedirectUrl,
};
use serde::{Deserialize, Serialize};

use crate::metrics::{DigitalIdCalls, DigitalIdEndpoint};

/// Connect timeout for every request to Digital ID.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// Total timeout for every request to Digital ID.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);
/// Discovery fields beyond `openidconnect`'s core set that we use.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct DigitalIdProviderMetadata {
    /// RP-initiated logout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_session_endpoint: Option<EndSessionUrl>,
    /// RFC 9207: whether authorization responses carry `iss` (then it is required and checked).
    #[serde(default)]
    pub authorization_response_iss_parameter_supported: bool,
    /// PKCE methods (RFC 8414); S256 must be among them (RFC 9700 §2.1.1).
    #[serde(default)]
    pub code_challenge_methods_supported: Vec<String>,
}

impl AdditionalProviderMetadata for DigitalIdProviderMetadata {}

/// Provider metadata with [`DigitalIdProviderMetadata`].
pub type Metadata = ProviderMetadata<
    DigitalIdProviderMetadata,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

pub(super) type ConfiguredClient =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet, EndpointSet>;

/// Why Digital ID could not be used at all.
#[derive(Debug, thiserror::Error)]
pub enum DiscoveryError {
    /// Discovery failed.
    #[error("discovery at {issuer}: {reason}")]
    Discovery {
        /// The configured issuer.
        issuer: String,
        /// What went wrong.
        reason: String,
    },
    /// The provider lacks something we need.
    #[error("Digital ID at {issuer} {reason}")]
    Unsuitable {
        /// The issuer.
        issuer: String,
        /// What is missing.
        reason: &'static str,
    },
}

pub(super) struct Provider {
    /// The discovered metadata.
    pub(super) metadata: Metadata,
    /// The client built from it.
    pub(super) client: ConfiguredClient,
}

/// Who we are at Digital ID.
pub(super) struct Registration {
    /// The issuer we expect.
    pub(super) issuer: IssuerUrl,
    /// Our client id.
    pub(super) client_id: ClientId,
    /// Our secret as presented (DGA-hashed or plain).
    pub(super) client_secret: ClientSecret,
    /// `{base_url}/auth/callback`.
    pub(super) redirect_uri: RedirectUrl,
}

/// The HTTP client for Digital ID: no redirects (no SSRF through a redirecting token endpoint), short timeouts.
pub fn http_client() -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(REQUEST_TIMEOUT)
        .build()
}

/// The HTTP client for one call to Digital ID, timing each request and counting its failure in
/// [`DigitalIdCalls`] under `endpoint` — or, with `None` (discovery), under the endpoint its address names: the
/// discovery document, else the keys that discovery fetches next.
pub(super) struct Measured<'a> {
    pub(super) http: &'a reqwest::Client,
    pub(super) calls: &'a DigitalIdCalls,
    pub(super) endpoint: Option<DigitalIdEndpoint>,
}

/// A request's answer, as `openidconnect` takes it from an HTTP client.
type Answer<'c> =
    Pin<Box<dyn Future<Output = Result<HttpResponse, HttpClientError<reqwest::Error>>> + Send + Sync + 'c>>;

impl<'c> AsyncHttpClient<'c> for Measured<'_> {
    type Error = HttpClientError<reqwest::Error>;
    type Future = Answer<'c>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        let endpoint = self.endpoint.unwrap_or(if request.uri().path().ends_with(DISCOVERY_DOCUMENT) {
            DigitalIdEndpoint::Discovery
        } else {
            DigitalIdEndpoint::Jwks
        });
        Box::pin(async move {
            let started = Instant::now();
            let answer = self.http.call(request).await;
            self.calls.observe(endpoint, started.elapsed(), answer.as_ref().ok().map(HttpResponse::status));
            answer
        })
    }
}

/// The end of the discovery document's address (OpenID Connect Discovery 1.0 §4).
const DISCOVERY_DOCUMENT: &str = "/.well-known/openid-configuration";

/// Whether every endpoint of an https issuer is https too (a plain-http endpoint would carry codes, tokens and the
/// client secret in clear); a loopback http issuer (the simulator, tests) may name http endpoints.
fn endpoints_as_secure_as<'u>(issuer: &url::Url, endpoints: impl IntoIterator<Item = &'u url::Url>) -> bool {
    issuer.scheme() != "https" || endpoints.into_iter().all(|endpoint| endpoint.scheme() == "https")
}

/// Discovers the provider and builds the client; checks it offers what we need.
pub(super) async fn fetch_provider(
    registration: &Registration,
    http: &reqwest::Client,
    calls: &DigitalIdCalls,
) -> Result<Provider, DiscoveryError> {
    let issuer = registration.issuer.as_str().to_owned();
    let metadata = Metadata::discover_async(registration.issuer.clone(), &Measured { http, calls, endpoint: None })
        .await
        .map_err(|error| DiscoveryError::Discovery { issuer: issuer.clone(), reason: error.to_string() })?;
    let unsuitable = |reason| DiscoveryError::Unsuitable { issuer: issuer.clone(), reason };
    let supports_s256 =
        metadata.additional_metadata().code_challenge_methods_supported.iter().any(|method| method == "S256");
    if !supports_s256 {
        return Err(unsuitable("does not advertise PKCE S256"));
    }
    if !metadata.id_token_signing_alg_values_supported().contains(&CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256) {
        return Err(unsuitable("does not sign ID tokens with RS256"));
    }
    let token_url = metadata.token_endpoint().cloned().ok_or_else(|| unsuitable("has no token endpoint"))?;
    let userinfo_url = metadata.userinfo_endpoint().cloned().ok_or_else(|| unsuitable("has no userinfo endpoint"))?;
    let endpoints = [
        Some(metadata.authorization_endpoint().url()),
        Some(token_url.url()),
        Some(userinfo_url.url()),
        Some(metadata.jwks_uri().url()),
        metadata.additional_metadata().end_session_endpoint.as_ref().map(|url| url.url()),
    ];
    if !endpoints_as_secure_as(registration.issuer.url(), endpoints.into_iter().flatten()) {
        return Err(unsuitable("names a plain-http endpoint for an https issuer"));
    }
    let client = CoreClient::new(registration.client_id.clone(), registration.issuer.clone(), metadata.jwks().clone())
        .set_client_secret(registration.client_secret.clone())
        .set_auth_uri(metadata.authorization_endpoint().clone())
        .set_token_uri(token_url)
        .set_user_info_url(userinfo_url)
        .set_redirect_uri(registration.redirect_uri.clone());
    Ok(Provider { metadata, client })
}

#[cfg(test)]
mod tests {
    use super::endpoints_as_secure_as;

    fn url(text: &str) -> url::Url {
        url::Url::parse(text).expect("a URL")
    }

    #[test]
    fn an_https_issuer_may_name_only_https_endpoints() {
        let issuer = url("https://connect.egov.go.th");
        let token = url("https://connect.egov.go.th/connect/token");
        assert!(endpoints_as_secure_as(&issuer, [&token]));
        let plain = url("http://connect.egov.go.th/connect/token");
        assert!(!endpoints_as_secure_as(&issuer, [&token, &plain]));
        // The simulator on loopback is plain http throughout.
        let local = url("http://127.0.0.1:3002");
        assert!(endpoints_as_secure_as(&local, [&url("http://127.0.0.1:3002/connect/token")]));
    }
}
