package dev.zsdk.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Options of one call: they change the client's settings for that call only. Immutable. */
public final class RequestOptions {
  private static final RequestOptions NONE = new Builder().build();

  private final Duration timeout;
  private final Integer maxRetries;
  private final String idempotencyKey;
  private final List<String[]> headers;
  private final List<String[]> query;

  private RequestOptions(Builder b) {
    this.timeout = b.timeout;
    this.maxRetries = b.maxRetries;
    this.idempotencyKey = b.idempotencyKey;
    this.headers = List.copyOf(b.headers);
    this.query = List.copyOf(b.query);
  }

  /**
   * No options.
   *
   * @return the empty options
   */
  public static RequestOptions none() {
    return NONE;
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  Optional<Integer> maxRetries() {
    return Optional.ofNullable(maxRetries);
  }

  Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }

  List<String[]> headers() {
    return headers;
  }

  List<String[]> query() {
    return query;
  }

  /** Builds {@link RequestOptions}. */
  public static final class Builder {
    private Duration timeout;
    private Integer maxRetries;
    private String idempotencyKey;
    private final List<String[]> headers = new ArrayList<>();
    private final List<String[]> query = new ArrayList<>();

    private Builder() {}

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
     * Sets how many times the call is retried.
     *
     * @param n the retries
     * @return this builder
     */
    public Builder maxRetries(int n) {
      this.maxRetries = n;
      return this;
    }

    /**
     * Sets the {@code Idempotency-Key} header sent on every try.
     *
     * @param key the key
     * @return this builder
     */
    public Builder idempotencyKey(String key) {
      this.idempotencyKey = key;
      return this;
    }

    /**
     * Adds a header (it replaces one of the same name).
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public Builder header(String name, String value) {
      headers.add(new String[] {name, value});
      return this;
    }

    /**
     * Adds a query parameter; it replaces the operation's parameter of the same name in its place.
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public Builder query(String name, String value) {
      query.add(new String[] {name, value});
      return this;
    }

    /**
     * The options.
     *
     * @return the options
     */
    public RequestOptions build() {
      return new RequestOptions(this);
    }
  }
}
