package dev.zsdk.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.zsdk.runtime.TestServer.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Token refreshes: login refresh retries, OAuth2 refresh before expiry and rotation. */
class AuthTest {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private TestServer server;
  private final MovingClock clock = new MovingClock();

  @BeforeEach
  void start() throws Exception {
    server = new TestServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private long refreshes() {
    return server.received.stream().filter(r -> r.path().endsWith("/auth/refresh")).count();
  }

  private ClientCore loggedIn(int refreshRetries) {
    LoginSettings settings =
        new LoginSettings(
            List.of(), List.of("refresh_token"), List.of("expires_in"), "/auth/refresh", "", "");
    ClientCore core =
        Fixtures.core(server.url(), new Fixtures.Waits())
            .clock(clock)
            .maxRetries(2)
            .authConfig(AuthConfig.builder().maxRefreshRetries(refreshRetries).build())
            .auth("session", AuthProvider.login(null, settings))
            .build();
    server.reply(
        Reply.json(200, "{\"access_token\":\"s1\",\"refresh_token\":\"r1\",\"expires_in\":1}"));
    core.login(Call.empty(new ApiRequest("POST", "/login")), "session", RequestOptions.none());
    clock.now = clock.now.plusSeconds(5);
    return core;
  }

  private Map<String, Object> me(ClientCore core) {
    ApiRequest r = new ApiRequest("GET", "/me").security(List.of(List.of("session")));
    return core.execute(Call.json(r, MAP), RequestOptions.none());
  }

  private static Reply refreshed() {
    return Reply.json(
        200, "{\"access_token\":\"s2\",\"refresh_token\":\"r2\",\"expires_in\":3600}");
  }

  @Test
  void refreshRetriedUntilItSucceeds() {
    ClientCore core = loggedIn(2);
    server.reply(Reply.json(503, "{}"), Reply.json(429, "{}"), refreshed(), Reply.json(200, "{}"));
    me(core);
    assertEquals(3, refreshes());
    assertEquals("Bearer s2", server.received.get(4).header("Authorization"));
  }

  @Test
  void refreshRetriesSpent() {
    ClientCore core = loggedIn(1);
    server.reply(Reply.json(503, "{}"), Reply.json(503, "{}"), Reply.json(503, "{}"));
    InternalServerException e = assertThrows(InternalServerException.class, () -> me(core));
    assertEquals(503, e.statusCode());
    assertEquals(2, refreshes());
  }

  @Test
  void refreshRefusedIsNotRetried() {
    ClientCore core = loggedIn(3);
    server.reply(Reply.json(401, "{}"), Reply.json(401, "{}"));
    assertThrows(AuthenticationException.class, () -> me(core));
    assertEquals(1, refreshes());
  }

  @Test
  void oauthRefreshBeforeExpiryRotates() {
    OAuthEndpoints endpoints =
        new OAuthEndpoints("/authorize", "/oauth/token", "/oauth/refresh", "", List.of());
    ClientCore core =
        Fixtures.core(server.url(), new Fixtures.Waits())
            .clock(clock)
            .authConfig(AuthConfig.builder().refreshBuffer(Duration.ofSeconds(10)).build())
            .auth("oauth", AuthProvider.authorizationCode(endpoints, "cid", null, null, null))
            .build();
    OAuth oauth = core.oauth("oauth");
    server.reply(
        Reply.json(200, "{\"access_token\":\"a1\",\"refresh_token\":\"r1\",\"expires_in\":100}"));
    oauth.exchangeCode("good", "x:/cb", null);
    ApiRequest r = new ApiRequest("GET", "/me").security(List.of(List.of("oauth")));
    clock.now = clock.now.plusSeconds(89);
    server.reply(Reply.json(200, "{}"));
    core.execute(Call.empty(r), RequestOptions.none());
    clock.now = clock.now.plusSeconds(2);
    server.reply(
        Reply.json(200, "{\"access_token\":\"a2\",\"refresh_token\":\"r2\",\"expires_in\":100}"),
        Reply.json(200, "{}"));
    core.execute(Call.empty(r), RequestOptions.none());
    assertEquals(
        "grant_type=refresh_token&refresh_token=r1&client_id=cid", server.received.get(2).body());
    assertEquals("/oauth/refresh", server.received.get(2).path());
    assertEquals("Bearer a1", server.received.get(1).header("Authorization"));
    assertEquals("Bearer a2", server.received.get(3).header("Authorization"));
    assertEquals("r2", oauth.tokens().orElseThrow().refreshToken());
    assertThrows(IllegalStateException.class, () -> oauth.revoke(null));
  }

  @Test
  void storedTokensAreRefreshed() {
    OAuthEndpoints endpoints =
        new OAuthEndpoints("/authorize", "/oauth/token", "/oauth/token", "", List.of());
    OAuthTokens stored = OAuthTokens.of("old", "stored", Instant.ofEpochSecond(999_000));
    ClientCore core =
        Fixtures.core(server.url(), new Fixtures.Waits())
            .clock(clock)
            .auth("oauth", AuthProvider.authorizationCode(endpoints, "cid", "s", stored, null))
            .build();
    server.reply(
        Reply.json(200, "{\"access_token\":\"a1\",\"refresh_token\":\"r1\",\"expires_in\":3600}"),
        Reply.json(200, "{}"));
    core.execute(
        Call.empty(new ApiRequest("GET", "/me").security(List.of(List.of("oauth")))),
        RequestOptions.none());
    assertEquals(
        "grant_type=refresh_token&refresh_token=stored&client_id=cid&client_secret=s",
        server.received.get(0).body());
    assertEquals("Bearer a1", server.received.get(1).header("Authorization"));
    assertEquals("r1", core.oauth("oauth").tokens().orElseThrow().refreshToken());
  }
}
