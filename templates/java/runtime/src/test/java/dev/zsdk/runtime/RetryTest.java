package dev.zsdk.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The retry table, the server's hints and the backoff. */
class RetryTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static Map<String, List<String>> headers(String... pairs) {
    var map = Headers.create();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], List.of(pairs[i + 1]));
    }
    return map;
  }

  private static ClientCore core(RetryConfig config) {
    return Fixtures.core("http://x", new Fixtures.Waits()).retryConfig(config).build();
  }

  @Test
  void retryTable() {
    for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
      assertTrue(RetryPolicy.shouldRetry(status, headers()), "status " + status);
    }
    for (int status : new int[] {400, 401, 403, 404, 409, 422, 501}) {
      assertFalse(RetryPolicy.shouldRetry(status, headers()), "status " + status);
    }
    assertTrue(RetryPolicy.shouldRetry(409, headers("x-should-retry", "true")));
    assertFalse(RetryPolicy.shouldRetry(400, headers("x-should-retry", "true")));
    assertFalse(RetryPolicy.shouldRetry(503, headers("X-Should-Retry", "false")));
  }

  @Test
  void retryAfter() {
    assertEquals(
        Optional.of(Duration.ofSeconds(2)),
        RetryPolicy.retryAfter(headers("Retry-After", "2"), NOW));
    assertEquals(
        Optional.of(Duration.ofMillis(1500)),
        RetryPolicy.retryAfter(headers("retry-after-ms", "1500", "Retry-After", "9"), NOW));
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(30).atZone(ZoneOffset.UTC));
    assertEquals(
        Optional.of(Duration.ofSeconds(30)),
        RetryPolicy.retryAfter(headers("Retry-After", date), NOW));
    String past =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(30).atZone(ZoneOffset.UTC));
    assertEquals(
        Optional.of(Duration.ZERO), RetryPolicy.retryAfter(headers("Retry-After", past), NOW));
    assertEquals(Optional.empty(), RetryPolicy.retryAfter(headers("Retry-After", "soon"), NOW));
    assertEquals(Optional.empty(), RetryPolicy.retryAfter(headers(), NOW));
  }

  @Test
  void rateLimitReset() {
    assertEquals(
        Optional.of(Duration.ofSeconds(5)),
        RetryPolicy.resetDelay(headers("X-RateLimit-Reset", "5"), NOW));
    long epoch = NOW.getEpochSecond() + 7;
    assertEquals(
        Optional.of(Duration.ofSeconds(7)),
        RetryPolicy.resetDelay(headers("X-RateLimit-Reset", Long.toString(epoch)), NOW));
    assertEquals(
        Optional.of(Duration.ZERO),
        RetryPolicy.resetDelay(headers("X-RateLimit-Reset", Long.toString(epoch - 100)), NOW));
  }

  @Test
  void backoff() {
    ClientCore core = core(RetryConfig.builder().build());
    assertEquals(Duration.ofMillis(500), RetryPolicy.delay(core, 0, 0, null, NOW, 0));
    assertEquals(Duration.ofMillis(1000), RetryPolicy.delay(core, 1, 500, headers(), NOW, 0));
    assertEquals(Duration.ofMillis(375), RetryPolicy.delay(core, 0, 0, null, NOW, 1));
    assertEquals(Duration.ofSeconds(8), RetryPolicy.delay(core, 10, 0, null, NOW, 0));
    ClientCore constant =
        core(
            RetryConfig.builder()
                .baseDelay(Duration.ofSeconds(1))
                .maxDelay(Duration.ofMillis(700))
                .exponentialBackoff(false)
                .build());
    assertEquals(Duration.ofMillis(700), RetryPolicy.delay(constant, 3, 0, null, NOW, 0));
  }

  @Test
  void hintsWinUpToSixtySeconds() {
    ClientCore core = core(RetryConfig.builder().build());
    assertEquals(
        Duration.ofSeconds(3),
        RetryPolicy.delay(core, 0, 503, headers("Retry-After", "3"), NOW, 0));
    assertEquals(
        Duration.ofSeconds(4),
        RetryPolicy.delay(core, 0, 429, headers("X-RateLimit-Reset", "4"), NOW, 0));
    assertEquals(
        Duration.ofMillis(500),
        RetryPolicy.delay(core, 0, 503, headers("X-RateLimit-Reset", "4"), NOW, 0),
        "Reset only counts on a 429");
    assertEquals(
        Duration.ofSeconds(2),
        RetryPolicy.delay(
            core, 0, 429, headers("Retry-After", "2", "X-RateLimit-Reset", "9"), NOW, 0),
        "Retry-After wins");
    assertEquals(
        Duration.ofMillis(500),
        RetryPolicy.delay(core, 0, 429, headers("X-RateLimit-Reset", "61"), NOW, 0),
        "over the ceiling the hint is ignored");
  }

  @Test
  void maxRetriesPrecedence() {
    ClientCore fromConfig =
        Fixtures.core("http://x", new Fixtures.Waits())
            .retryConfig(RetryConfig.builder().maxRetries(5).build())
            .build();
    assertEquals(5, fromConfig.maxRetries);
    ClientCore explicit =
        Fixtures.core("http://x", new Fixtures.Waits())
            .maxRetries(1)
            .retryConfig(RetryConfig.builder().maxRetries(5).build())
            .build();
    assertEquals(1, explicit.maxRetries);
    assertEquals(2, Fixtures.core("http://x", new Fixtures.Waits()).build().maxRetries);
  }
}
