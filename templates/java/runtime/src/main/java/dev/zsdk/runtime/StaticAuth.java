package dev.zsdk.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The providers with a fixed credential. */
final class StaticAuth {
  private StaticAuth() {}

  static boolean given(String value) {
    return value != null && !value.isEmpty();
  }

  /** An API key in a header, query parameter or cookie. */
  static final class ApiKey extends AuthProvider {
    private final String name;
    private final String location;
    private final String key;

    ApiKey(String name, String location, String key) {
      this.name = name;
      this.location = location;
      this.key = key;
    }

    @Override
    boolean hasCredentials() {
      return given(key);
    }

    @Override
    void apply(AttemptRequest request) {
      if (!given(key)) {
        return;
      }
      switch (location) {
        case "query" ->
            request.query.add(Wire.percent(name, false) + "=" + Wire.percent(key, false));
        case "cookie" -> request.cookies.add(name + "=" + key);
        default -> request.setHeader(name, key);
      }
    }
  }

  /** A bearer token. */
  static final class Bearer extends AuthProvider {
    private final String token;

    Bearer(String token) {
      this.token = token;
    }

    @Override
    boolean hasCredentials() {
      return given(token);
    }

    @Override
    void apply(AttemptRequest request) {
      if (given(token)) {
        request.setHeader("Authorization", "Bearer " + token);
      }
    }
  }

  /** HTTP basic credentials. */
  static final class Basic extends AuthProvider {
    private final String user;
    private final String password;

    Basic(String user, String password) {
      this.user = user;
      this.password = password == null ? "" : password;
    }

    @Override
    boolean hasCredentials() {
      return given(user);
    }

    @Override
    void apply(AttemptRequest request) {
      if (given(user)) {
        byte[] pair = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        request.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair));
      }
    }
  }
}
