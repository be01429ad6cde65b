package dev.zsdk.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The SDK's defaults from its plan (server, security, timeouts, retries), built once. */
public final class ClientDefaults {
  /** A server variable: its default and the values it allows (empty: any). */
  record ServerVariable(String defaultValue, List<String> allowed) {}

  final String baseUrl;
  final Map<String, ServerVariable> serverVariables;
  final List<List<String>> defaultSecurity;
  final Duration timeout;
  final int maxRetries;
  final Duration baseDelay;
  final Duration maxDelay;
  final Duration refreshBuffer;
  final int refreshRetries;
  final String userAgent;

  private ClientDefaults(Builder b) {
    this.baseUrl = b.baseUrl;
    this.serverVariables = Map.copyOf(b.serverVariables);
    this.defaultSecurity = List.copyOf(b.defaultSecurity);
    this.timeout = b.timeout;
    this.maxRetries = b.maxRetries;
    this.baseDelay = b.baseDelay;
    this.maxDelay = b.maxDelay;
    this.refreshBuffer = b.refreshBuffer;
    this.refreshRetries = b.refreshRetries;
    this.userAgent = b.userAgent;
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ClientDefaults}. */
  public static final class Builder {
    private String baseUrl = "";
    private final Map<String, ServerVariable> serverVariables = new LinkedHashMap<>();
    private List<List<String>> defaultSecurity = new ArrayList<>();
    private Duration timeout = Duration.ofSeconds(60);
    private int maxRetries = 2;
    private Duration baseDelay = Duration.ofMillis(500);
    private Duration maxDelay = Duration.ofSeconds(8);
    private Duration refreshBuffer = Duration.ofSeconds(60);
    private int refreshRetries = 2;
    private String userAgent = "";

    private Builder() {}

    /**
     * Sets the server URL, a template of {@code {variables}}.
     *
     * @param template the URL template
     * @return this builder
     */
    public Builder baseUrl(String template) {
      this.baseUrl = template;
      return this;
    }

    /**
     * Declares a server variable.
     *
     * @param wire its name in the template
     * @param dflt its default value
     * @param allowed the values it allows (empty: any)
     * @return this builder
     */
    public Builder serverVariable(String wire, String dflt, List<String> allowed) {
      serverVariables.put(wire, new ServerVariable(dflt, List.copyOf(allowed)));
      return this;
    }

    /**
     * Sets the API's security alternatives, each a list of scheme names.
     *
     * @param alternatives the alternatives
     * @return this builder
     */
    public Builder defaultSecurity(List<List<String>> alternatives) {
      this.defaultSecurity = new ArrayList<>();
      for (List<String> alternative : alternatives) {
        defaultSecurity.add(List.copyOf(alternative));
      }
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
     * Sets the longest wait between tries.
     *
     * @param d the wait
     * @return this builder
     */
    public Builder maxDelay(Duration d) {
      this.maxDelay = d;
      return this;
    }

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
    public Builder refreshRetries(int n) {
      this.refreshRetries = n;
      return this;
    }

    /**
     * Sets the {@code User-Agent} header ({@code "<artifact>/<version> java"}).
     *
     * @param ua the user agent
     * @return this builder
     */
    public Builder userAgent(String ua) {
      this.userAgent = ua;
      return this;
    }

    /**
     * The defaults.
     *
     * @return the defaults
     */
    public ClientDefaults build() {
      return new ClientDefaults(this);
    }
  }
}
