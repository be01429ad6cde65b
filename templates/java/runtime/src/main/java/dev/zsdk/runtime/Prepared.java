package dev.zsdk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;

/** A call ready to be sent any number of times: everything but the credentials of each try. */
final class Prepared {
  final String method;
  final String url;
  final QueryParams query;
  final TreeMap<String, List<String>> headers;
  final List<String[]> overrides;
  final List<String> cookies;
  final byte[] body;
  final List<AuthProvider> providers;
  final Duration timeout;
  final int maxRetries;
  final boolean streamed;

  private Prepared(Builder b) {
    this.method = b.method;
    this.url = b.url;
    this.query = b.query;
    this.headers = b.headers;
    this.overrides = b.overrides;
    this.cookies = b.cookies;
    this.body = b.body;
    this.providers = b.providers;
    this.timeout = b.timeout;
    this.maxRetries = b.maxRetries;
    this.streamed = b.streamed;
  }

  /** This call's request for one try, with its credentials applied. */
  HttpRequestData build() {
    AttemptRequest attempt = new AttemptRequest(Headers.mutable(headers));
    for (AuthProvider provider : providers) {
      provider.apply(attempt);
    }
    for (String[] header : overrides) {
      attempt.setHeader(header[0], header[1]);
    }
    List<String> cookieList = new ArrayList<>(cookies);
    cookieList.addAll(attempt.cookies);
    if (!cookieList.isEmpty()) {
      String existing = Headers.first(attempt.headers, "Cookie").orElse("");
      String joined = String.join("; ", cookieList);
      attempt.setHeader("Cookie", existing.isEmpty() ? joined : existing + "; " + joined);
    }
    String queryText = query.encode();
    for (String pair : attempt.query) {
      queryText = queryText.isEmpty() ? pair : queryText + "&" + pair;
    }
    URI uri = URI.create(queryText.isEmpty() ? url : url + "?" + queryText);
    return new HttpRequestData(method, uri, attempt.headers, body, timeout, streamed);
  }

  /** Turns an {@link ApiRequest} into a prepared call. */
  static Prepared of(ClientCore core, ApiRequest r, RequestOptions options, boolean streamed) {
    Builder b = new Builder();
    b.method = r.method.toUpperCase(Locale.ROOT);
    b.streamed = streamed;
    QueryParams query;
    if (r.url != null) {
      String target = r.url.split("#", 2)[0];
      int question = target.indexOf('?');
      b.url = question < 0 ? target : target.substring(0, question);
      query = QueryParams.parse(question < 0 ? "" : target.substring(question + 1));
    } else {
      String path = formatPath(r);
      int question = path.indexOf('?');
      String written = question < 0 ? "" : path.substring(question + 1);
      b.url = joinUrl(core.baseUrl, question < 0 ? path : path.substring(0, question));
      query = QueryParams.parse(written);
    }
    query = query.with(r.query);
    if (r.url == null) {
      query = query.with(QueryParams.extra(options.query()));
    }
    b.query = query;
    b.headers = Headers.create();
    if (!core.userAgent.isEmpty()) {
      b.headers.put("User-Agent", List.of(core.userAgent));
    }
    b.headers.put("Accept", List.of(r.accept != null ? r.accept : "application/json"));
    for (ApiRequest.Param header : r.headers) {
      String text = headerText(header);
      if (text != null) {
        b.headers.put(header.name(), List.of(text));
      }
    }
    if (r.idempotent && !b.headers.containsKey(ClientCore.IDEMPOTENCY_HEADER)) {
      b.headers.put(ClientCore.IDEMPOTENCY_HEADER, List.of(UUID.randomUUID().toString()));
    }
    b.overrides = new ArrayList<>(core.defaultHeaders);
    b.overrides.addAll(options.headers());
    options
        .idempotencyKey()
        .ifPresent(key -> b.overrides.add(new String[] {ClientCore.IDEMPOTENCY_HEADER, key}));
    b.cookies = new ArrayList<>();
    for (ApiRequest.Param cookie : r.cookies) {
      JsonNode value = Wire.paramValue(cookie.value(), cookie.enc());
      if (value != null) {
        List<String[]> pairs = WireSyntax.URL.pairs(cookie.name(), value, cookie.enc());
        if (!pairs.isEmpty()) {
          b.cookies.add(WireSyntax.join(pairs, "; "));
        }
      }
    }
    encodeBody(r, b);
    b.providers = core.select(r.security);
    b.timeout = options.timeout().orElse(core.timeout);
    b.maxRetries = options.maxRetries().orElse(core.maxRetries);
    return new Prepared(b);
  }

  private static void encodeBody(ApiRequest r, Builder b) {
    if (!r.parts.isEmpty()) {
      String boundary = "zsdk-" + UUID.randomUUID().toString().replace("-", "");
      b.body = Multipart.encode(r.parts, r.encodings, boundary);
      b.headers.put("Content-Type", List.of(Multipart.contentType(boundary)));
    } else if (r.hasForm) {
      String text = FormBody.encode(r.formBody, r.encodings);
      if (text != null) {
        b.body = text.getBytes(StandardCharsets.UTF_8);
        b.headers.put("Content-Type", List.of("application/x-www-form-urlencoded"));
      }
    } else if (r.content != null) {
      b.body = r.content;
      b.headers.put("Content-Type", List.of(r.contentType));
    } else if (r.hasJson && r.jsonBody != null) {
      b.body = Json.write(r.jsonBody).getBytes(StandardCharsets.UTF_8);
      b.headers.put("Content-Type", List.of("application/json"));
    }
  }

  /** A header parameter's text, or {@code null} when nothing is sent (an empty string is sent). */
  private static String headerText(ApiRequest.Param p) {
    JsonNode value = Wire.paramValue(p.value(), p.enc());
    if (value == null) {
      return null;
    }
    String text = WireSyntax.PLAIN.simpleText(p.name(), value, p.enc());
    boolean emptyString = value.isTextual() && value.textValue().isEmpty();
    return !text.isEmpty() || emptyString ? text : null;
  }

  private static String formatPath(ApiRequest r) {
    String path = r.pathTemplate;
    for (ApiRequest.Param p : r.pathParams) {
      JsonNode value = Wire.paramValue(p.value(), p.enc());
      path =
          path.replace("{" + p.name() + "}", WireSyntax.URL.simpleText(p.name(), value, p.enc()));
    }
    return path;
  }

  /** base + path with exactly one slash between them. */
  static String joinUrl(String base, String path) {
    if (path.isEmpty()) {
      return base;
    }
    String left = base.replaceAll("/+$", "");
    String right = path.replaceAll("^/+", "");
    return left + "/" + right;
  }

  /** The prepared call's parts while they are made. */
  private static final class Builder {
    String method;
    String url;
    QueryParams query;
    TreeMap<String, List<String>> headers;
    List<String[]> overrides;
    List<String> cookies;
    byte[] body;
    List<AuthProvider> providers;
    Duration timeout;
    int maxRetries;
    boolean streamed;
  }
}
