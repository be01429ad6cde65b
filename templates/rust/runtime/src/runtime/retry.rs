//! The retry table, the waits between tries (backoff with jitter, `Retry-After`, `X-RateLimit-Reset`) and
//! the rate-limit headers.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::HeaderMap;

/// The `X-RateLimit-Limit`, `-Remaining` and `-Reset` headers of a response, each `None` when absent or not
/// a whole number. `reset` is as the server sent it: seconds from now, or an epoch second when over 10^9.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RateLimit {
    /// The requests allowed in the window.
    pub limit: Option<i64>,
    /// The requests left in the window.
    pub remaining: Option<i64>,
    /// When the window resets.
    pub reset: Option<i64>,
}

impl RateLimit {
    /// The rate-limit headers; `None` when there are none.
    pub(crate) fn from_headers(headers: &HeaderMap) -> Option<Self> {
        let limit = Self {
            limit: int_header(headers, "x-ratelimit-limit"),
            remaining: int_header(headers, "x-ratelimit-remaining"),
            reset: int_header(headers, "x-ratelimit-reset"),
        };
        (limit != Self::default()).then_some(limit)
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    let value = headers.get(name)?.to_str().ok()?.trim();
    (!value.is_empty()).then_some(value)
}

fn int_header(headers: &HeaderMap, name: &str) -> Option<i64> {
    header(headers, name)?.parse().ok()
}

/// The retry table: 408, 429, 500, 502, 503, 504, and 409 when the server says `x-should-retry: true`;
/// `x-should-retry: false` wins over everything.
pub(crate) fn should_retry_status(status: u16, headers: &HeaderMap) -> bool {
    let hint = header(headers, "x-should-retry").map(str::to_ascii_lowercase);
    if hint.as_deref() == Some("false") {
        return false;
    }
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
        || (status == 409 && hint.as_deref() == Some("true"))
}

fn seconds(secs: f64) -> Option<Duration> {
    Duration::try_from_secs_f64(secs.max(0.0)).ok()
}

/// How long the server asked to wait: `retry-after-ms`, then `Retry-After` as seconds or an HTTP-date (one
/// in the past: 0). `None` when it did not say.
pub(crate) fn parse_retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    if let Some(wait) = headers
        .get("retry-after-ms")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<f64>().ok())
        .and_then(|millis| seconds(millis / 1000.0))
    {
        return Some(wait);
    }
    let value = header(headers, "retry-after")?;
    if let Ok(secs) = value.parse::<f64>() {
        return seconds(secs);
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or_default())
}

const EPOCH_THRESHOLD: i64 = 1_000_000_000;

/// The wait until `X-RateLimit-Reset`: seconds from now, or an epoch second when over 10^9.
pub(crate) fn rate_limit_reset_delay(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let reset = int_header(headers, "x-ratelimit-reset")?;
    if reset > EPOCH_THRESHOLD {
        let Some(when) = UNIX_EPOCH.checked_add(Duration::from_secs(reset.unsigned_abs())) else {
            return Some(Duration::MAX);
        };
        return Some(when.duration_since(now).unwrap_or_default());
    }
    Some(Duration::from_secs(reset.max(0).unsigned_abs()))
}

/// The longest server hint followed; a longer one falls back on the backoff.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// The backoff settings.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Backoff {
    pub(crate) base: Duration,
    pub(crate) max: Duration,
    pub(crate) exponential: bool,
}

/// The wait before the next try after `status` (0 and no headers for a connection failure): a server hint up
/// to 60 s (`Retry-After`, or on a 429 without one `X-RateLimit-Reset`), else
/// `min(max, base * 2^retries_done)` (`min(max, base)` without exponential backoff) times a jitter factor in
/// [0.75, 1].
pub(crate) fn retry_delay(
    backoff: &Backoff,
    retries_done: u32,
    status: u16,
    headers: Option<&HeaderMap>,
    now: SystemTime,
    jitter: f64,
) -> Duration {
    if let Some(headers) = headers {
        let hinted = parse_retry_after(headers, now).or_else(|| {
            (status == 429)
                .then(|| rate_limit_reset_delay(headers, now))
                .flatten()
        });
        if let Some(wait) = hinted.filter(|wait| *wait <= MAX_RETRY_AFTER) {
            return wait;
        }
    }
    let growth = if backoff.exponential {
        2f64.powi(retries_done.min(62) as i32)
    } else {
        1.0
    };
    let wait = backoff
        .max
        .as_secs_f64()
        .min(backoff.base.as_secs_f64() * growth);
    seconds(wait * (1.0 - 0.25 * jitter)).unwrap_or(backoff.max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    const NOW: u64 = 1_700_000_000;

    fn now() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(NOW)
    }

    fn backoff() -> Backoff {
        Backoff {
            base: Duration::from_millis(500),
            max: Duration::from_secs(8),
            exponential: true,
        }
    }

    #[test]
    fn retry_table() {
        let none = HeaderMap::new();
        for status in [408, 429, 500, 502, 503, 504] {
            assert!(should_retry_status(status, &none), "{status}");
        }
        for status in [400, 401, 403, 404, 409, 422, 501] {
            assert!(!should_retry_status(status, &none), "{status}");
        }
        assert!(should_retry_status(
            409,
            &headers(&[("x-should-retry", "true")])
        ));
        assert!(!should_retry_status(
            503,
            &headers(&[("x-should-retry", "FALSE")])
        ));
        assert!(!should_retry_status(
            400,
            &headers(&[("x-should-retry", "true")])
        ));
    }

    #[test]
    fn retry_after() {
        let at = |pairs: &[(&'static str, &str)]| parse_retry_after(&headers(pairs), now());
        assert_eq!(at(&[("retry-after", "2")]), Some(Duration::from_secs(2)));
        assert_eq!(
            at(&[("retry-after", "1.5")]),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(at(&[("retry-after", "-3")]), Some(Duration::ZERO));
        assert_eq!(
            at(&[("retry-after-ms", "250"), ("retry-after", "9")]),
            Some(Duration::from_millis(250))
        );
        assert_eq!(
            at(&[("retry-after-ms", "x"), ("retry-after", "9")]),
            Some(Duration::from_secs(9))
        );
        let date = httpdate::fmt_http_date(now() + Duration::from_secs(5));
        assert_eq!(at(&[("retry-after", &date)]), Some(Duration::from_secs(5)));
        let past = httpdate::fmt_http_date(now() - Duration::from_secs(5));
        assert_eq!(at(&[("retry-after", &past)]), Some(Duration::ZERO));
        assert_eq!(at(&[("retry-after", "soon")]), None);
        assert_eq!(at(&[]), None);
        assert_eq!(at(&[("retry-after", "1e300")]), None);
    }

    #[test]
    fn rate_limit_reset() {
        let reset =
            |value: &str| rate_limit_reset_delay(&headers(&[("x-ratelimit-reset", value)]), now());
        assert_eq!(reset("3"), Some(Duration::from_secs(3)));
        assert_eq!(reset("-3"), Some(Duration::ZERO));
        assert_eq!(reset(&(NOW + 4).to_string()), Some(Duration::from_secs(4)));
        assert_eq!(reset(&(NOW - 4).to_string()), Some(Duration::ZERO));
        assert_eq!(reset("soon"), None);
        assert!(reset(&i64::MAX.to_string()) > Some(MAX_RETRY_AFTER));
    }

    #[test]
    fn delays() {
        let b = backoff();
        let none = HeaderMap::new();
        let delay = |retries, status, h: &HeaderMap, jitter| {
            retry_delay(&b, retries, status, Some(h), now(), jitter)
        };
        assert_eq!(delay(0, 503, &none, 0.0), Duration::from_millis(500));
        assert_eq!(delay(1, 503, &none, 0.0), Duration::from_secs(1));
        assert_eq!(delay(2, 503, &none, 1.0), Duration::from_millis(1500));
        assert_eq!(delay(10, 503, &none, 0.0), Duration::from_secs(8));
        assert_eq!(delay(u32::MAX, 503, &none, 0.0), Duration::from_secs(8));
        let constant = Backoff {
            exponential: false,
            ..b
        };
        assert_eq!(
            retry_delay(&constant, 3, 503, None, now(), 0.0),
            Duration::from_millis(500)
        );
        let reset = headers(&[("x-ratelimit-reset", "2")]);
        assert_eq!(delay(0, 429, &reset, 0.5), Duration::from_secs(2));
        assert_eq!(delay(0, 503, &reset, 0.0), Duration::from_millis(500));
        let both = headers(&[("x-ratelimit-reset", "2"), ("retry-after", "1")]);
        assert_eq!(delay(0, 429, &both, 0.0), Duration::from_secs(1));
        let far = headers(&[("x-ratelimit-reset", "3600")]);
        assert_eq!(delay(0, 429, &far, 0.0), Duration::from_millis(500));
        let long = headers(&[("retry-after", "61")]);
        assert_eq!(delay(1, 503, &long, 0.0), Duration::from_secs(1));
    }

    #[test]
    fn rate_limit_headers() {
        assert_eq!(RateLimit::from_headers(&HeaderMap::new()), None);
        let limit = RateLimit::from_headers(&headers(&[
            ("x-ratelimit-limit", "100"),
            ("x-ratelimit-remaining", "1.5"),
            ("x-ratelimit-reset", " 30 "),
        ]));
        assert_eq!(
            limit,
            Some(RateLimit {
                limit: Some(100),
                remaining: None,
                reset: Some(30),
            })
        );
    }
}
