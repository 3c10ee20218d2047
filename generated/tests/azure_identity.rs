//! The `azure-identity` feature with a test credential that implements azure_core's
//! `TokenCredential` and counts its calls: its token is reused until shortly before it expires,
//! a new one is asked for after that, concurrent requests share one call, the scopes reach the
//! credential, and its errors reach the caller.
#![cfg(feature = "azure-identity")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use azure_core::error::ErrorKind;
use azure_core::time::OffsetDateTime;
use graph_client::support::{AzureTokenSource, CachedToken, TokenProvider, GRAPH_DEFAULT_SCOPE};

/// Hands out `token-N` on its Nth call, valid for `lifetime` from then, after `delay`; records
/// the scopes of each call. Fails instead when `fail` is set.
#[derive(Debug)]
struct CountingCredential {
    calls: AtomicUsize,
    lifetime: Duration,
    delay: Duration,
    scopes: Mutex<Vec<Vec<String>>>,
    fail: bool,
}

impl CountingCredential {
    fn new(lifetime: Duration) -> Self {
        CountingCredential {
            calls: AtomicUsize::new(0),
            lifetime,
            delay: Duration::ZERO,
            scopes: Mutex::new(Vec::new()),
            fail: false,
        }
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

#[async_trait::async_trait]
impl TokenCredential for CountingCredential {
    async fn get_token(
        &self,
        scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        self.scopes
            .lock()
            .unwrap()
            .push(scopes.iter().map(|scope| scope.to_string()).collect());
        tokio::time::sleep(self.delay).await;
        if self.fail {
            return Err(azure_core::Error::with_message(
                ErrorKind::Credential,
                "AADSTS7000215: Invalid client secret provided.",
            ));
        }
        let expires_on = OffsetDateTime::from(SystemTime::now() + self.lifetime);
        Ok(AccessToken::new(format!("token-{n}"), expires_on))
    }
}

const HOUR: Duration = Duration::from_secs(3600);

fn provider(credential: &Arc<CountingCredential>) -> CachedToken<AzureTokenSource> {
    AzureTokenSource::new(credential.clone()).cached()
}

#[tokio::test]
async fn a_token_is_reused_until_its_expiry_and_asked_for_with_the_graph_scope() {
    let credential = Arc::new(CountingCredential::new(HOUR));
    let tokens = provider(&credential);

    for _ in 0..5 {
        assert_eq!(tokens.token().await.unwrap(), "token-1");
    }
    assert_eq!(credential.calls(), 1);
    assert_eq!(
        *credential.scopes.lock().unwrap(),
        [["https://graph.microsoft.com/.default"]]
    );
    assert_eq!(GRAPH_DEFAULT_SCOPE, "https://graph.microsoft.com/.default");
}

#[tokio::test]
async fn a_new_token_is_asked_for_within_the_margin_of_the_expiry() {
    // Valid for the default margin of 5 minutes and 600 ms more: kept for those 600 ms.
    let margin = CachedToken::<AzureTokenSource>::DEFAULT_MARGIN;
    let credential = Arc::new(CountingCredential::new(margin + Duration::from_millis(600)));
    let tokens = provider(&credential);

    assert_eq!(tokens.token().await.unwrap(), "token-1");
    assert_eq!(tokens.token().await.unwrap(), "token-1");
    assert_eq!(credential.calls(), 1);
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(tokens.token().await.unwrap(), "token-2");
    assert_eq!(tokens.token().await.unwrap(), "token-2");
    assert_eq!(credential.calls(), 2);
}

#[tokio::test]
async fn a_margin_longer_than_the_lifetime_asks_every_time() {
    let credential = Arc::new(CountingCredential::new(Duration::from_secs(60)));
    let tokens = provider(&credential).with_margin(Duration::from_secs(120));

    assert_eq!(tokens.token().await.unwrap(), "token-1");
    assert_eq!(tokens.token().await.unwrap(), "token-2");
    assert_eq!(credential.calls(), 2);
}

#[tokio::test]
async fn concurrent_requests_share_one_call() {
    let credential = Arc::new(CountingCredential {
        delay: Duration::from_millis(100),
        ..CountingCredential::new(HOUR)
    });
    let tokens = Arc::new(provider(&credential));

    let requests: Vec<_> = (0..16)
        .map(|_| {
            let tokens = tokens.clone();
            tokio::spawn(async move { tokens.token().await.unwrap() })
        })
        .collect();
    for request in requests {
        assert_eq!(request.await.unwrap(), "token-1");
    }
    assert_eq!(credential.calls(), 1);
}

#[tokio::test]
async fn other_scopes_reach_the_credential_and_its_errors_the_caller() {
    let credential = Arc::new(CountingCredential {
        fail: true,
        ..CountingCredential::new(HOUR)
    });
    let tokens = AzureTokenSource::new(credential.clone())
        .with_scopes(["https://graph.microsoft.us/.default"])
        .cached();

    let error = tokens.token().await.unwrap_err();
    assert!(error.to_string().contains("AADSTS7000215"), "{error}");
    // The failure is not kept: the next request asks again.
    assert!(tokens.token().await.is_err());
    assert_eq!(credential.calls(), 2);
    assert_eq!(
        *credential.scopes.lock().unwrap(),
        [
            ["https://graph.microsoft.us/.default"],
            ["https://graph.microsoft.us/.default"]
        ]
    );
}
