//! When a request is sent again, and after how long: [`RetryPolicy`], the jitter of its
//! backoff, `Retry-After`, and which methods, statuses and errors are worth retrying.

use std::time::{Duration, SystemTime};

use http::header::{HeaderMap, RETRY_AFTER};
use http::StatusCode;

/// When a request is sent again, and after how long.
///
/// Retried: 429 Too Many Requests and 503 Service Unavailable, whatever the method (the service
/// says it did not act); 504 Gateway Timeout and a failed connection (refused, reset, timed out,
/// cut before the whole answer came) only for methods that are safe to repeat (GET, HEAD, PUT,
/// DELETE, OPTIONS), since a POST or PATCH may have been carried out before the answer was
/// lost.
///
/// At most `max_retries` times, and only while the time since the first attempt plus the next
/// wait stays within `max_elapsed`. The wait is what `Retry-After` asks for (delay-seconds or
/// an HTTP-date), never longer than `max_wait`; without a usable `Retry-After` it is
/// `fallback_wait` doubled on each retry (capped by `max_wait`), with jitter: a random point
/// in its upper half, so that clients throttled together do not come back together.
///
/// When the retries are used up, the last response is returned as usual (a
/// [`ClientError::Response`] holding the Graph error), or the last transport error.
///
/// [`ClientError::Response`]: super::ClientError::Response
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 turns retrying off.
    pub max_retries: u32,
    /// The longest wait before a retry; a longer `Retry-After` is cut to this.
    pub max_wait: Duration,
    /// The first wait when the response has no usable `Retry-After`.
    pub fallback_wait: Duration,
    /// The most time from the first attempt to the start of the last retry: a retry whose wait
    /// would end later is not made.
    pub max_elapsed: Duration,
}

impl RetryPolicy {
    /// Never retry.
    pub const NONE: RetryPolicy = RetryPolicy {
        max_retries: 0,
        max_wait: Duration::ZERO,
        fallback_wait: Duration::ZERO,
        max_elapsed: Duration::ZERO,
    };

    /// Whether a response with `status` to a `method` request is worth sending again.
    fn is_retried_status(method: &http::Method, status: StatusCode) -> bool {
        status == StatusCode::TOO_MANY_REQUESTS
            || status == StatusCode::SERVICE_UNAVAILABLE
            || (status == StatusCode::GATEWAY_TIMEOUT && is_idempotent(method))
    }

    /// How long to wait before retrying a response with `status` and `headers` to a `method`
    /// request, when `retries_done` retries have already been made; `None` when it is not to
    /// be retried. `jitter` (from 0 to 1) picks the point in the upper half of a backoff wait.
    pub(super) fn retry_delay(
        &self,
        method: &http::Method,
        status: StatusCode,
        headers: &HeaderMap,
        retries_done: u32,
        now: SystemTime,
        jitter: f64,
    ) -> Option<Duration> {
        if !Self::is_retried_status(method, status) {
            return None;
        }
        let asked = headers
            .get(RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| parse_retry_after(value, now));
        match asked {
            Some(wait) if retries_done < self.max_retries => Some(wait.min(self.max_wait)),
            Some(_) => None,
            None => self.backoff(retries_done, jitter),
        }
    }

    /// The wait before retry number `retries_done + 1` when the answer did not say how long:
    /// `fallback_wait` × 2^`retries_done`, capped by `max_wait`, then moved to a point in its
    /// upper half by `jitter` (0 the middle, 1 the top). `None` when the retries are used up.
    pub(super) fn backoff(&self, retries_done: u32, jitter: f64) -> Option<Duration> {
        if retries_done >= self.max_retries {
            return None;
        }
        let full = self
            .fallback_wait
            .saturating_mul(2u32.saturating_pow(retries_done))
            .min(self.max_wait);
        let jitter = jitter.clamp(0.0, 1.0);
        Some(full.div_f64(2.0) + full.div_f64(2.0).mul_f64(jitter))
    }

    /// Whether a retry that waits `wait` after `elapsed` since the first attempt is within
    /// `max_elapsed`.
    pub(super) fn within_budget(&self, elapsed: Duration, wait: Duration) -> bool {
        elapsed.saturating_add(wait) <= self.max_elapsed
    }
}

/// 3 retries, waits of at most 60 s, 1 s (then 2 s, 4 s, each with jitter) without
/// `Retry-After`, all within 2 minutes.
impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            max_wait: Duration::from_secs(60),
            fallback_wait: Duration::from_secs(1),
            max_elapsed: Duration::from_secs(120),
        }
    }
}

/// Whether a request with `method` may be sent again without changing the outcome (RFC 9110
/// §9.2.2): GET, HEAD, PUT, DELETE, OPTIONS (TRACE too, which Graph does not use).
pub(super) fn is_idempotent(method: &http::Method) -> bool {
    matches!(
        *method,
        http::Method::GET
            | http::Method::HEAD
            | http::Method::PUT
            | http::Method::DELETE
            | http::Method::OPTIONS
            | http::Method::TRACE
    )
}

/// A number from 0 to 1 that differs from call to call and from process to process, for the
/// jitter of backoff waits: the system time's nanoseconds and a counter, hashed with the
/// randomly keyed SipHash of std's `RandomState`. Cheap, and no random-number crate needed;
/// good enough to spread retries, not for anything secret.
pub(super) fn jitter() -> f64 {
    (random_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// 64 bits that differ from call to call and from process to process (see [`jitter`]).
pub(super) fn random_u64() -> u64 {
    use std::hash::{BuildHasher as _, Hasher as _};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    hasher.write_u128(nanos);
    hasher.finish()
}

/// Reads a `Retry-After` value (RFC 9110 §10.2.3): delay-seconds (`120`), or an HTTP-date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`) turned into the time from `now` until then (zero when it
/// is past). `None` when the value is neither.
fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) {
        // Only digits, so parsing can fail only by overflow: wait "forever" (capped later).
        let seconds = value.parse().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(seconds));
    }
    // IMF-fixdate, the form senders must use, is RFC 2822 syntax with the zone `GMT`.
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let at = SystemTime::from(date);
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// An answer that says "not now" rather than "no": throttled, or a server-side failure.
pub(super) fn is_transient(status: StatusCode) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error()
}

/// Whether a transport error means the exchange broke (connection refused, reset or closed,
/// timed out, body cut short), as opposed to a request that could not be built or a redirect
/// loop: only the former is worth sending again.
pub(super) fn is_connection_error(error: &reqwest::Error) -> bool {
    error.is_connect() || error.is_request() || error.is_body() || error.is_timeout()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
    }

    /// 2015-10-21T07:28:00Z.
    const OCT_21_2015: u64 = 1_445_412_480;

    #[test]
    fn reads_delay_seconds() {
        let now = at(OCT_21_2015);
        for (value, seconds) in [
            ("0", 0),
            ("1", 1),
            ("120", 120),
            (" 7 ", 7),
            ("007", 7),
            ("99999999999999999999999", u64::MAX),
        ] {
            assert_eq!(
                parse_retry_after(value, now),
                Some(Duration::from_secs(seconds)),
                "{value}"
            );
        }
    }

    #[test]
    fn reads_an_http_date() {
        let date = "Wed, 21 Oct 2015 07:28:00 GMT";
        let secs = Duration::from_secs;
        assert_eq!(
            parse_retry_after(date, at(OCT_21_2015 - 30)),
            Some(secs(30))
        );
        assert_eq!(parse_retry_after(date, at(OCT_21_2015)), Some(secs(0)));
        // A date in the past means "now".
        assert_eq!(parse_retry_after(date, at(OCT_21_2015 + 5)), Some(secs(0)));
        // The fraction of a second left before the date is kept.
        let now = at(OCT_21_2015 - 2) + Duration::from_millis(250);
        assert_eq!(
            parse_retry_after(date, now),
            Some(Duration::from_millis(1750))
        );
    }

    #[test]
    fn rejects_other_values() {
        let now = at(OCT_21_2015);
        for value in [
            "",
            " ",
            "-1",
            "1.5",
            "+3",
            "soon",
            "1e3",
            "21 Oct 2015",
            "0x10",
        ] {
            assert_eq!(parse_retry_after(value, now), None, "{value:?}");
        }
    }

    fn headers(retry_after: Option<&str>) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(value) = retry_after {
            headers.insert(RETRY_AFTER, value.parse().unwrap());
        }
        headers
    }

    const GET: http::Method = http::Method::GET;

    #[test]
    fn retries_429_503_and_504_when_idempotent() {
        let policy = RetryPolicy::default();
        let now = at(OCT_21_2015);
        let with_header = headers(Some("2"));
        for (method, status) in [
            ("GET", 429),
            ("POST", 429),
            ("PATCH", 503),
            ("GET", 503),
            ("GET", 504),
            ("PUT", 504),
            ("DELETE", 504),
        ] {
            let method = http::Method::from_bytes(method.as_bytes()).unwrap();
            let status = StatusCode::from_u16(status).unwrap();
            assert_eq!(
                policy.retry_delay(&method, status, &with_header, 0, now, 1.0),
                Some(Duration::from_secs(2)),
                "{method} {status}"
            );
        }
        // A POST or PATCH may have been carried out behind a gateway that timed out.
        for method in [http::Method::POST, http::Method::PATCH] {
            let status = StatusCode::GATEWAY_TIMEOUT;
            assert_eq!(
                policy.retry_delay(&method, status, &with_header, 0, now, 1.0),
                None
            );
        }
        for status in [200, 204, 400, 401, 403, 404, 500, 502] {
            let status = StatusCode::from_u16(status).unwrap();
            assert_eq!(
                policy.retry_delay(&GET, status, &with_header, 0, now, 1.0),
                None,
                "{status}"
            );
        }
    }

    #[test]
    fn stops_after_max_retries() {
        let policy = RetryPolicy {
            max_retries: 2,
            ..RetryPolicy::default()
        };
        let now = at(OCT_21_2015);
        let headers = headers(Some("1"));
        let status = StatusCode::TOO_MANY_REQUESTS;
        assert!(policy
            .retry_delay(&GET, status, &headers, 0, now, 1.0)
            .is_some());
        assert!(policy
            .retry_delay(&GET, status, &headers, 1, now, 1.0)
            .is_some());
        assert_eq!(
            policy.retry_delay(&GET, status, &headers, 2, now, 1.0),
            None
        );
        assert_eq!(
            RetryPolicy::NONE.retry_delay(&GET, status, &headers, 0, now, 1.0),
            None
        );
    }

    #[test]
    fn caps_the_wait() {
        let policy = RetryPolicy {
            max_wait: Duration::from_secs(10),
            ..RetryPolicy::default()
        };
        let now = at(OCT_21_2015);
        let status = StatusCode::SERVICE_UNAVAILABLE;
        for value in [
            "3600",
            "99999999999999999999999",
            "Thu, 22 Oct 2015 07:28:00 GMT",
        ] {
            assert_eq!(
                policy.retry_delay(&GET, status, &headers(Some(value)), 0, now, 1.0),
                Some(Duration::from_secs(10)),
                "{value}"
            );
        }
    }

    #[test]
    fn backs_off_without_a_usable_retry_after() {
        let policy = RetryPolicy {
            max_retries: 10,
            max_wait: Duration::from_secs(5),
            fallback_wait: Duration::from_secs(1),
            max_elapsed: Duration::from_secs(60),
        };
        let now = at(OCT_21_2015);
        let status = StatusCode::TOO_MANY_REQUESTS;
        for missing in [headers(None), headers(Some("later"))] {
            let waits: Vec<_> = (0..5)
                .map(|done| {
                    policy
                        .retry_delay(&GET, status, &missing, done, now, 1.0)
                        .unwrap()
                })
                .map(|wait| wait.as_secs())
                .collect();
            assert_eq!(waits, [1, 2, 4, 5, 5]);
        }
        // Huge retry counts saturate instead of overflowing.
        let policy = RetryPolicy {
            max_retries: u32::MAX,
            ..policy
        };
        assert_eq!(
            policy.retry_delay(&GET, status, &headers(None), 40, now, 1.0),
            Some(Duration::from_secs(5))
        );
    }

    #[test]
    fn jitter_picks_a_point_in_the_upper_half_of_the_backoff() {
        let policy = RetryPolicy {
            max_retries: 5,
            max_wait: Duration::from_secs(60),
            fallback_wait: Duration::from_secs(2),
            max_elapsed: Duration::from_secs(60),
        };
        assert_eq!(policy.backoff(0, 0.0), Some(Duration::from_secs(1)));
        assert_eq!(policy.backoff(0, 0.5), Some(Duration::from_millis(1500)));
        assert_eq!(policy.backoff(2, 1.0), Some(Duration::from_secs(8)));
        // Out of range is clamped rather than waiting longer than the backoff.
        assert_eq!(policy.backoff(0, 7.0), Some(Duration::from_secs(2)));
        assert_eq!(policy.backoff(5, 1.0), None);
        // A Retry-After is obeyed as it is, without jitter.
        let status = StatusCode::TOO_MANY_REQUESTS;
        let now = at(OCT_21_2015);
        assert_eq!(
            policy.retry_delay(&GET, status, &headers(Some("3")), 0, now, 0.0),
            Some(Duration::from_secs(3))
        );
        // The source differs from call to call and stays within [0, 1).
        let draws: Vec<f64> = (0..64).map(|_| jitter()).collect();
        assert!(draws.iter().all(|draw| (0.0..1.0).contains(draw)));
        assert!(draws.windows(2).any(|pair| pair[0] != pair[1]));
    }

    #[test]
    fn the_time_budget_bounds_the_retries() {
        let policy = RetryPolicy {
            max_elapsed: Duration::from_secs(10),
            ..RetryPolicy::default()
        };
        let secs = Duration::from_secs;
        assert!(policy.within_budget(secs(4), secs(6)));
        assert!(!policy.within_budget(secs(4), secs(7)));
        assert!(!RetryPolicy::NONE.within_budget(Duration::ZERO, Duration::from_millis(1)));
    }
}
