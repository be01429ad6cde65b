package dev.zsdk.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A response's {@code X-RateLimit-Limit}, {@code -Remaining} and {@code -Reset} headers, each empty
 * when absent or not a whole number. {@code reset} is as the server sent it (seconds from now, or
 * an epoch second when larger than 10^9).
 *
 * @param limit the request limit
 * @param remaining the requests left
 * @param reset when the limit resets
 */
public record RateLimit(Optional<Long> limit, Optional<Long> remaining, Optional<Long> reset) {

  /**
   * The rate limit of a response's headers.
   *
   * @param headers the headers (case-insensitive keys)
   * @return the rate limit, empty without any of its headers
   */
  public static Optional<RateLimit> from(Map<String, List<String>> headers) {
    RateLimit limit =
        new RateLimit(
            Headers.longValue(headers, "x-ratelimit-limit"),
            Headers.longValue(headers, "x-ratelimit-remaining"),
            Headers.longValue(headers, "x-ratelimit-reset"));
    return limit.limit.isEmpty() && limit.remaining.isEmpty() && limit.reset.isEmpty()
        ? Optional.empty()
        : Optional.of(limit);
  }
}
