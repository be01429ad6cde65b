package dev.zsdk.runtime;

import static dev.zsdk.runtime.Fixtures.wire;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bodies, per-call options and the headers a request sends. */
class RequestBodiesTest {
  @Test
  void binaryAndTextBodies(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pic.png");
    Files.write(file, new byte[] {9, 8});
    HttpRequestData fromPath = wire(new ApiRequest("PUT", "/f").binaryBody(file, "image/png"));
    assertArrayEquals(new byte[] {9, 8}, fromPath.body());
    assertEquals("image/png", fromPath.header("Content-Type").orElseThrow());
    FileUpload upload = FileUpload.of(file);
    assertEquals("pic.png", upload.filename());
    HttpRequestData fromUpload =
        wire(new ApiRequest("PUT", "/f").binaryBody(upload.withContentType("image/x"), null));
    assertEquals("image/x", fromUpload.header("Content-Type").orElseThrow());
    HttpRequestData fromStream =
        wire(
            new ApiRequest("PUT", "/f").binaryBody(new ByteArrayInputStream(new byte[] {1}), null));
    assertEquals("application/octet-stream", fromStream.header("Content-Type").orElseThrow());
    HttpRequestData text = wire(new ApiRequest("POST", "/t").textBody("é", "text/csv"));
    assertEquals("é", new String(text.body(), StandardCharsets.UTF_8));
    assertEquals("text/csv", text.header("Content-Type").orElseThrow());
    assertThrows(
        IllegalArgumentException.class, () -> new ApiRequest("PUT", "/f").binaryBody(42, null));
  }

  @Test
  void jsonBodyAndContentParameters() {
    HttpRequestData sent =
        wire(
            new ApiRequest("POST", "/w")
                .jsonBody(Map.of("name", "x"))
                .header(
                    "X-Filter",
                    Map.of("a", 1),
                    Encoding.of("simple").contentType("application/json")));
    assertEquals("{\"name\":\"x\"}", new String(sent.body(), StandardCharsets.UTF_8));
    assertEquals("application/json", sent.header("Content-Type").orElseThrow());
    assertEquals("{\"a\":1}", sent.header("X-Filter").orElseThrow());
  }

  @Test
  void optionsOverrideHeadersAndKeys() {
    ApiRequest r =
        new ApiRequest("POST", "/w").header("X-Mode", "a", null).idempotent().accept("text/csv");
    HttpRequestData plain = wire(r);
    HttpRequestData again = wire(r);
    assertNotEquals(
        plain.header("Idempotency-Key").orElseThrow(),
        again.header("Idempotency-Key").orElseThrow());
    assertEquals("text/csv", plain.header("Accept").orElseThrow());
    HttpRequestData given =
        wire(
            r,
            RequestOptions.builder()
                .idempotencyKey("key-1")
                .header("X-Mode", "b")
                .timeout(Duration.ofSeconds(3))
                .build());
    assertEquals("key-1", given.header("Idempotency-Key").orElseThrow());
    assertEquals("b", given.header("X-Mode").orElseThrow());
    assertEquals(Duration.ofSeconds(3), given.timeout());
    assertEquals(List.of("b"), given.headers().get("x-mode"));
  }
}
