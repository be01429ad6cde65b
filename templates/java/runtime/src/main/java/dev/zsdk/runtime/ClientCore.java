package dev.zsdk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client and its services hold: the configuration, the transport and the credential
 * providers. Immutable and thread-safe; every call goes through {@link #execute} or its variants.
 */
public final class ClientCore {
  static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  private static final Pattern VARIABLE = Pattern.compile("\\{([^{}]+)\\}");

  final String baseUrl;
  final String userAgent;
  final Duration timeout;
  final int maxRetries;
  final Duration baseDelay;
  final Duration maxDelay;
  final boolean exponentialBackoff;
  final List<String[]> defaultHeaders;
  final List<List<String>> defaultSecurity;
  final HttpTransport transport;
  final List<Interceptor> interceptors;
  final Map<String, AuthProvider> auth;
  final Clock clock;
  final DoubleSupplier jitter;
  final Function<Duration, CompletableFuture<Void>> sleeper;
  final Exchanger exchanger;
  final TokenFetcher tokens;
  final Sender sender;

  private ClientCore(Builder b) {
    this.baseUrl = b.baseUrl != null ? b.baseUrl : resolveServer(b.defaults, b.serverValues);
    this.userAgent = b.defaults.userAgent;
    this.timeout = b.timeout != null ? b.timeout : b.defaults.timeout;
    RetryConfig retry = b.retryConfig != null ? b.retryConfig : RetryConfig.builder().build();
    this.maxRetries =
        Math.max(
            0,
            b.maxRetries != null ? b.maxRetries : retry.maxRetries().orElse(b.defaults.maxRetries));
    this.baseDelay = retry.baseDelay().orElse(b.defaults.baseDelay);
    this.maxDelay = retry.maxDelay().orElse(b.defaults.maxDelay);
    this.exponentialBackoff = retry.exponentialBackoff().orElse(true);
    this.defaultHeaders = List.copyOf(b.headers);
    this.defaultSecurity = b.defaults.defaultSecurity;
    this.transport = b.transport != null ? b.transport : new JdkHttpTransport();
    this.interceptors = List.copyOf(b.interceptors);
    AuthConfig authConfig = b.authConfig != null ? b.authConfig : AuthConfig.builder().build();
    Duration buffer = authConfig.refreshBuffer().orElse(b.defaults.refreshBuffer);
    int refreshRetries = authConfig.maxRefreshRetries().orElse(b.defaults.refreshRetries);
    for (AuthProvider provider : b.auth.values()) {
      provider.configure(buffer, refreshRetries);
    }
    this.auth = Map.copyOf(b.auth);
    this.clock = b.clock;
    this.jitter = b.jitter;
    this.sleeper = b.sleeper;
    this.exchanger = new Exchanger(this);
    this.tokens = new TokenFetcher(this);
    this.sender = new Sender(this);
  }

  private static String resolveServer(ClientDefaults defaults, Map<String, String> values) {
    Matcher match = VARIABLE.matcher(defaults.baseUrl);
    StringBuilder out = new StringBuilder();
    while (match.find()) {
      String name = match.group(1);
      ClientDefaults.ServerVariable variable = defaults.serverVariables.get(name);
      String value = values.get(name);
      if (value == null) {
        value = variable == null ? match.group() : variable.defaultValue();
      }
      if (variable != null
          && !variable.allowed().isEmpty()
          && !variable.allowed().contains(value)) {
        throw new IllegalArgumentException(
            "server variable "
                + name
                + " must be one of "
                + String.join(", ", variable.allowed())
                + ", got \""
                + value
                + "\"");
      }
      match.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    match.appendTail(out);
    return out.toString();
  }

  /**
   * A builder over the SDK's defaults.
   *
   * @param defaults the SDK's defaults
   * @return the builder
   */
  public static Builder builder(ClientDefaults defaults) {
    return new Builder(defaults);
  }

  /**
   * Runs a call, blocking until its value is read.
   *
   * @param <T> the value's type
   * @param call the call
   * @param options the call's options
   * @return the value
   * @throws ApiException when the call failed
   */
  public <T> T execute(Call<T> call, RequestOptions options) {
    return await(executeAsync(call, options));
  }

  /**
   * Runs a call without blocking; cancelling the future aborts it.
   *
   * @param <T> the value's type
   * @param call the call
   * @param options the call's options
   * @return the value, or the {@link ApiException} the call failed with
   */
  public <T> CompletableFuture<T> executeAsync(Call<T> call, RequestOptions options) {
    CompletableFuture<RawResponse<T>> raw = executeRawAsync(call, options);
    CompletableFuture<T> value = raw.thenApply(RawResponse::value);
    if (call.fallback != null) {
      value =
          value
              .handle(
                  (v, e) ->
                      e == null
                          ? CompletableFuture.completedFuture(v)
                          : checkFailed(e, call.fallback))
              .thenCompose(f -> f);
    }
    propagateCancel(value, raw);
    return value;
  }

  /** A check's value for a failed call (an error status, no answer), else the failure. */
  private static <T> CompletableFuture<T> checkFailed(Throwable e, T fallback) {
    Throwable cause = unwrap(e);
    if (cause instanceof ApiStatusException || cause instanceof ApiConnectionException) {
      return CompletableFuture.completedFuture(fallback);
    }
    return CompletableFuture.failedFuture(cause);
  }

  /**
   * Runs a call, blocking, and gives its value with the HTTP response.
   *
   * @param <T> the value's type
   * @param call the call
   * @param options the call's options
   * @return the value and response
   * @throws ApiException when the call failed
   */
  public <T> RawResponse<T> executeRaw(Call<T> call, RequestOptions options) {
    return await(executeRawAsync(call, options));
  }

  /**
   * Runs a call without blocking and gives its value with the HTTP response.
   *
   * @param <T> the value's type
   * @param call the call
   * @param options the call's options
   * @return the value and response
   */
  public <T> CompletableFuture<RawResponse<T>> executeRawAsync(
      Call<T> call, RequestOptions options) {
    RequestOptions opts = options == null ? RequestOptions.none() : options;
    Prepared prepared = Prepared.of(this, call.request, opts, call.streamed);
    CompletableFuture<Sender.Response> sent = sender.send(prepared);
    CompletableFuture<RawResponse<T>> result =
        sent.thenApply(
            r -> {
              Exchange exchange =
                  new Exchange(
                      this, opts, call.request, r.statusCode(), r.headers(), r.body(), r.stream());
              return new RawResponse<>(
                  call.reader.read(exchange), r.statusCode(), r.headers(), r.body());
            });
    propagateCancel(result, sent);
    return result;
  }

  /**
   * Calls a login operation ({@code x-zsdk-login}) and stores the tokens of its body for the
   * scheme.
   *
   * @param call the login call
   * @param scheme the login scheme's name
   * @param options the call's options
   * @throws ApiException when the login failed
   */
  public void login(Call<?> call, String scheme, RequestOptions options) {
    await(loginAsync(call, scheme, options));
  }

  /**
   * {@link #login} without blocking: the future completes once the tokens are stored.
   *
   * @param call the login call
   * @param scheme the login scheme's name
   * @param options the call's options
   * @return a future completing when the tokens are stored, or with the login's failure
   */
  public CompletableFuture<Void> loginAsync(Call<?> call, String scheme, RequestOptions options) {
    if (!(auth.get(scheme) instanceof LoginTokenAuth login)) {
      throw new IllegalArgumentException("scheme " + scheme + " is not a login scheme");
    }
    RequestOptions opts = options == null ? RequestOptions.none() : options;
    return sender
        .send(Prepared.of(this, call.request, opts, false))
        .thenAccept(
            response -> {
              JsonNode decoded = Json.tryParse(response.body());
              if (decoded == null) {
                throw new ApiResponseValidationException(
                    "Login response is not valid JSON", response.body(), null);
              }
              login.update(decoded, clock.instant());
            });
  }

  /**
   * The authorization-code helpers of a scheme.
   *
   * @param scheme the scheme's name
   * @return the helpers
   * @throws IllegalArgumentException when the scheme has no authorization-code provider
   */
  public OAuth oauth(String scheme) {
    if (!(auth.get(scheme) instanceof AuthorizationCodeAuth provider)) {
      throw new IllegalArgumentException("scheme " + scheme + " has no authorization code flow");
    }
    return new OAuth(this, provider);
  }

  /** The providers of the first security alternative whose schemes all have credentials. */
  List<AuthProvider> select(List<List<String>> security) {
    List<List<String>> requirement = security != null ? security : defaultSecurity;
    for (List<String> alternative : requirement) {
      if (alternative.isEmpty()) {
        continue;
      }
      List<AuthProvider> chosen = new ArrayList<>();
      for (String name : alternative) {
        AuthProvider provider = auth.get(name);
        if (provider == null || !provider.hasCredentials()) {
          chosen = null;
          break;
        }
        chosen.add(provider);
      }
      if (chosen != null) {
        return chosen;
      }
    }
    return List.of();
  }

  static Throwable unwrap(Throwable e) {
    Throwable cause = e;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  static void propagateCancel(CompletableFuture<?> outer, CompletableFuture<?> inner) {
    outer.whenComplete(
        (v, e) -> {
          if (outer.isCancelled()) {
            inner.cancel(true);
          }
        });
  }

  /** Waits for a future, throwing the failure it ended with. */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = unwrap(e);
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new ApiConnectionException("Connection error.", cause);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    }
  }

  /** Builds a {@link ClientCore}. */
  public static final class Builder {
    private final ClientDefaults defaults;
    private String baseUrl;
    private final Map<String, String> serverValues = new LinkedHashMap<>();
    private Duration timeout;
    private Integer maxRetries;
    private RetryConfig retryConfig;
    private AuthConfig authConfig;
    private final List<String[]> headers = new ArrayList<>();
    private HttpTransport transport;
    private final List<Interceptor> interceptors = new ArrayList<>();
    private final Map<String, String> credentials = new LinkedHashMap<>();
    private final Map<String, AuthProvider> auth = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
    private Function<Duration, CompletableFuture<Void>> sleeper = Timers::sleep;

    private Builder(ClientDefaults defaults) {
      this.defaults = defaults;
    }

    /**
     * Sets the base URL, used as it is (server variables are then ignored).
     *
     * @param url the base URL
     * @return this builder
     */
    public Builder baseUrl(String url) {
      this.baseUrl = url;
      return this;
    }

    /**
     * Sets a server variable of the URL template.
     *
     * @param wire the variable's name
     * @param value its value
     * @return this builder
     */
    public Builder serverVariable(String wire, String value) {
      serverValues.put(wire, value);
      return this;
    }

    /**
     * Sets the timeout of each try.
     *
     * @param d the timeout
     * @return this builder
     */
    public Builder timeout(Duration d) {
      this.timeout = d;
      return this;
    }

    /**
     * Sets how many times a failed call is retried (wins over the retry config's).
     *
     * @param n the retries
     * @return this builder
     */
    public Builder maxRetries(int n) {
      this.maxRetries = n;
      return this;
    }

    /**
     * Sets the retry settings.
     *
     * @param c the settings
     * @return this builder
     */
    public Builder retryConfig(RetryConfig c) {
      this.retryConfig = c;
      return this;
    }

    /**
     * Sets the token refresh settings.
     *
     * @param c the settings
     * @return this builder
     */
    public Builder authConfig(AuthConfig c) {
      this.authConfig = c;
      return this;
    }

    /**
     * Adds a header sent with every request (it replaces one of the same name).
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public Builder defaultHeader(String name, String value) {
      headers.add(new String[] {name, value});
      return this;
    }

    /**
     * Sets the HTTP transport (default: {@link JdkHttpTransport}).
     *
     * @param t the transport
     * @return this builder
     */
    public Builder transport(HttpTransport t) {
      this.transport = t;
      return this;
    }

    /**
     * Adds an interceptor; interceptors see requests in the order added.
     *
     * @param i the interceptor
     * @return this builder
     */
    public Builder interceptor(Interceptor i) {
      interceptors.add(i);
      return this;
    }

    /**
     * Sets a credential by the plan's name.
     *
     * @param name the credential's name
     * @param value its value
     * @return this builder
     */
    public Builder credential(String name, String value) {
      credentials.put(name, value);
      return this;
    }

    /**
     * A credential: the value given to this builder, else the environment variable.
     *
     * @param name the credential's name
     * @param env the environment variable ({@code null}: none)
     * @return the value, or {@code null}
     */
    public String credentialValue(String name, String env) {
      String value = credentials.get(name);
      if (value != null) {
        return value;
      }
      return env == null || env.isEmpty() ? null : System.getenv(env);
    }

    /**
     * Installs the provider of a security scheme.
     *
     * @param scheme the scheme's name
     * @param provider its provider
     * @return this builder
     */
    public Builder auth(String scheme, AuthProvider provider) {
      auth.put(scheme, provider);
      return this;
    }

    Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    Builder jitter(DoubleSupplier j) {
      this.jitter = j;
      return this;
    }

    Builder sleeper(Function<Duration, CompletableFuture<Void>> s) {
      this.sleeper = s;
      return this;
    }

    /**
     * The client core.
     *
     * @return the core
     * @throws IllegalArgumentException when a server variable is not one its enum allows
     */
    public ClientCore build() {
      return new ClientCore(this);
    }
  }
}
