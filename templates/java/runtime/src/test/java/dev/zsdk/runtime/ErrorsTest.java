package dev.zsdk.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Error bodies read as Go and Python read them, and the class of each status. */
class ErrorsTest {
  private static ApiStatusException error(int status, String body) {
    return ErrorBodies.statusError(
        status, Map.of("x-request-id", List.of("req_1")), body.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertRead(String body, String message, String code) {
    ApiStatusException e = error(400, body);
    assertEquals(message, e.getMessage(), body);
    assertEquals(Optional.ofNullable(code), e.code(), body);
  }

  @Test
  void envelopes() {
    assertRead("{\"error\":{\"message\":\"bad\",\"code\":\"E1\"}}", "bad", "E1");
    assertRead("{\"error\":{\"message\":\"bad\",\"type\":\"invalid\"}}", "bad", "invalid");
    assertRead("{\"success\":false,\"error\":{\"code\":42}}", "Error code: 400", "42");
    assertRead(
        "{\"error\":\"invalid_grant\",\"error_description\":\"expired\"}",
        "expired",
        "invalid_grant");
    assertRead("{\"error\":\"boom\",\"code\":\"C\"}", "boom", "C");
    assertRead(
        "{\"errors\":[{\"code\":\"E2\",\"message\":\"one\"},{\"message\":\"two\",\"code\":\"E3\"}]}",
        "one; two",
        "E2");
    assertRead("{\"errors\":[\"a\",\"b\"]}", "a; b", null);
    assertRead("{\"message\":\"m\",\"code\":7}", "m", "7");
    assertRead("{\"message\":\"m\",\"code\":1.5}", "m", null);
    assertRead("{\"detail\":\"d\"}", "d", null);
    assertRead("{\"detail\":[{\"msg\":\"x\"},{\"msg\":\"y\"}]}", "x; y", null);
    assertRead("{\"title\":\"t\"}", "t", null);
    assertRead("not json", "Error code: 400", null);
    assertRead("", "Error code: 400", null);
  }

  @Test
  void field() {
    assertEquals(
        Optional.of("email"),
        error(422, "{\"errors\":[{\"code\":\"c\",\"message\":\"m\",\"field\":\"email\"}]}")
            .field());
    assertEquals(
        Optional.of("name"),
        error(400, "{\"error\":{\"message\":\"m\",\"field\":\"name\"}}").field());
    assertEquals(Optional.empty(), error(400, "{\"error\":{\"message\":\"m\"}}").field());
  }

  @Test
  void classes() {
    assertInstanceOf(BadRequestException.class, error(400, "{}"));
    assertInstanceOf(AuthenticationException.class, error(401, "{}"));
    assertInstanceOf(PermissionDeniedException.class, error(403, "{}"));
    assertInstanceOf(NotFoundException.class, error(404, "{}"));
    assertInstanceOf(ConflictException.class, error(409, "{}"));
    assertInstanceOf(UnprocessableEntityException.class, error(422, "{}"));
    assertInstanceOf(RateLimitException.class, error(429, "{}"));
    assertInstanceOf(InternalServerException.class, error(500, "{}"));
    assertInstanceOf(InternalServerException.class, error(503, "{}"));
    ApiStatusException teapot = error(418, "{}");
    assertEquals(ApiStatusException.class, teapot.getClass());
    assertEquals(418, teapot.statusCode());
    assertEquals(Optional.of("req_1"), teapot.requestId());
    assertTrue(teapot instanceof ApiException);
  }

  @Test
  void text() {
    assertEquals(
        "414 Request URI Too Long: too long", error(414, "{\"message\":\"too long\"}").toString());
    assertEquals("418 I'm a teapot", error(418, "").toString());
    assertEquals(
        "499: went away", error(499, "{\"error\":{\"message\":\"went away\"}}").toString());
    assertEquals("404 Not Found", error(404, "upstream exploded").toString());
  }

  @Test
  void rateLimit() {
    var headers = Headers.create();
    headers.put("X-RateLimit-Limit", List.of("100"));
    headers.put("X-RateLimit-Remaining", List.of("soon"));
    headers.put("X-RateLimit-Reset", List.of("1700000000"));
    RateLimit limit = RateLimit.from(headers).orElseThrow();
    assertEquals(Optional.of(100L), limit.limit());
    assertEquals(Optional.empty(), limit.remaining());
    assertEquals(Optional.of(1700000000L), limit.reset());
    assertEquals(Optional.empty(), RateLimit.from(Map.of()));
    ApiStatusException e =
        ErrorBodies.statusError(429, headers, "{}".getBytes(StandardCharsets.UTF_8));
    assertEquals(Optional.of(limit), e.rateLimit());
  }
}
