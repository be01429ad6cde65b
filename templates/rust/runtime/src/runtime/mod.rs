//! The runtime every generated SDK carries: the HTTP client core (retries, auth, hooks, timeouts), the wire
//! serialisation of parameters and bodies, pagination, server-sent events and the error types.

mod auth;
mod call;
mod client;
mod error;
mod model;
mod multipart;
mod oauth;
mod pagination;
mod request;
mod retry;
mod serialize;
mod sse;
#[cfg(test)]
mod testing;

pub use self::auth::{AuthProvider, LoginSettings};
pub use self::call::{Binary, Call, RawResponse, RequestOptions};
pub use self::client::{
    AuthConfig, Core, CoreBuilder, Defaults, Hook, RetryConfig, ServerVariable,
};
pub use self::error::{ApiError, ConnectionError, DecodeError, Error, Result, TimeoutError};
pub use self::model::{Body, File, Files, Nullable};
pub use self::oauth::{
    AuthorizationRequest, AuthorizationUrlParams, OAuth, OAuthEndpoints, OAuthTokens,
};
pub use self::pagination::{ItemStream, Page, Pager, PagerValue};
pub use self::request::{Encoding, Request};
pub use self::retry::RateLimit;
pub use self::sse::{EventStream, ServerSentEvent};

/// Locks a mutex; a panic elsewhere while it was held does not make the data unusable here.
fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// `n` bytes from the operating system's random source (zeros if it has none to give).
fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    if getrandom::getrandom(&mut bytes).is_err() {
        // No OS randomness: fall back on the clock so keys still differ between calls.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = (nanos >> ((i % 16) * 8)) as u8 ^ (i as u8).wrapping_mul(151);
        }
    }
    bytes
}

/// A v4 UUID from OS randomness, as text (`xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`).
fn new_uuid() -> String {
    let mut b: [u8; 16] = random_bytes();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// A random number in [0, 1).
fn random_unit() -> f64 {
    let bytes: [u8; 8] = random_bytes();
    (u64::from_le_bytes(bytes) >> 11) as f64 / (1u64 << 53) as f64
}

/// Base64 of `data`: standard alphabet with padding, or URL-safe without it.
fn base64(data: &[u8], url_safe: bool) -> String {
    let alphabet: &[u8; 64] = if url_safe {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    } else {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    };
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(chunk.get(1).copied().unwrap_or(0)) << 8)
            | u32::from(chunk.get(2).copied().unwrap_or(0));
        for i in 0..=chunk.len() {
            out.push(char::from(alphabet[((n >> (18 - 6 * i)) & 63) as usize]));
        }
        if !url_safe {
            for _ in chunk.len()..3 {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    pub(crate) const DEFAULTS: Defaults = Defaults {
        base_url: "https://{region}.example.com/v1",
        server_variables: &[ServerVariable {
            wire: "region",
            default: "us",
            allowed: &["us", "eu"],
        }],
        default_security: &[&["key"]],
        timeout: Duration::from_secs(5),
        max_retries: 2,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(10),
        refresh_buffer: Duration::from_secs(60),
        refresh_retries: 2,
        user_agent: "test/1.0 rust",
    };

    #[test]
    fn uuid_is_version_4() {
        let id = new_uuid();
        let groups: Vec<&str> = id.split('-').collect();
        let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
        assert_eq!(lengths, [8, 4, 4, 4, 12]);
        assert!(groups[2].starts_with('4'));
        assert!(matches!(&groups[3][..1], "8" | "9" | "a" | "b"));
        assert!(id.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
        assert_ne!(new_uuid(), id);
    }

    #[test]
    fn base64_both_alphabets() {
        assert_eq!(base64(b"user:pass", false), "dXNlcjpwYXNz");
        assert_eq!(base64(b"ab", false), "YWI=");
        assert_eq!(base64(b"a", false), "YQ==");
        assert_eq!(base64(&[0xfb, 0xff], true), "-_8");
        assert_eq!(base64(b"", true), "");
    }

    #[test]
    fn random_unit_in_range() {
        for _ in 0..100 {
            let x = random_unit();
            assert!((0.0..1.0).contains(&x));
        }
    }
}
