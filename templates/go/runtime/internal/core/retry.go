package core

import (
	"math"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"time"
)

// shouldRetryStatus is the retry table for a response: 408, 429, 500, 502, 503, 504, and 409 when the
// server says x-should-retry: true; x-should-retry: false wins over everything.
func shouldRetryStatus(status int, header http.Header) bool {
	hint := strings.ToLower(strings.TrimSpace(header.Get("x-should-retry")))
	if hint == "false" {
		return false
	}
	switch status {
	case 408, 429, 500, 502, 503, 504:
		return true
	}
	return hint == "true" && status == 409
}

// parseRetryAfter is how long the server asked us to wait: retry-after-ms, then Retry-After as seconds or
// an HTTP-date (a date in the past gives 0). ok is false when it did not say.
func parseRetryAfter(header http.Header, now time.Time) (time.Duration, bool) {
	if values, found := header[textproto.CanonicalMIMEHeaderKey("retry-after-ms")]; found && len(values) > 0 {
		if millis, err := strconv.ParseFloat(strings.TrimSpace(values[0]), 64); err == nil {
			return seconds(math.Max(0, millis/1000)), true
		}
	}
	value := strings.TrimSpace(header.Get("retry-after"))
	if value == "" {
		return 0, false
	}
	if secs, err := strconv.ParseFloat(value, 64); err == nil {
		return seconds(math.Max(0, secs)), true
	}
	when, err := http.ParseTime(value)
	if err != nil {
		return 0, false
	}
	return max(0, when.Sub(now)), true
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// rateLimitResetDelay is the wait until X-RateLimit-Reset: seconds from now, or an epoch time in seconds
// when larger than 1e9. ok is false without the header.
func rateLimitResetDelay(header http.Header, now time.Time) (time.Duration, bool) {
	reset, ok := intHeader(header, "x-ratelimit-reset")
	if !ok {
		return 0, false
	}
	if reset > epochThreshold {
		return max(0, time.Unix(reset, 0).Sub(now)), true
	}
	return max(0, time.Duration(reset)*time.Second), true
}

const epochThreshold = 1_000_000_000

// retryDelay is the wait before the next try after status (0 for a connection failure): a server hint up
// to maxRetryAfter (Retry-After, or on a 429 without one X-RateLimit-Reset), else exponential backoff
// min(maxDelay, baseDelay * 2^retriesDone) (min(maxDelay, baseDelay) with ConstantBackoff) times a jitter
// factor in [0.75, 1].
func retryDelay(cfg *Config, retriesDone int, status int, header http.Header, now time.Time, jitter float64) time.Duration {
	if header != nil {
		hinted, ok := parseRetryAfter(header, now)
		if !ok && status == 429 {
			hinted, ok = rateLimitResetDelay(header, now)
		}
		if ok && hinted <= maxRetryAfter {
			return hinted
		}
	}
	growth := math.Pow(2, float64(min(retriesDone, 62)))
	if cfg.ConstantBackoff {
		growth = 1
	}
	backoff := math.Min(cfg.MaxDelay.Seconds(), cfg.BaseDelay.Seconds()*growth)
	return seconds(math.Max(0, backoff*(1-0.25*jitter)))
}

const maxRetryAfter = 60 * time.Second
