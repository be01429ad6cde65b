import com.conformance.ConformanceClient;
import com.conformance.ConformanceClientAsync;
import com.conformance.core.ApiConnectionException;
import com.conformance.core.ApiException;
import com.conformance.core.ApiResponseValidationException;
import com.conformance.core.ApiStatusException;
import com.conformance.core.ApiTimeoutException;
import com.conformance.core.AuthConfig;
import com.conformance.core.AuthenticationException;
import com.conformance.core.AuthorizationRequest;
import com.conformance.core.BadRequestException;
import com.conformance.core.BinaryResponse;
import com.conformance.core.ConflictException;
import com.conformance.core.EventStream;
import com.conformance.core.FileUpload;
import com.conformance.core.HttpRequestData;
import com.conformance.core.HttpResponseData;
import com.conformance.core.Interceptor;
import com.conformance.core.InternalServerException;
import com.conformance.core.Json;
import com.conformance.core.NotFoundException;
import com.conformance.core.Nullable;
import com.conformance.core.OAuth;
import com.conformance.core.OAuthTokens;
import com.conformance.core.Page;
import com.conformance.core.PermissionDeniedException;
import com.conformance.core.RateLimit;
import com.conformance.core.RateLimitException;
import com.conformance.core.RawResponse;
import com.conformance.core.RequestOptions;
import com.conformance.core.RetryConfig;
import com.conformance.core.UnprocessableEntityException;
import com.conformance.models.Event;
import com.conformance.models.Gadget;
import com.conformance.models.RecordModel;
import com.conformance.models.Rgb;
import com.conformance.models.Widget;
import com.conformance.services.FilesUploadParams;
import com.conformance.services.RecordsListAfterParams;
import com.conformance.services.RecordsListByKeyParams;
import com.conformance.services.RecordsListByLinkParams;
import com.conformance.services.RecordsListByOffsetParams;
import com.conformance.services.RecordsListByPageParams;
import com.conformance.services.RecordsSearchParams;
import com.conformance.services.WidgetsListParams;
import com.conformance.services.WireCookiesParams;
import com.conformance.services.WireFlaggedParams;
import com.conformance.services.WireHeadersParams;
import com.conformance.services.WireMultipartParams;
import com.conformance.services.WireQueryParams;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Java conformance driver: every scenario through the generated conformance SDK, one JSON line
 * each.
 *
 * <pre>
 * java Driver [--mode default|async] --server URL --scenarios FILE
 * </pre>
 *
 * <p>The build step (tests/conformance/java/build.py) compiles this file with the generated SDK.
 * Scenario steps name calls as {@code resource.method} with wire-name arguments; here they become
 * SDK calls (in the async mode through {@code client.async()}, each future joined), and what the
 * SDK returned or failed with is printed the way the Python driver prints it.
 */
public final class Driver {
  private static final ObjectMapper OUT = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** How long a cancelled call may take to end. */
  private static final Duration CANCEL_GRACE = Duration.ofMillis(500);

  /** The refresh token of every set the client's token hook heard of, this scenario. */
  private static final List<String> SAVED_TOKENS = new CopyOnWriteArrayList<>();

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "driver-timer");
            thread.setDaemon(true);
            return thread;
          });

  private final ConformanceClient client;
  private final ConformanceClientAsync asyncClient; // null in the default (blocking) mode
  private final JsonNode step;

  private Driver(ConformanceClient client, boolean async, JsonNode step) {
    this.client = client;
    this.asyncClient = async ? client.async() : null;
    this.step = step;
  }

  /**
   * A call the driver cancelled (the async mode's future cancelled, or the blocking call
   * interrupted).
   */
  private static final class Cancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Runs every scenario of the file against the server.
   *
   * @param args {@code --mode MODE --server URL --scenarios FILE}
   * @throws Exception when the scenarios cannot be read or the server cannot be reached
   */
  public static void main(String[] args) throws Exception {
    String server = null;
    String file = null;
    boolean async = false;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--server" -> server = args[i + 1];
        case "--scenarios" -> file = args[i + 1];
        case "--mode" -> async = args[i + 1].equals("async");
        default -> fail("unknown argument " + args[i]);
      }
    }
    if (server == null || file == null) {
      fail("usage: Driver [--mode default|async] --server URL --scenarios FILE");
    }
    if (System.getenv("CONFORMANCE_API_KEY") == null) {
      fail("CONFORMANCE_API_KEY is not set (the harness sets it)");
    }
    JsonNode scenarios = OUT.readTree(Files.readString(Path.of(file), StandardCharsets.UTF_8));
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    HttpClient http = HttpClient.newHttpClient();
    for (JsonNode scenario : scenarios) {
      begin(http, server, scenario.path("id").asText());
      out.println(OUT.writeValueAsString(run(scenario, server, async)));
    }
    out.flush();
    System.exit(0);
  }

  private static void fail(String message) {
    System.err.println(message);
    System.exit(1);
  }

  private static void begin(HttpClient http, String server, String id)
      throws IOException, InterruptedException {
    SAVED_TOKENS.clear();
    String url =
        server + "/_conformance/begin?scenario=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    HttpResponse<Void> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() / 100 != 2) {
      fail("beginning " + id + ": " + response.statusCode());
    }
  }

  // ---------------------------------------------------------------------------------- arguments

  private static String text(JsonNode object, String name) {
    JsonNode value = object.get(name);
    return value == null || value.isNull() ? "" : value.asText();
  }

  private static Duration seconds(JsonNode value) {
    return Duration.ofNanos(Math.round(value.asDouble() * 1e9));
  }

  /** {@code node} as a {@code T}, the type the SDK's parameter asks for. */
  private static <T> T as(JsonNode node, TypeReference<T> type) {
    return Json.mapper().convertValue(node, type);
  }

  /** Gives {@code args[name]} to {@code set} when the step gives it. */
  private static void given(JsonNode args, String name, Consumer<JsonNode> set) {
    if (args.has(name)) {
      set.accept(args.get(name));
    }
  }

  private static FileUpload upload(JsonNode args) {
    JsonNode spec = args.path("file");
    return FileUpload.of(
            text(spec, "text").getBytes(StandardCharsets.UTF_8), text(spec, "filename"))
        .withContentType(text(spec, "content_type"));
  }

  // ---------------------------------------------------------------------------------- the client

  /** The request hook adds {@code X-Hook: on}; the response hook records every status. */
  private record Recorder(List<Integer> statuses) implements Interceptor {
    @Override
    public HttpRequestData onRequest(HttpRequestData request) {
      return request.withHeader("X-Hook", "on");
    }

    @Override
    public HttpResponseData onResponse(HttpRequestData request, HttpResponseData response) {
      statuses.add(response.statusCode());
      return response;
    }
  }

  private static ConformanceClient client(JsonNode spec, String server, List<Integer> hooks) {
    ConformanceClient.Builder builder = ConformanceClient.builder();
    if (!text(spec, "credentials").equals("env")) {
      builder =
          builder
              .apiKey("test-key")
              .apiKeyQuery("query-key")
              .bearerAuthToken("bearer-token")
              .username("user")
              .password("pass")
              .clientId("client-id")
              .clientSecret("client-secret");
    }
    if (spec.has("region")) {
      String address = server.substring("http://".length());
      int colon = address.indexOf(':');
      builder =
          builder
              .host(address.substring(0, colon))
              .port(address.substring(colon + 1))
              .region(text(spec, "region"));
    }
    if (!spec.has("region") || text(spec, "base_url").equals("given")) {
      builder = builder.baseUrl(server + "/us");
    }
    if (spec.has("max_retries")) {
      builder = builder.maxRetries(spec.get("max_retries").asInt());
    }
    if (spec.has("timeout")) {
      builder = builder.timeout(seconds(spec.get("timeout")));
    }
    if (spec.has("retry_config")) { // the scenarios give every field
      JsonNode config = spec.get("retry_config");
      builder =
          builder.retryConfig(
              RetryConfig.builder()
                  .maxRetries(config.get("max_retries").asInt())
                  .baseDelay(seconds(config.get("base_delay")))
                  .maxDelay(seconds(config.get("max_delay")))
                  .exponentialBackoff(config.get("exponential_backoff").asBoolean())
                  .build());
    }
    if (spec.has("auth_config")) {
      JsonNode config = spec.get("auth_config");
      AuthConfig.Builder auth = AuthConfig.builder();
      given(config, "refresh_buffer_seconds", value -> auth.refreshBuffer(seconds(value)));
      given(config, "max_refresh_retries", value -> auth.maxRefreshRetries(value.asInt()));
      builder = builder.authConfig(auth.build());
    }
    for (Map.Entry<String, JsonNode> header : spec.path("default_headers").properties()) {
      builder = builder.defaultHeader(header.getKey(), header.getValue().asText());
    }
    if (spec.has("oauth_tokens")) {
      JsonNode stored = spec.get("oauth_tokens");
      Instant expiresAt = Instant.now().plus(seconds(stored.get("expires_in")));
      builder =
          builder.oauthTokens(
              OAuthTokens.of(
                  text(stored, "access_token"), text(stored, "refresh_token"), expiresAt));
    }
    if (spec.path("hooks").asBoolean()) {
      builder = builder.interceptor(new Recorder(hooks));
    }
    ConformanceClient client = builder.build();
    client.oauth().onTokens(tokens -> SAVED_TOKENS.add(tokens.refreshToken()));
    return client;
  }

  /**
   * The step's per-call options (extra query parameters in name order: a JSON object's is lost).
   */
  private RequestOptions options() {
    JsonNode options = step.get("options");
    if (options == null) {
      return RequestOptions.none();
    }
    RequestOptions.Builder builder = RequestOptions.builder();
    for (Map.Entry<String, JsonNode> option : options.properties()) {
      JsonNode value = option.getValue();
      switch (option.getKey()) {
        case "max_retries" -> builder = builder.maxRetries(value.asInt());
        case "timeout" -> builder = builder.timeout(seconds(value));
        case "idempotency_key" -> builder = builder.idempotencyKey(value.asText());
        case "headers" -> {
          for (Map.Entry<String, JsonNode> header : value.properties()) {
            builder = builder.header(header.getKey(), header.getValue().asText());
          }
        }
        case "query" -> {
          Map<String, String> query = new TreeMap<>();
          value.properties().forEach(e -> query.put(e.getKey(), e.getValue().asText()));
          for (Map.Entry<String, String> entry : query.entrySet()) {
            builder = builder.query(entry.getKey(), entry.getValue());
          }
        }
        default -> throw new IllegalStateException("unknown call option " + option.getKey());
      }
    }
    return builder.build();
  }

  // ---------------------------------------------------------------------------------- scenarios

  private static ObjectNode run(JsonNode scenario, String server, boolean async) {
    List<Integer> hooks = new CopyOnWriteArrayList<>();
    JsonNode spec = scenario.path("client");
    ArrayNode observed = NODES.arrayNode();
    ConformanceClient client = null;
    ObjectNode refused = null;
    try {
      client = client(spec, server, hooks);
    } catch (IllegalArgumentException | NullPointerException e) { // every step sees why
      refused = NODES.objectNode().set("error", errorObservation(e));
    }
    for (JsonNode step : scenario.path("steps")) {
      if (refused != null) {
        observed.add(refused.deepCopy());
        continue;
      }
      observed.add(new Driver(client, async, step).observe());
    }
    ObjectNode out = NODES.objectNode();
    out.set("scenario", scenario.get("id"));
    out.set("steps", observed);
    if (spec.path("hooks").asBoolean()) {
      ArrayNode statuses = out.putArray("hooks");
      hooks.forEach(statuses::add);
    }
    return out;
  }

  /** The step's observation: what it gave, or how it failed, or that it was cancelled. */
  private ObjectNode observe() {
    long started = System.nanoTime();
    JsonNode cancelAfter = step.get("cancel_after");
    AtomicBoolean fired = new AtomicBoolean();
    ScheduledFuture<?> interrupt = null;
    // a blocking call is cancelled by interrupting it; an async one by cancelling its future (call)
    if (cancelAfter != null && asyncClient == null) {
      Thread caller = Thread.currentThread();
      interrupt =
          TIMER.schedule(
              () -> {
                fired.set(true);
                caller.interrupt();
              },
              seconds(cancelAfter).toNanos(),
              TimeUnit.NANOSECONDS);
    }
    try {
      return runStep();
    } catch (Cancelled e) {
      return cancelled(started);
    } catch (RuntimeException e) {
      if (fired.get()) {
        return cancelled(started);
      }
      return NODES.objectNode().set("error", errorObservation(e));
    } finally {
      if (interrupt != null) {
        interrupt.cancel(false);
        Thread.interrupted(); // clears an interrupt that came too late to matter
      }
    }
  }

  /** A cancelled call: prompt when it ended within CANCEL_GRACE of the cancel. */
  private ObjectNode cancelled(long started) {
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    boolean late = took.minus(seconds(step.get("cancel_after"))).compareTo(CANCEL_GRACE) > 0;
    return NODES.objectNode().put("cancelled", late ? "late" : "prompt");
  }

  /**
   * The call's value: the blocking one's in the default mode, the async one's future joined in the
   * async mode (cancelled after the step's cancel_after).
   */
  private <T> T call(Supplier<T> blocking, Supplier<CompletableFuture<T>> async) {
    if (asyncClient == null) {
      return blocking.get();
    }
    CompletableFuture<T> future = async.get();
    JsonNode cancelAfter = step.get("cancel_after");
    try {
      if (cancelAfter == null) {
        return future.get();
      }
      return future.get(seconds(cancelAfter).toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new Cancelled();
    } catch (CancellationException e) {
      throw new Cancelled();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cancelled();
    } catch (ExecutionException e) {
      throw unwrapped(e.getCause());
    }
  }

  private static RuntimeException unwrapped(Throwable cause) {
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    return new IllegalStateException(cause);
  }

  /** A result as JSON with wire names: fields that were not sent left out, unknown fields kept. */
  private static JsonNode wire(Object value) {
    if (value == null) {
      return NullNode.getInstance();
    }
    return Json.mapper().valueToTree(value);
  }

  /** An accessor's value with any Optional or Nullable around it taken off (null for none). */
  private static Object plain(Object value) {
    if (value instanceof Optional<?> optional) {
      return plain(optional.orElse(null));
    }
    if (value instanceof Nullable<?> nullable) {
      return plain(nullable.value().orElse(null));
    }
    return value;
  }

  private static JsonNode node(Object value) {
    return OUT.valueToTree(plain(value));
  }

  private static ObjectNode errorObservation(Throwable error) {
    ObjectNode out = NODES.objectNode();
    if (error instanceof ApiStatusException api) {
      out.put("type", errorType(api));
      out.put("status", api.statusCode());
      out.put("message", api.getMessage());
      out.set("code", node(api.code()));
      out.set("request_id", node(api.requestId()));
      out.set("body", body(api.body()));
      out.put("text", api.toString());
      out.set("field", node(api.field()));
      out.set("rate_limit", rateLimit(api.rateLimit()));
      return out;
    }
    if (error instanceof ApiTimeoutException) {
      return out.put("type", "APITimeoutError");
    }
    if (error instanceof ApiConnectionException) {
      return out.put("type", "APIConnectionError");
    }
    if (error instanceof ApiResponseValidationException) {
      return out.put("type", "APIResponseValidationError");
    }
    if (error instanceof ApiException) {
      return out.put("type", "APIError").put("message", error.getMessage());
    }
    if (error instanceof IllegalArgumentException || error instanceof NullPointerException) {
      return out.put("type", "invalid_argument").put("message", error.getMessage());
    }
    return out.put("type", "JavaError").put("message", String.valueOf(error));
  }

  /** An error body as JSON, else as text (null when empty). */
  private static JsonNode body(byte[] content) {
    if (content == null || content.length == 0) {
      return NullNode.getInstance();
    }
    try {
      return OUT.readTree(content);
    } catch (IOException e) {
      return NODES.textNode(new String(content, StandardCharsets.UTF_8));
    }
  }

  /** The Python class name of an API error's status class. */
  private static String errorType(ApiStatusException error) {
    if (error instanceof BadRequestException) {
      return "BadRequestError";
    }
    if (error instanceof AuthenticationException) {
      return "AuthenticationError";
    }
    if (error instanceof PermissionDeniedException) {
      return "PermissionDeniedError";
    }
    if (error instanceof NotFoundException) {
      return "NotFoundError";
    }
    if (error instanceof ConflictException) {
      return "ConflictError";
    }
    if (error instanceof UnprocessableEntityException) {
      return "UnprocessableEntityError";
    }
    if (error instanceof RateLimitException) {
      return "RateLimitError";
    }
    if (error instanceof InternalServerException) {
      return "InternalServerError";
    }
    return "APIStatusError";
  }

  /** The observation of a response's X-RateLimit-* headers. */
  private static JsonNode rateLimit(Optional<RateLimit> given) {
    if (given.isEmpty()) {
      return NullNode.getInstance();
    }
    RateLimit limit = given.get();
    ObjectNode out = NODES.objectNode();
    out.set("limit", node(limit.limit()));
    out.set("remaining", node(limit.remaining()));
    out.set("reset", node(limit.reset()));
    return out;
  }

  // ---------------------------------------------------------------------------------- observations

  /** What a call gave: its result. */
  private static ObjectNode result(Object value) {
    return NODES.objectNode().set("result", wire(value));
  }

  /** A raw response: status, request id, result, body and rate limit. */
  private static ObjectNode raw(RawResponse<?> raw) {
    ObjectNode out = NODES.objectNode();
    out.put("status", raw.statusCode());
    out.set("request_id", node(raw.requestId()));
    out.set("result", wire(raw.value()));
    JsonNode body;
    try {
      body = OUT.readTree(raw.body());
    } catch (IOException e) {
      body = NullNode.getInstance();
    }
    out.set("body", body == null || body.isMissingNode() ? NullNode.getInstance() : body);
    out.set("rate_limit", rateLimit(raw.rateLimit()));
    return NODES.objectNode().set("raw", out);
  }

  private static <T> ObjectNode page(Page<T> page, java.util.function.Function<T, String> id) {
    ObjectNode out = NODES.objectNode();
    ArrayNode items = out.putArray("items");
    page.items().forEach(item -> items.add(id.apply(item)));
    out.put("has_next", page.hasNextPage());
    return NODES.objectNode().set("page", out);
  }

  private static <T> ObjectNode walk(Page<T> page, java.util.function.Function<T, String> id) {
    ArrayNode ids = NODES.arrayNode();
    for (T item : page.autoPager()) {
      ids.add(id.apply(item));
    }
    return NODES.objectNode().set("walk", ids);
  }

  private static ObjectNode bytes(BinaryResponse binary) {
    try (binary) {
      byte[] content = binary.bytes();
      String sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
      ObjectNode out = NODES.objectNode().put("length", content.length).put("sha256", sum);
      return NODES.objectNode().set("bytes", out);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode events(EventStream<Event> stream) {
    ArrayNode events = NODES.arrayNode();
    try (stream) {
      for (Event event : stream) {
        events.add(wire(event));
      }
    }
    return NODES.objectNode().set("events", events);
  }

  /** The class a union decoded into (null for null or absent). */
  private static ObjectNode variant(Object value) {
    Object variant = plain(value);
    return NODES
        .objectNode()
        .set(
            "variant",
            variant == null
                ? NullNode.getInstance()
                : NODES.textNode(variant.getClass().getSimpleName()));
  }

  // ---------------------------------------------------------------------------------- steps

  private ObjectNode runStep() {
    if (step.has("sleep")) {
      try {
        Thread.sleep(seconds(step.get("sleep")).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Cancelled();
      }
      return NODES.objectNode().set("slept", step.get("sleep"));
    }
    if (step.has("authenticate")) {
      JsonNode login = step.get("authenticate");
      String email = text(login, "email");
      String password = text(login, "password");
      if (asyncClient != null) {
        asyncClient.authenticate(email, password).join();
      } else {
        client.authenticate(email, password);
      }
      return NODES.objectNode().put("authenticated", true);
    }
    ObjectNode oauth = oauthStep();
    if (oauth != null) {
      return oauth;
    }
    return callStep();
  }

  private ObjectNode callStep() {
    JsonNode args = step.path("args");
    String observe = step.path("observe").asText("result");
    RequestOptions o = options();
    ConformanceClientAsync a = asyncClient;
    ConformanceClient c = client;
    String call = step.path("call").asText();
    switch (call) {
      case "widgets.get" -> {
        String id = text(args, "widget_id");
        if (observe.equals("raw")) {
          return raw(
              call(
                  () -> c.widgets().withRawResponse().get(id, o),
                  () -> a.widgets().withRawResponse().get(id, o)));
        }
        Widget widget = call(() -> c.widgets().get(id, o), () -> a.widgets().get(id, o));
        return observe.equals("variant") ? variant(widget.shape()) : result(widget);
      }
      case "gadgets.get" -> {
        String id = text(args, "gadget_id");
        Gadget gadget = call(() -> c.gadgets().get(id, o), () -> a.gadgets().get(id, o));
        if (!observe.equals("variant")) {
          return result(gadget);
        }
        return step.path("field").asText("casing").equals("part")
            ? variant(gadget.part())
            : variant(gadget.casing());
      }
      case "widgets.delete" -> {
        String id = text(args, "widget_id");
        call(
            () -> {
              c.widgets().delete(id, o);
              return null;
            },
            () -> a.widgets().delete(id, o));
        return result(null);
      }
      case "widgets.create" -> {
        JsonNode body = args.path("body");
        return result(
            call(
                () -> c.widgets().create(as(body, new TypeReference<>() {}), o),
                () -> a.widgets().create(as(body, new TypeReference<>() {}), o)));
      }
      case "widgets.update" -> {
        String id = text(args, "widget_id");
        JsonNode body = args.path("body");
        return result(
            call(
                () -> c.widgets().update(id, as(body, new TypeReference<>() {}), o),
                () -> a.widgets().update(id, as(body, new TypeReference<>() {}), o)));
      }
      case "widgets.list" -> {
        WidgetsListParams.Builder params = WidgetsListParams.builder();
        given(args, "cursor", v -> params.cursor(as(v, new TypeReference<>() {})));
        given(args, "limit", v -> params.limit(as(v, new TypeReference<>() {})));
        WidgetsListParams p = params.build();
        Page<Widget> page = call(() -> c.widgets().list(p, o), () -> a.widgets().list(p, o));
        return observe.equals("walk") ? walk(page, Widget::id) : page(page, Widget::id);
      }
      case "records.list_by_offset" -> {
        RecordsListByOffsetParams.Builder params = RecordsListByOffsetParams.builder();
        given(args, "offset", v -> params.offset(as(v, new TypeReference<>() {})));
        given(args, "limit", v -> params.limit(as(v, new TypeReference<>() {})));
        RecordsListByOffsetParams p = params.build();
        return walk(
            call(() -> c.records().listByOffset(p, o), () -> a.records().listByOffset(p, o)),
            RecordModel::id);
      }
      case "records.list_by_page" -> {
        RecordsListByPageParams.Builder params = RecordsListByPageParams.builder();
        given(args, "page", v -> params.page(as(v, new TypeReference<>() {})));
        given(args, "per_page", v -> params.perPage(as(v, new TypeReference<>() {})));
        RecordsListByPageParams p = params.build();
        return walk(
            call(() -> c.records().listByPage(p, o), () -> a.records().listByPage(p, o)),
            RecordModel::id);
      }
      case "records.list_by_link" -> {
        RecordsListByLinkParams.Builder params = RecordsListByLinkParams.builder();
        given(args, "page", v -> params.page(as(v, new TypeReference<>() {})));
        given(args, "per_page", v -> params.perPage(as(v, new TypeReference<>() {})));
        RecordsListByLinkParams p = params.build();
        return walk(
            call(() -> c.records().listByLink(p, o), () -> a.records().listByLink(p, o)),
            RecordModel::id);
      }
      case "records.list_by_key" -> {
        RecordsListByKeyParams.Builder params = RecordsListByKeyParams.builder();
        given(
            args,
            "exclusiveStartKey",
            v -> params.exclusiveStartKey(as(v, new TypeReference<>() {})));
        given(args, "limit", v -> params.limit(as(v, new TypeReference<>() {})));
        RecordsListByKeyParams p = params.build();
        return walk(
            call(() -> c.records().listByKey(p, o), () -> a.records().listByKey(p, o)),
            RecordModel::id);
      }
      case "records.list_after" -> {
        RecordsListAfterParams.Builder params = RecordsListAfterParams.builder();
        given(args, "starting_after", v -> params.startingAfter(as(v, new TypeReference<>() {})));
        given(args, "limit", v -> params.limit(as(v, new TypeReference<>() {})));
        RecordsListAfterParams p = params.build();
        return walk(
            call(() -> c.records().listAfter(p, o), () -> a.records().listAfter(p, o)),
            RecordModel::id);
      }
      case "records.search" -> {
        RecordsSearchParams.Builder params = RecordsSearchParams.builder();
        given(args, "query", v -> params.query(as(v, new TypeReference<>() {})));
        given(args, "page", v -> params.page(as(v, new TypeReference<>() {})));
        given(args, "limit", v -> params.limit(as(v, new TypeReference<>() {})));
        RecordsSearchParams p = params.build();
        return walk(
            call(() -> c.records().search(p, o), () -> a.records().search(p, o)), RecordModel::id);
      }
      case "envelopes.data_meta" -> {
        if (observe.equals("raw")) {
          return raw(
              call(
                  () -> c.envelopes().withRawResponse().dataMeta(o),
                  () -> a.envelopes().withRawResponse().dataMeta(o)));
        }
        return result(call(() -> c.envelopes().dataMeta(o), () -> a.envelopes().dataMeta(o)));
      }
      case "envelopes.success" -> {
        return result(call(() -> c.envelopes().success(o), () -> a.envelopes().success(o)));
      }
      case "files.upload" -> {
        FilesUploadParams.Builder params = FilesUploadParams.builder().file(upload(args));
        given(args, "purpose", v -> params.purpose(as(v, new TypeReference<>() {})));
        FilesUploadParams p = params.build();
        return result(call(() -> c.files().upload(p, o), () -> a.files().upload(p, o)));
      }
      case "files.download" -> {
        String id = text(args, "file_id");
        return bytes(call(() -> c.files().download(id, o), () -> a.files().download(id, o)));
      }
      case "events.stream" -> {
        return events(call(() -> c.events().stream(o), () -> a.events().stream(o)));
      }
      case "wire.path_simple", "wire.path_label", "wire.path_matrix" -> {
        String p = text(args, "p");
        List<String> arr = as(args.path("a"), new TypeReference<>() {});
        Rgb obj = as(args.path("o"), new TypeReference<>() {});
        List<String> ae = as(args.path("ae"), new TypeReference<>() {});
        Rgb oe = as(args.path("oe"), new TypeReference<>() {});
        call(
            () -> {
              switch (call) {
                case "wire.path_simple" -> c.wire().pathSimple(p, arr, obj, ae, oe, o);
                case "wire.path_label" -> c.wire().pathLabel(p, arr, obj, ae, oe, o);
                default -> c.wire().pathMatrix(p, arr, obj, ae, oe, o);
              }
              return null;
            },
            () ->
                switch (call) {
                  case "wire.path_simple" -> a.wire().pathSimple(p, arr, obj, ae, oe, o);
                  case "wire.path_label" -> a.wire().pathLabel(p, arr, obj, ae, oe, o);
                  default -> a.wire().pathMatrix(p, arr, obj, ae, oe, o);
                });
        return result(null);
      }
      case "wire.query" -> {
        WireQueryParams.Builder q = WireQueryParams.builder();
        given(args, "p", v -> q.p(as(v, new TypeReference<>() {})));
        given(args, "a", v -> q.a(as(v, new TypeReference<>() {})));
        given(args, "o", v -> q.o(as(v, new TypeReference<>() {})));
        given(args, "a_flat", v -> q.aFlat(as(v, new TypeReference<>() {})));
        given(args, "o_flat", v -> q.oFlat(as(v, new TypeReference<>() {})));
        given(args, "a_space", v -> q.aSpace(as(v, new TypeReference<>() {})));
        given(args, "o_space", v -> q.oSpace(as(v, new TypeReference<>() {})));
        given(args, "a_pipe", v -> q.aPipe(as(v, new TypeReference<>() {})));
        given(args, "o_pipe", v -> q.oPipe(as(v, new TypeReference<>() {})));
        given(args, "a_pipe_exploded", v -> q.aPipeExploded(as(v, new TypeReference<>() {})));
        given(args, "deep", v -> q.deep(as(v, new TypeReference<>() {})));
        given(args, "deep_nested", v -> q.deepNested(as(v, new TypeReference<>() {})));
        given(args, "deep_brackets", v -> q.deepBrackets(as(v, new TypeReference<>() {})));
        given(args, "deep_repeat", v -> q.deepRepeat(as(v, new TypeReference<>() {})));
        given(args, "expand", v -> q.expand(as(v, new TypeReference<>() {})));
        given(args, "items", v -> q.items(as(v, new TypeReference<>() {})));
        given(args, "reserved", v -> q.reserved(as(v, new TypeReference<>() {})));
        given(args, "text", v -> q.text(as(v, new TypeReference<>() {})));
        given(args, "json", v -> q.json(as(v, new TypeReference<>() {})));
        given(args, "n", v -> q.n(as(v, new TypeReference<>() {})));
        given(args, "num", v -> q.num(as(v, new TypeReference<>() {})));
        given(args, "b", v -> q.b(as(v, new TypeReference<>() {})));
        WireQueryParams p = q.build();
        return none(() -> c.wire().query(p, o), () -> a.wire().query(p, o));
      }
      case "wire.flagged" -> {
        WireFlaggedParams.Builder q = WireFlaggedParams.builder();
        given(args, "q", v -> q.q(as(v, new TypeReference<>() {})));
        WireFlaggedParams p = q.build();
        return none(() -> c.wire().flagged(p, o), () -> a.wire().flagged(p, o));
      }
      case "wire.headers" -> {
        WireHeadersParams.Builder q = WireHeadersParams.builder();
        given(args, "X-P", v -> q.xP(as(v, new TypeReference<>() {})));
        given(args, "X-A", v -> q.xA(as(v, new TypeReference<>() {})));
        given(args, "X-O", v -> q.xO(as(v, new TypeReference<>() {})));
        given(args, "X-O-Exploded", v -> q.xOExploded(as(v, new TypeReference<>() {})));
        WireHeadersParams p = q.build();
        return none(() -> c.wire().headers(p, o), () -> a.wire().headers(p, o));
      }
      case "wire.cookies" -> {
        WireCookiesParams.Builder q = WireCookiesParams.builder();
        given(args, "c_p", v -> q.cP(as(v, new TypeReference<>() {})));
        given(args, "c_a", v -> q.cA(as(v, new TypeReference<>() {})));
        given(args, "c_o", v -> q.cO(as(v, new TypeReference<>() {})));
        given(args, "c_a_flat", v -> q.cAFlat(as(v, new TypeReference<>() {})));
        given(args, "c_o_flat", v -> q.cOFlat(as(v, new TypeReference<>() {})));
        WireCookiesParams p = q.build();
        return none(() -> c.wire().cookies(p, o), () -> a.wire().cookies(p, o));
      }
      case "wire.form" -> {
        if (!args.has("body")) {
          return none(() -> c.wire().form(o), () -> a.wire().form(o));
        }
        JsonNode body = args.get("body");
        return none(
            () -> c.wire().form(as(body, new TypeReference<>() {}), o),
            () -> a.wire().form(as(body, new TypeReference<>() {}), o));
      }
      case "wire.multipart" -> {
        WireMultipartParams.Builder q = WireMultipartParams.builder().file(upload(args));
        given(args, "meta", v -> q.meta(as(v, new TypeReference<>() {})));
        given(args, "tags", v -> q.tags(as(v, new TypeReference<>() {})));
        given(args, "link", v -> q.link(as(v, new TypeReference<>() {})));
        given(args, "table", v -> q.table(as(v, new TypeReference<>() {})));
        WireMultipartParams p = q.build();
        return none(() -> c.wire().multipart(p, o), () -> a.wire().multipart(p, o));
      }
      case "reports.get" -> {
        String id = text(args, "report_id");
        return result(call(() -> c.reports().get(id, o), () -> a.reports().get(id, o)));
      }
      case "auth.check_api_key_query" -> {
        return result(call(() -> c.auth().checkApiKeyQuery(o), () -> a.auth().checkApiKeyQuery(o)));
      }
      case "auth.check_bearer" -> {
        return result(call(() -> c.auth().checkBearer(o), () -> a.auth().checkBearer(o)));
      }
      case "auth.check_basic" -> {
        return result(call(() -> c.auth().checkBasic(o), () -> a.auth().checkBasic(o)));
      }
      case "auth.check_oauth2" -> {
        return result(call(() -> c.auth().checkOauth2(o), () -> a.auth().checkOauth2(o)));
      }
      case "auth.me" -> {
        return result(call(() -> c.auth().me(o), () -> a.auth().me(o)));
      }
      case "auth.status" -> {
        return result(call(() -> c.auth().status(o), () -> a.auth().status(o)));
      }
      case "health.check" -> {
        return result(call(() -> c.health().check(o), () -> a.health().check(o)));
      }
      default -> throw new IllegalStateException("the driver does not know the call " + call);
    }
  }

  /** A call without a result: {@code {result: null}}. */
  private ObjectNode none(Runnable blocking, Supplier<CompletableFuture<Void>> async) {
    call(
        () -> {
          blocking.run();
          return null;
        },
        async);
    return result(null);
  }

  // ---------------------------------------------------------------------------------- OAuth2

  /** A step of the OAuth2 authorization code flow; null for any other step. */
  private ObjectNode oauthStep() {
    OAuth oauth = asyncClient != null ? asyncClient.oauth() : client.oauth();
    if (step.has("oauth_url")) {
      JsonNode args = step.get("oauth_url");
      List<String> scopes =
          args.has("scopes") ? as(args.get("scopes"), new TypeReference<>() {}) : null;
      AuthorizationRequest request =
          oauth.authorizationUrl(
              text(args, "redirect_uri"),
              scopes,
              args.has("state") ? text(args, "state") : null,
              args.has("code_verifier") ? text(args, "code_verifier") : null);
      ObjectNode out = NODES.objectNode();
      out.set("authorization_url", splitUrl(request.url()));
      out.put("state", request.state());
      out.put("code_verifier", request.codeVerifier());
      return out;
    }
    if (step.has("oauth_exchange")) {
      JsonNode args = step.get("oauth_exchange");
      String code = text(args, "code");
      String redirectUri = text(args, "redirect_uri");
      String verifier = args.has("code_verifier") ? text(args, "code_verifier") : null;
      return tokensObservation(
          Optional.of(
              call(
                  () -> oauth.exchangeCode(code, redirectUri, verifier),
                  () -> oauth.exchangeCodeAsync(code, redirectUri, verifier))));
    }
    if (step.has("oauth_tokens")) {
      return tokensObservation(oauth.tokens());
    }
    if (step.has("oauth_revoke")) {
      JsonNode args = step.get("oauth_revoke");
      String token = args.has("token") ? text(args, "token") : null;
      call(
          () -> {
            oauth.revoke(token);
            return null;
          },
          () -> oauth.revokeAsync(token));
      return NODES.objectNode().put("revoked", true);
    }
    return null;
  }

  /** A URL's path and its query, parsed (the first value of each name) and as built. */
  private static ObjectNode splitUrl(String url) {
    URI uri = URI.create(url);
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    ObjectNode parsed = NODES.objectNode();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      String key = URLDecoder.decode(name, StandardCharsets.UTF_8);
      if (!parsed.has(key)) {
        parsed.put(key, URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    ObjectNode out = NODES.objectNode();
    out.put("path", uri.getPath());
    out.set("query", parsed);
    out.put("raw_query", query);
    return out;
  }

  private static ObjectNode tokensObservation(Optional<OAuthTokens> tokens) {
    ObjectNode out = NODES.objectNode();
    if (tokens.isPresent()) {
      OAuthTokens set = tokens.get();
      ObjectNode found = out.putObject("tokens");
      found.put("access_token", set.accessToken());
      found.put("refresh_token", set.refreshToken());
      found.put("expires", set.expiresAt() != null);
    } else {
      out.set("tokens", NullNode.getInstance());
    }
    ArrayNode saved = out.putArray("saved");
    SAVED_TOKENS.forEach(saved::add);
    return out;
  }
}
