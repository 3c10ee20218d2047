//! A token cache for the client (cargo feature `client`): [`CachedToken`] hands out the token of
//! any [`ExpiringTokenSource`] until shortly before it expires, then asks the source again.
//!
//! Access tokens from Microsoft Entra ID live about an hour; asking the identity platform for
//! one on every request would be slow and would be throttled, and a token that expires while a
//! request is on its way makes that request fail with 401. So the token is kept and reused
//! until a margin (5 minutes unless set) before its expiry, and when several requests find it
//! stale at the same time, one of them fetches and the others wait for that fetch.
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use graph_client::support::{CachedToken, Client, ExpiringToken, TokenError, DEFAULT_BASE_URL};
//!
//! // Any async source of (token, expiry): an OAuth client, a sidecar, a secret store.
//! let tokens = CachedToken::new(|| async {
//!     let token = std::env::var("GRAPH_TOKEN")?;
//!     Ok::<_, TokenError>(ExpiringToken::new(token, SystemTime::now() + Duration::from_secs(3600)))
//! });
//! let client = Client::new(DEFAULT_BASE_URL, tokens);
//! # let _ = client;
//! ```

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, SystemTime};

use super::token::{TokenError, TokenFuture, TokenProvider};

/// An access token and the time it stops being accepted.
#[derive(Clone, PartialEq, Eq)]
pub struct ExpiringToken {
    /// The bare token, without `Bearer `.
    pub token: String,
    pub expires_at: SystemTime,
}

impl ExpiringToken {
    pub fn new(token: impl Into<String>, expires_at: SystemTime) -> Self {
        ExpiringToken {
            token: token.into(),
            expires_at,
        }
    }
}

/// Does not print the token.
impl fmt::Debug for ExpiringToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExpiringToken")
            .field("token", &"..")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// The future an [`ExpiringTokenSource`] returns (boxed, as [`TokenFuture`] is).
pub type ExpiringTokenFuture<'a> =
    Pin<Box<dyn Future<Output = Result<ExpiringToken, TokenError>> + Send + 'a>>;

/// Fetches a new token with its expiry; [`CachedToken`] decides when to ask.
///
/// Implemented for closures `Fn() -> impl Future<Output = Result<ExpiringToken, TokenError>>`,
/// and, with the `azure-identity` feature, for `AzureTokenSource`.
pub trait ExpiringTokenSource: Send + Sync {
    /// A fresh token.
    fn fetch(&self) -> ExpiringTokenFuture<'_>;
}

impl<F, Fut> ExpiringTokenSource for F
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<ExpiringToken, TokenError>> + Send + 'static,
{
    fn fetch(&self) -> ExpiringTokenFuture<'_> {
        Box::pin(self())
    }
}

/// A [`TokenProvider`] that keeps the token of an [`ExpiringTokenSource`] and fetches a new one
/// only when the kept one is within [`margin`](CachedToken::with_margin) of its expiry (or
/// past it, or there is none yet).
///
/// Concurrent requests that find the token stale share one fetch: the first fetches while the
/// others wait, then all use its token. A failed fetch is not remembered: its error goes to the
/// request that fetched, and the next request (a waiting one included) tries again.
pub struct CachedToken<S> {
    source: S,
    margin: Duration,
    /// Held across a fetch, so that concurrent callers wait for it instead of fetching too.
    current: tokio::sync::Mutex<Option<ExpiringToken>>,
}

impl<S: ExpiringTokenSource> CachedToken<S> {
    /// How long before its expiry a token is replaced unless [`CachedToken::with_margin`]
    /// says otherwise: 5 minutes, so that a request (with its retries) that starts with the
    /// token does not outlive it, and so that clocks a little apart do not matter.
    pub const DEFAULT_MARGIN: Duration = Duration::from_secs(5 * 60);

    /// Caches `source`'s tokens with [`CachedToken::DEFAULT_MARGIN`].
    pub fn new(source: S) -> Self {
        CachedToken {
            source,
            margin: Self::DEFAULT_MARGIN,
            current: tokio::sync::Mutex::new(None),
        }
    }

    /// Replaces a token when less than `margin` is left before it expires.
    pub fn with_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// The source whose tokens are cached.
    pub fn source(&self) -> &S {
        &self.source
    }

    /// Forgets the kept token, so that the next request fetches one (e.g. after a 401 says
    /// the token was revoked before its expiry).
    pub async fn clear(&self) {
        *self.current.lock().await = None;
    }

    /// The kept token while it is more than the margin from its expiry at `now`, else a fresh
    /// one from the source, which is kept.
    async fn token_at(&self, now: impl Fn() -> SystemTime) -> Result<String, TokenError> {
        let mut current = self.current.lock().await;
        // `now` is read after the lock is won: a caller that waited for another's fetch
        // judges the token that fetch brought, at the time it looks.
        if let Some(token) = current.as_ref().filter(|token| self.is_fresh(token, now())) {
            return Ok(token.token.clone());
        }
        let fetched = self.source.fetch().await?;
        let token = fetched.token.clone();
        *current = Some(fetched);
        Ok(token)
    }

    /// Whether `token` is still more than the margin from its expiry at `now`.
    fn is_fresh(&self, token: &ExpiringToken, now: SystemTime) -> bool {
        now.checked_add(self.margin)
            .is_some_and(|deadline| deadline < token.expires_at)
    }
}

impl<S: ExpiringTokenSource> TokenProvider for CachedToken<S> {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.token_at(SystemTime::now))
    }
}

/// Prints the margin and the expiry of the kept token (if it can look without waiting), never
/// the token.
impl<S> fmt::Debug for CachedToken<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let expires_at = self
            .current
            .try_lock()
            .ok()
            .and_then(|current| current.as_ref().map(|token| token.expires_at));
        f.debug_struct("CachedToken")
            .field("margin", &self.margin)
            .field("expires_at", &expires_at)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    const MINUTE: Duration = Duration::from_secs(60);

    fn at(seconds: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
    }

    /// A source that counts its fetches and hands out `token-N` expiring at `expiry(N)`.
    fn counting(
        expiry: impl Fn(usize) -> SystemTime + Send + Sync + 'static,
    ) -> (Arc<AtomicUsize>, impl ExpiringTokenSource) {
        let fetches = Arc::new(AtomicUsize::new(0));
        let counter = fetches.clone();
        let source = move || {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            let token = ExpiringToken::new(format!("token-{n}"), expiry(n));
            async move { Ok::<_, TokenError>(token) }
        };
        (fetches, source)
    }

    #[tokio::test]
    async fn a_token_is_kept_until_the_margin_before_its_expiry() {
        // Each token expires at 1000 s + an hour.
        let (fetches, source) = counting(|_| at(1000) + 60 * MINUTE);
        let cache = CachedToken::new(source);
        let clock = Mutex::new(at(1000));
        let now = || *clock.lock().unwrap();

        assert_eq!(cache.token_at(now).await.unwrap(), "token-1");
        *clock.lock().unwrap() = at(1000) + 54 * MINUTE;
        assert_eq!(cache.token_at(now).await.unwrap(), "token-1");
        assert_eq!(fetches.load(Ordering::SeqCst), 1);

        // Exactly 5 minutes before: stale.
        *clock.lock().unwrap() = at(1000) + 55 * MINUTE;
        assert_eq!(cache.token_at(now).await.unwrap(), "token-2");
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn the_margin_is_configurable_and_an_expired_token_is_replaced() {
        let (fetches, source) = counting(|_| at(1000) + 60 * MINUTE);
        let cache = CachedToken::new(source).with_margin(Duration::ZERO);
        let clock = Mutex::new(at(1000) + 59 * MINUTE);
        let now = || *clock.lock().unwrap();

        assert_eq!(cache.token_at(now).await.unwrap(), "token-1");
        assert_eq!(cache.token_at(now).await.unwrap(), "token-1");
        *clock.lock().unwrap() = at(1000) + 60 * MINUTE;
        assert_eq!(cache.token_at(now).await.unwrap(), "token-2");
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn concurrent_callers_share_one_fetch() {
        let fetches = Arc::new(AtomicUsize::new(0));
        let counter = fetches.clone();
        let cache = Arc::new(CachedToken::new(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            async move {
                // Long enough that every caller arrives while the fetch is under way.
                tokio::time::sleep(Duration::from_millis(50)).await;
                Ok::<_, TokenError>(ExpiringToken::new(
                    format!("token-{n}"),
                    SystemTime::now() + 60 * MINUTE,
                ))
            }
        }));
        let callers: Vec<_> = (0..8)
            .map(|_| {
                let cache = cache.clone();
                tokio::spawn(async move { cache.token().await.unwrap() })
            })
            .collect();
        for caller in callers {
            assert_eq!(caller.await.unwrap(), "token-1");
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_failed_fetch_is_not_kept() {
        let fetches = Arc::new(AtomicUsize::new(0));
        let counter = fetches.clone();
        let cache = CachedToken::new(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            async move {
                if n == 1 {
                    return Err(TokenError::from("the identity platform is down"));
                }
                Ok(ExpiringToken::new("token", SystemTime::now() + 60 * MINUTE))
            }
        });
        let error = cache.token().await.unwrap_err();
        assert_eq!(error.to_string(), "the identity platform is down");
        assert_eq!(cache.token().await.unwrap(), "token");
        assert_eq!(cache.token().await.unwrap(), "token");
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn clear_forgets_the_token_and_debug_hides_it() {
        let (fetches, source) = counting(|_| SystemTime::now() + 60 * MINUTE);
        let cache = CachedToken::new(source);
        assert_eq!(cache.token().await.unwrap(), "token-1");
        let debug = format!("{cache:?}");
        assert!(!debug.contains("token-1"), "{debug}");
        assert!(debug.contains("expires_at: Some"), "{debug}");
        cache.clear().await;
        assert_eq!(cache.token().await.unwrap(), "token-2");
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
        let token = ExpiringToken::new("secret", at(0));
        assert!(!format!("{token:?}").contains("secret"));
    }
}
