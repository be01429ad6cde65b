package dev.zsdk.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * Retry settings as one option; a setting left out keeps the SDK's default, and an explicit {@code
 * maxRetries} on the client builder wins over this one's.
 */
public final class RetryConfig {
  private final Integer maxRetries;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Boolean exponentialBackoff;

  private RetryConfig(Builder b) {
    this.maxRetries = b.maxRetries;
    this.baseDelay = b.baseDelay;
    this.maxDelay = b.maxDelay;
    this.exponentialBackoff = b.exponentialBackoff;
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * How many times a failed call is retried.
   *
   * @return the setting, empty for the default
   */
  public Optional<Integer> maxRetries() {
    return Optional.ofNullable(maxRetries);
  }

  /**
   * The first retry's wait.
   *
   * @return the setting, empty for the default
   */
  public Optional<Duration> baseDelay() {
    return Optional.ofNullable(baseDelay);
  }

  /**
   * The longest wait.
   *
   * @return the setting, empty for the default
   */
  public Optional<Duration> maxDelay() {
    return Optional.ofNullable(maxDelay);
  }

  /**
   * Whether each retry doubles the wait (else every retry waits the base delay).
   *
   * @return the setting, empty for the default (true)
   */
  public Optional<Boolean> exponentialBackoff() {
    return Optional.ofNullable(exponentialBackoff);
  }

  /** Builds a {@link RetryConfig}. */
  public static final class Builder {
    private Integer maxRetries;
    private Duration baseDelay;
    private Duration maxDelay;
    private Boolean exponentialBackoff;

    private Builder() {}

    /**
     * Sets how many times a failed call is retried.
     *
     * @param n the retries
     * @return this builder
     */
    public Builder maxRetries(int n) {
      this.maxRetries = n;
      return this;
    }

    /**
     * Sets the first retry's wait.
     *
     * @param d the wait
     * @return this builder
     */
    public Builder baseDelay(Duration d) {
      this.baseDelay = d;
      return this;
    }

    /**
     * Sets the longest wait.
     *
     * @param d the wait
     * @return this builder
     */
    public Builder maxDelay(Duration d) {
      this.maxDelay = d;
      return this;
    }

    /**
     * Sets whether each retry doubles the wait.
     *
     * @param on true to double
     * @return this builder
     */
    public Builder exponentialBackoff(boolean on) {
      this.exponentialBackoff = on;
      return this;
    }

    /**
     * The settings.
     *
     * @return the config
     */
    public RetryConfig build() {
      return new RetryConfig(this);
    }
  }
}
