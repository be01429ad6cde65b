package dev.zsdk.runtime;

import java.time.Duration;
import java.util.Optional;

/** Token refresh settings as one option; a setting left out keeps the SDK's default. */
public final class AuthConfig {
  private final Duration refreshBuffer;
  private final Integer maxRefreshRetries;

  private AuthConfig(Builder b) {
    this.refreshBuffer = b.refreshBuffer;
    this.maxRefreshRetries = b.maxRefreshRetries;
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
   * How long before a token expires it is refreshed.
   *
   * @return the setting, empty for the default
   */
  public Optional<Duration> refreshBuffer() {
    return Optional.ofNullable(refreshBuffer);
  }

  /**
   * How many times a login token refresh that failed retryably is tried again.
   *
   * @return the setting, empty for the default
   */
  public Optional<Integer> maxRefreshRetries() {
    return Optional.ofNullable(maxRefreshRetries);
  }

  /** Builds an {@link AuthConfig}. */
  public static final class Builder {
    private Duration refreshBuffer;
    private Integer maxRefreshRetries;

    private Builder() {}

    /**
     * Sets how long before a token expires it is refreshed.
     *
     * @param d the buffer
     * @return this builder
     */
    public Builder refreshBuffer(Duration d) {
      this.refreshBuffer = d;
      return this;
    }

    /**
     * Sets how many times a failed login token refresh is tried again.
     *
     * @param n the retries
     * @return this builder
     */
    public Builder maxRefreshRetries(int n) {
      this.maxRefreshRetries = n;
      return this;
    }

    /**
     * The settings.
     *
     * @return the config
     */
    public AuthConfig build() {
      return new AuthConfig(this);
    }
  }
}
