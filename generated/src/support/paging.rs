//! Reading collections page by page: [`Client::pages`], [`Client::items`],
//! [`Client::next_page`], delta rounds ([`Client::delta`], [`DeltaRound`]), and the headers
//! that later pages are sent with.

use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

use futures_util::stream::{self, Stream, StreamExt as _, TryStreamExt as _};
use http::header::{
    HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE,
};
use serde::de::DeserializeOwned;

use super::client::{Authorize, Client, ClientError};
use super::collection::Collection;
use super::graph_request::{parse_response, GraphRequest, NoBody, RequestError};
use super::options::RequestOptions;

impl Client {
    /// A delta round: sends `first` (a delta function's request, or one built from an earlier
    /// round's `@odata.deltaLink`), follows `@odata.nextLink` through every page, and returns
    /// all the items with the `@odata.deltaLink` of the last page, from which the next round
    /// starts (with [`Client::delta_from_with`] and a clone of `first`'s
    /// [`options`](GraphRequest::options), to send its headers again).
    ///
    /// Every page after the first is sent with the first request's headers (`Prefer`,
    /// `ConsistencyLevel`, …), as [`Client::pages`] does.
    pub async fn delta<R, T>(&self, first: R) -> Result<DeltaRound<T>, ClientError>
    where
        R: GraphRequest<Response = Collection<T>>,
        T: DeserializeOwned,
    {
        let http = first.to_http_request(&self.base_url)?;
        let headers = later_page_headers(http.headers());
        let page = self.fetch_page(http).await?;
        self.finish_round(page, &headers).await
    }

    /// Fetches `delta_link` (a [`DeltaRound::delta_link`]) and follows its pages: the changes
    /// since that round, and the link to the next. No header is sent but `Authorization`: to
    /// send the first round's `Prefer` and the like again, use [`Client::delta_from_with`].
    pub async fn delta_from<T: DeserializeOwned>(
        &self,
        delta_link: &str,
    ) -> Result<DeltaRound<T>, ClientError> {
        self.delta_from_with(delta_link, &RequestOptions::default())
            .await
    }

    /// [`Client::delta_from`], sending the headers of `options` (e.g. the first round's request
    /// [`options`](GraphRequest::options)) with every page, as [`Client::next_page_with`]
    /// does.
    pub async fn delta_from_with<T: DeserializeOwned>(
        &self,
        delta_link: &str,
        options: &RequestOptions,
    ) -> Result<DeltaRound<T>, ClientError> {
        let headers = options_headers(options)?;
        let page = self.get_page(delta_link, &headers).await?;
        self.finish_round(page, &headers).await
    }

    /// Fetches the page at `next_link` (a collection's `@odata.nextLink`), as it is: an
    /// absolute URL, not rebuilt from the base URL. It must be on the base URL's scheme and
    /// host, so that the bearer token is never sent anywhere else. No header is sent but
    /// `Authorization`: to send the first page's headers again, use
    /// [`Client::next_page_with`].
    pub async fn next_page<T: DeserializeOwned>(
        &self,
        next_link: &str,
    ) -> Result<Collection<T>, ClientError> {
        self.get_page(next_link, &HeaderMap::new()).await
    }

    /// [`Client::next_page`], sending the headers of `options` too: those of the request the
    /// first page came from ([`GraphRequest::options`]), since advanced queries
    /// (`ConsistencyLevel: eventual`) and preferences (`Prefer`) apply only to the requests
    /// that carry them, page by page. Its query options are not added: the link has them.
    /// `Authorization` (the client adds its own), `Content-Type` and `Content-Length` (a page
    /// is a GET without a body) are left out.
    pub async fn next_page_with<T: DeserializeOwned>(
        &self,
        next_link: &str,
        options: &RequestOptions,
    ) -> Result<Collection<T>, ClientError> {
        self.get_page(next_link, &options_headers(options)?).await
    }

    /// Sends `first` and then follows `@odata.nextLink` until a page has none, yielding each
    /// page. After an error the stream ends.
    ///
    /// Every later page is sent with the first request's headers (as
    /// [`Client::next_page_with`] says), so `ConsistencyLevel: eventual`, `Prefer` and the
    /// like hold on every page, not only the first.
    ///
    /// The stream is `Unpin` (`.try_next().await` needs no pinning) and `Send`, and borrows
    /// nothing: `first` is turned into its HTTP request here, and the stream holds its own
    /// clone of the client, so it can be moved to another task.
    pub fn pages<R, T>(
        &self,
        first: R,
    ) -> Pin<Box<dyn Stream<Item = Result<Collection<T>, ClientError>> + Send>>
    where
        R: GraphRequest<Response = Collection<T>>,
        T: DeserializeOwned + 'static,
    {
        let client = self.clone();
        // Built now rather than when first polled, so that the stream does not hold `first`
        // and asks nothing of `R` (neither `Send` nor `'static`). An error is still the
        // stream's first item.
        let first = first.to_http_request(&self.base_url);
        let headers = Arc::new(match &first {
            Ok(http) => later_page_headers(http.headers()),
            Err(_) => HeaderMap::new(),
        });
        Box::pin(stream::unfold(Next::First(Box::new(first)), move |next| {
            let client = client.clone();
            let headers = Arc::clone(&headers);
            async move {
                let page = match next {
                    Next::First(first) => match *first {
                        Ok(http) => client.fetch_page(http).await,
                        Err(error) => Err(error.into()),
                    },
                    Next::Link(link) => client.get_page(&link, &headers).await,
                    Next::Done => return None,
                };
                Some(match page {
                    Ok(page) => {
                        let next = match &page.next_link {
                            Some(link) => Next::Link(link.clone()),
                            None => Next::Done,
                        };
                        (Ok(page), next)
                    }
                    Err(error) => (Err(error), Next::Done),
                })
            }
        }))
    }

    /// The items of every page of [`Client::pages`], in order, with the same headers on every
    /// page. After an error the stream ends. `Unpin` and `Send`, as [`Client::pages`] is.
    pub fn items<R, T>(
        &self,
        first: R,
    ) -> Pin<Box<dyn Stream<Item = Result<T, ClientError>> + Send>>
    where
        R: GraphRequest<Response = Collection<T>>,
        T: DeserializeOwned + Send + 'static,
    {
        Box::pin(
            self.pages(first)
                .map_ok(|page| stream::iter(page.value).map(Ok))
                .try_flatten(),
        )
    }

    /// Reads the pages after `page` to the end of its delta round.
    async fn finish_round<T: DeserializeOwned>(
        &self,
        mut page: Collection<T>,
        headers: &HeaderMap,
    ) -> Result<DeltaRound<T>, ClientError> {
        let mut items = Vec::new();
        loop {
            items.extend(page.value);
            match page.next_link {
                Some(link) => page = self.get_page(&link, headers).await?,
                None => {
                    return Ok(DeltaRound {
                        items,
                        delta_link: page.delta_link,
                    })
                }
            }
        }
    }

    /// GETs `link` (checked as [`Client::next_page`] says) with `headers`.
    async fn get_page<T: DeserializeOwned>(
        &self,
        link: &str,
        headers: &HeaderMap,
    ) -> Result<Collection<T>, ClientError> {
        let uri = self.checked_next_link(link)?;
        let mut request = http::Request::get(uri)
            .body(Vec::new())
            .map_err(RequestError::Http)?;
        *request.headers_mut() = headers.clone();
        self.fetch_page(request).await
    }

    /// Sends a request for a page and reads the page.
    async fn fetch_page<T: DeserializeOwned>(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<Collection<T>, ClientError> {
        let response = self.execute(request, Authorize::Bearer).await?;
        Ok(parse_response::<PageRequest<T>>(&response)?)
    }

    fn checked_next_link(&self, next_link: &str) -> Result<http::Uri, RequestError> {
        let invalid = |reason: String| RequestError::InvalidUri {
            uri: next_link.to_owned(),
            reason,
        };
        let uri: http::Uri = next_link
            .parse()
            .map_err(|error: http::uri::InvalidUri| invalid(error.to_string()))?;
        let base: Option<http::Uri> = self.base_url.parse().ok();
        let origin = |uri: &http::Uri| (uri.scheme().cloned(), uri.authority().cloned());
        match (origin(&uri), base.as_ref().map(origin)) {
            ((Some(scheme), Some(authority)), Some((Some(base_scheme), Some(base_authority))))
                if scheme == base_scheme && authority == base_authority =>
            {
                Ok(uri)
            }
            ((Some(_), Some(_)), _) => Err(invalid(format!(
                "a next link must be on the base URL's scheme and host ({})",
                self.base_url
            ))),
            _ => Err(invalid("a next link must be an absolute URL".into())),
        }
    }
}

/// What one delta round read: every changed item, and where the next round starts.
#[derive(Clone, Debug, PartialEq)]
pub struct DeltaRound<T> {
    pub items: Vec<T>,
    /// `@odata.deltaLink` of the round's last page.
    pub delta_link: Option<String>,
}

/// Where [`Client::pages`] goes next.
enum Next {
    /// The first request, built (or not) when the stream was made; boxed, as it is ten times
    /// the size of a link.
    First(Box<Result<http::Request<Vec<u8>>, RequestError>>),
    Link(String),
    Done,
}

/// The headers of a collection's first request that its later pages are sent with: all but
/// `Authorization` (`execute` adds the current token; a second one would be sent beside it),
/// and `Content-Type` and `Content-Length`, which describe a body a page's GET does not have.
fn later_page_headers(first: &HeaderMap) -> HeaderMap {
    let mut headers = first.clone();
    for name in [AUTHORIZATION, CONTENT_TYPE, CONTENT_LENGTH] {
        headers.remove(name);
    }
    headers
}

/// The headers of `options` as [`later_page_headers`] keeps them.
fn options_headers(options: &RequestOptions) -> Result<HeaderMap, RequestError> {
    let mut headers = HeaderMap::new();
    for (name, value) in options.headers() {
        let name = HeaderName::try_from(name.as_str()).map_err(|e| RequestError::Http(e.into()))?;
        let value =
            HeaderValue::try_from(value.as_str()).map_err(|e| RequestError::Http(e.into()))?;
        headers.append(name, value);
    }
    Ok(later_page_headers(&headers))
}

/// Stands for "GET a next link" so that its response goes through `parse_response` like any
/// other; its request is built by `Client::next_page`, never by `to_http_request`.
struct PageRequest<T>(PhantomData<fn() -> T>);

impl<T: DeserializeOwned> GraphRequest for PageRequest<T> {
    type Body = NoBody;
    type Response = Collection<T>;

    fn method(&self) -> http::Method {
        http::Method::GET
    }

    fn path(&self) -> &str {
        ""
    }

    fn body(&self) -> Option<&NoBody> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::token::StaticToken;
    use super::*;

    #[test]
    fn next_links_must_stay_on_the_base_host() {
        let client = Client::new("https://graph.microsoft.com/v1.0", StaticToken("t".into()));
        for link in [
            "https://graph.microsoft.com/v1.0/users?$skiptoken=abc",
            "https://GRAPH.microsoft.com/beta/users?$skiptoken=abc",
        ] {
            assert!(client.checked_next_link(link).is_ok(), "{link}");
        }
        for (link, reason) in [
            ("https://evil.example/v1.0/users", "scheme and host"),
            ("http://graph.microsoft.com/v1.0/users", "scheme and host"),
            (
                "https://graph.microsoft.com:8443/v1.0/users",
                "scheme and host",
            ),
            ("/v1.0/users?$skiptoken=abc", "absolute"),
            ("https://bad host/", "invalid"),
        ] {
            let error = client.checked_next_link(link).unwrap_err();
            assert!(error.to_string().contains(reason), "{link}: {error}");
        }
    }
}
