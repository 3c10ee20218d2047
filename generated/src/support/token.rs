//! Where the bearer token comes from: the [`TokenProvider`] trait, [`StaticToken`], and the
//! impl for closures.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// Why a [`TokenProvider`] could not supply a token: whatever error the caller's code has.
pub type TokenError = Box<dyn std::error::Error + Send + Sync>;

/// The future a [`TokenProvider`] returns (boxed, so that providers can be stored as trait
/// objects and the client needs no type parameter).
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<String, TokenError>> + Send + 'a>>;

/// Supplies the bearer token for each request, e.g. from a cache that refreshes it.
///
/// It is asked once per HTTP request sent (each retry and each page included), so a provider
/// that refreshes expiring tokens keeps long pagings working. The token is the bare string,
/// without the `Bearer ` prefix.
///
/// Implemented for [`StaticToken`] and for closures `Fn() -> impl Future<Output =
/// Result<String, TokenError>>`:
///
/// ```
/// use graph_client::support::{Client, TokenError};
///
/// let client = Client::new("https://graph.microsoft.com/v1.0", || async {
///     Ok::<_, TokenError>(std::env::var("GRAPH_TOKEN")?)
/// });
/// # let _ = client;
/// ```
pub trait TokenProvider: Send + Sync {
    /// The current access token.
    fn token(&self) -> TokenFuture<'_>;
}

/// A token that never changes (tests, scripts, a token obtained elsewhere).
#[derive(Clone, PartialEq, Eq)]
pub struct StaticToken(pub String);

/// Does not print the token.
impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken(..)")
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(std::future::ready(Ok(self.0.clone())))
    }
}

impl<F, Fut> TokenProvider for F
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<String, TokenError>> + Send + 'static,
{
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self())
    }
}

#[cfg(test)]
mod tests {
    use super::super::client::Client;
    use super::*;

    #[test]
    fn static_tokens_are_not_printed() {
        assert_eq!(
            format!("{:?}", StaticToken("secret".into())),
            "StaticToken(..)"
        );
        let client = Client::new(
            "https://graph.microsoft.com/v1.0",
            StaticToken("secret-token".into()),
        );
        let debug = format!("{client:?}");
        assert!(debug.contains("graph.microsoft.com"), "{debug}");
        assert!(!debug.contains("secret-token"), "{debug}");
    }
}
