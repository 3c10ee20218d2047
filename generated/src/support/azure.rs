//! Azure identity for the client (cargo feature `azure-identity`): any `azure_core`
//! [`TokenCredential`] as the client's [`TokenProvider`](super::TokenProvider), cached.
//!
//! The credentials themselves come from the `azure_identity` crate (developer tools, client
//! secret or certificate, managed identity, workload identity, …); this crate depends only on
//! `azure_core`'s trait, so it brings in no HTTP client or identity flow of Azure's.
//!
//! ```no_run
//! # fn example(credential: std::sync::Arc<dyn azure_core::credentials::TokenCredential>) {
//! // e.g. `let credential = azure_identity::DeveloperToolsCredential::new(None)?;`
//! use graph_client::support::{AzureTokenSource, Client, DEFAULT_BASE_URL};
//!
//! let client = Client::new(DEFAULT_BASE_URL, AzureTokenSource::new(credential).cached());
//! # let _ = client;
//! # }
//! ```

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use azure_core::credentials::TokenCredential;

use super::token_cache::{CachedToken, ExpiringToken, ExpiringTokenFuture, ExpiringTokenSource};

/// The scope that asks for every permission the app was granted on the service (application
/// permissions, or the delegated ones consented to): `https://graph.microsoft.com/.default`
/// for Graph, or the `[service] scope` of the docs' `codegen.toml`.
pub const GRAPH_DEFAULT_SCOPE: &str = crate::requests::DEFAULT_SCOPE;

/// An `azure_core` [`TokenCredential`] asked for tokens for some scopes (by default
/// [`GRAPH_DEFAULT_SCOPE`]). Wrap it in a [`CachedToken`] ([`AzureTokenSource::cached`]) to
/// use it as a client's token provider: credentials may cache tokens of their own, but not
/// all do, and none promises to.
#[derive(Clone)]
pub struct AzureTokenSource {
    credential: Arc<dyn TokenCredential>,
    scopes: Vec<String>,
}

impl AzureTokenSource {
    /// Tokens from `credential` for [`GRAPH_DEFAULT_SCOPE`].
    pub fn new(credential: Arc<dyn TokenCredential>) -> Self {
        AzureTokenSource {
            credential,
            scopes: vec![GRAPH_DEFAULT_SCOPE.to_owned()],
        }
    }

    /// Asks for these scopes instead (e.g. a national cloud's
    /// `https://graph.microsoft.us/.default`).
    pub fn with_scopes<I>(mut self, scopes: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// The scopes asked for.
    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }

    /// This source behind a [`CachedToken`] with its default margin: the client's token
    /// provider.
    pub fn cached(self) -> CachedToken<AzureTokenSource> {
        CachedToken::new(self)
    }
}

impl ExpiringTokenSource for AzureTokenSource {
    fn fetch(&self) -> ExpiringTokenFuture<'_> {
        Box::pin(async move {
            let scopes: Vec<&str> = self.scopes.iter().map(String::as_str).collect();
            let access = self.credential.get_token(&scopes, None).await?;
            Ok(ExpiringToken::new(
                access.token.secret(),
                SystemTime::from(access.expires_on),
            ))
        })
    }
}

/// Prints the credential (whose own `Debug` hides its secrets) and the scopes.
impl fmt::Debug for AzureTokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AzureTokenSource")
            .field("credential", &self.credential)
            .field("scopes", &self.scopes)
            .finish()
    }
}
