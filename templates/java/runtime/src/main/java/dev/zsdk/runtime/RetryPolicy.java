package dev.zsdk.runtime;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** When a failed try is retried, and how long to wait first. */
final class RetryPolicy {
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
  private static final long EPOCH_THRESHOLD = 1_000_000_000L;

  private RetryPolicy() {}

  /**
   * The retry table: 408, 429, 500, 502, 503, 504, and 409 with {@code x-should-retry: true};
   * {@code x-should-retry: false} wins over everything.
   */
  static boolean shouldRetry(int status, Map<String, List<String>> headers) {
    String hint =
        Headers.first(headers, "x-should-retry")
            .map(h -> h.trim().toLowerCase(Locale.ROOT))
            .orElse("");
    if (hint.equals("false")) {
      return false;
    }
    return switch (status) {
      case 408, 429, 500, 502, 503, 504 -> true;
      default -> hint.equals("true") && status == 409;
    };
  }

  /** retry-after-ms, then Retry-After as seconds or an HTTP date (in the past: 0). */
  static Optional<Duration> retryAfter(Map<String, List<String>> headers, Instant now) {
    Optional<String> millis = Headers.first(headers, "retry-after-ms");
    if (millis.isPresent()) {
      try {
        return Optional.of(seconds(Math.max(0, Double.parseDouble(millis.get().trim()) / 1000)));
      } catch (NumberFormatException e) {
        // not a number: Retry-After decides
      }
    }
    String value = Headers.first(headers, "retry-after").map(String::trim).orElse("");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(seconds(Math.max(0, Double.parseDouble(value))));
    } catch (NumberFormatException e) {
      // an HTTP date
    }
    try {
      Instant when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, when);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The wait until X-RateLimit-Reset: seconds from now, or an epoch second over 10^9. */
  static Optional<Duration> resetDelay(Map<String, List<String>> headers, Instant now) {
    Optional<Long> reset = Headers.longValue(headers, "x-ratelimit-reset");
    if (reset.isEmpty()) {
      return Optional.empty();
    }
    Duration wait =
        reset.get() > EPOCH_THRESHOLD
            ? Duration.between(now, Instant.ofEpochSecond(reset.get()))
            : Duration.ofSeconds(reset.get());
    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
  }

  /**
   * The wait before the next try after a status (0 for no answer, headers {@code null}): a server
   * hint up to 60 s (Retry-After, or on a 429 without one X-RateLimit-Reset), else min(maxDelay,
   * baseDelay * 2^retriesDone) (the base delay without exponential backoff) times a jitter factor
   * in [0.75, 1].
   */
  static Duration delay(
      ClientCore core,
      int retriesDone,
      int status,
      Map<String, List<String>> headers,
      Instant now,
      double jitter) {
    if (headers != null) {
      Optional<Duration> hinted = retryAfter(headers, now);
      if (hinted.isEmpty() && status == 429) {
        hinted = resetDelay(headers, now);
      }
      if (hinted.isPresent() && hinted.get().compareTo(MAX_RETRY_AFTER) <= 0) {
        return hinted.get();
      }
    }
    double growth = core.exponentialBackoff ? Math.pow(2, Math.min(retriesDone, 62)) : 1;
    double backoff = Math.min(toSeconds(core.maxDelay), toSeconds(core.baseDelay) * growth);
    return seconds(Math.max(0, backoff * (1 - 0.25 * jitter)));
  }

  /** The wait before trying again after error, or {@code null} to give up (limit retries done). */
  static Duration after(ClientCore core, Throwable error, int retriesDone, int limit) {
    if (retriesDone >= Math.max(0, limit)) {
      return null;
    }
    if (error instanceof ApiStatusException status && status.statusCode() != 0) {
      if (!RetryPolicy.shouldRetry(status.statusCode(), status.headers())) {
        return null;
      }
      return delay(
          core,
          retriesDone,
          status.statusCode(),
          status.headers(),
          core.clock.instant(),
          core.jitter.getAsDouble());
    }
    if (error instanceof ApiConnectionException) {
      return delay(core, retriesDone, 0, null, core.clock.instant(), core.jitter.getAsDouble());
    }
    return null;
  }

  private static double toSeconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos((long) (s * 1e9));
  }
}
