package dev.zsdk.runtime;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The default transport: {@link HttpClient} of {@code java.net.http}. */
public final class JdkHttpTransport implements HttpTransport {
  /** Headers {@link HttpRequest} refuses to be given; the client writes them itself. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final HttpClient client;

  /** A transport over a new HTTP/1.1 client that follows redirects (but not from HTTPS to HTTP). */
  public JdkHttpTransport() {
    this(
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build());
  }

  /**
   * A transport over a client of your own (proxy, TLS, executor).
   *
   * @param client the client
   */
  public JdkHttpTransport(HttpClient client) {
    this.client = client;
  }

  @Override
  public CompletableFuture<HttpResponseData> send(HttpRequestData request) {
    byte[] body = request.body();
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .method(
                request.method(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (request.timeout() != null) {
      builder.timeout(request.timeout());
    }
    for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
      if (!RESTRICTED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        for (String value : header.getValue()) {
          builder.header(header.getKey(), value);
        }
      }
    }
    HttpRequest built = builder.build();
    if (request.streamed()) {
      return client
          .sendAsync(built, HttpResponse.BodyHandlers.ofInputStream())
          .thenApply(r -> new HttpResponseData(r.statusCode(), r.headers().map(), r.body()));
    }
    return client
        .sendAsync(built, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(
            r ->
                new HttpResponseData(
                    r.statusCode(),
                    r.headers().map(),
                    (InputStream) new ByteArrayInputStream(r.body())));
  }
}
