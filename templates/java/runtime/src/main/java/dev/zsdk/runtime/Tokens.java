package dev.zsdk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Reading tokens' expiries from token responses. */
final class Tokens {
  private Tokens() {}

  /** now + the lifetime (seconds, a number or numeric text) at path, or {@code null}. */
  static Instant expiry(JsonNode body, List<String> path, Instant now) {
    JsonNode value = JsonPath.field(body, path);
    double seconds;
    if (value == null) {
      return null;
    } else if (value.isNumber()) {
      seconds = value.doubleValue();
    } else if (value.isTextual()) {
      try {
        seconds = Double.parseDouble(value.textValue().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    } else {
      return null;
    }
    return now.plus(Duration.ofNanos((long) (seconds * 1e9)));
  }

  /** Whether a token expiring at expiresAt ({@code null}: not known) needs refreshing now. */
  static boolean stale(Instant expiresAt, Instant now, Duration buffer) {
    return expiresAt != null && !now.isBefore(expiresAt.minus(buffer));
  }
}
