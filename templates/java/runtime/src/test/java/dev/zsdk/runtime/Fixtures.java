package dev.zsdk.runtime;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Values and clients the tests share. */
final class Fixtures {
  private Fixtures() {}

  /** The object of docs/serialization.md's tables, its fields in declaration order. */
  static final class Rgb {
    @JsonProperty("R")
    final int r;

    @JsonProperty("G")
    final int g;

    @JsonProperty("B")
    final int b;

    Rgb(int r, int g, int b) {
      this.r = r;
      this.g = g;
      this.b = b;
    }
  }

  static final String SCALAR = "blue";
  static final List<String> ARRAY = List.of("blue", "black", "brown");
  static final Rgb COLOR = new Rgb(100, 200, 150);

  /** The waits a client scheduled between tries (it does not really wait). */
  static final class Waits {
    final List<Duration> delays = new ArrayList<>();

    synchronized CompletableFuture<Void> sleep(Duration d) {
      delays.add(d);
      return CompletableFuture.completedFuture(null);
    }
  }

  static ClientDefaults defaults(String baseUrl) {
    return ClientDefaults.builder()
        .baseUrl(baseUrl)
        .baseDelay(Duration.ofMillis(500))
        .maxDelay(Duration.ofSeconds(8))
        .timeout(Duration.ofSeconds(10))
        .userAgent("zsdk-test/1.0 java")
        .build();
  }

  /** A core for base URL whose retries do not wait (the waits are recorded) and jitter is 0. */
  static ClientCore.Builder core(String baseUrl, Waits waits) {
    return ClientCore.builder(defaults(baseUrl)).sleeper(waits::sleep).jitter(() -> 0.0);
  }

  /** What a request puts on the wire, without sending it. */
  static HttpRequestData wire(ApiRequest r) {
    return wire(r, RequestOptions.none());
  }

  static HttpRequestData wire(ApiRequest r, RequestOptions options) {
    ClientCore core = core("http://api.test/v1", new Waits()).build();
    return Prepared.of(core, r, options, false).build();
  }
}
