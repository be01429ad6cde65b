package dev.zsdk.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.zsdk.runtime.TestServer.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole calls against a scripted local server. */
class EndToEndTest {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private TestServer server;
  private Fixtures.Waits waits;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer();
    waits = new Fixtures.Waits();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ClientCore.Builder client() {
    return Fixtures.core(server.url() + "/v1", waits);
  }

  private static Reply ok(String body) {
    return Reply.json(200, body);
  }

  @Test
  void jsonCallWithRawResponse() {
    server.reply(
        ok("{\"data\":{\"id\":\"w_1\"}}")
            .with("x-request-id", "req_9")
            .with("X-RateLimit-Remaining", "4"));
    ClientCore core = client().defaultHeader("X-Team", "t1").build();
    ApiRequest r = new ApiRequest("GET", "/widgets/{id}").pathParam("id", "w 1", null);
    RawResponse<Map<String, Object>> raw =
        core.executeRaw(Call.json(r.envelope(List.of("data")), MAP), RequestOptions.none());
    assertEquals("w_1", raw.value().get("id"));
    assertEquals(200, raw.statusCode());
    assertEquals("req_9", raw.requestId().orElseThrow());
    assertEquals(4L, raw.rateLimit().orElseThrow().remaining().orElseThrow());
    TestServer.Received got = server.received.get(0);
    assertEquals("/v1/widgets/w%201", got.path());
    assertEquals("zsdk-test/1.0 java", got.header("User-Agent"));
    assertEquals("application/json", got.header("Accept"));
    assertEquals("t1", got.header("X-Team"));
  }

  @Test
  void retriesReuseTheIdempotencyKey() {
    server.reply(
        Reply.json(503, "{}").with("Retry-After", "0"), Reply.json(500, "{}"), ok("{\"a\":1}"));
    ClientCore core = client().build();
    ApiRequest r = new ApiRequest("POST", "/widgets").jsonBody(Map.of("n", 1)).idempotent();
    Map<String, Object> value = core.execute(Call.json(r, MAP), RequestOptions.none());
    assertEquals(1, value.get("a"));
    assertEquals(3, server.received.size());
    String key = server.received.get(0).header("Idempotency-Key");
    assertNotNull(key);
    assertEquals(4, key.chars().filter(c -> c == '-').count());
    for (TestServer.Received got : server.received) {
      assertEquals(key, got.header("Idempotency-Key"));
      assertEquals("{\"n\":1}", got.body());
    }
    assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(1)), waits.delays);
  }

  @Test
  void givesUpWithTheLastError() {
    for (int i = 0; i < 3; i++) {
      server.reply(
          Reply.json(429, "{\"error\":{\"message\":\"slow down\",\"code\":\"rate\"}}")
              .with("X-RateLimit-Limit", "10")
              .with("X-RateLimit-Reset", "1"));
    }
    ClientCore core = client().build();
    RateLimitException e =
        assertThrows(
            RateLimitException.class,
            () -> core.execute(Call.empty(new ApiRequest("GET", "/x")), RequestOptions.none()));
    assertEquals("slow down", e.getMessage());
    assertEquals("rate", e.code().orElseThrow());
    assertEquals(10L, e.rateLimit().orElseThrow().limit().orElseThrow());
    assertEquals(3, server.received.size());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), waits.delays);
    server.reply(Reply.json(404, "{}"));
    NotFoundException missing =
        assertThrows(
            NotFoundException.class,
            () ->
                core.execute(
                    Call.empty(new ApiRequest("GET", "/x")),
                    RequestOptions.builder().maxRetries(5).build()));
    assertEquals("Error code: 404", missing.getMessage());
  }

  @Test
  void checks() {
    ClientCore core = client().maxRetries(1).build();
    server.reply(Reply.json(204, ""));
    assertTrue(core.execute(Call.ok(new ApiRequest("GET", "/health")), RequestOptions.none()));
    server.reply(Reply.json(500, "{}"), Reply.json(503, "{}"));
    assertFalse(core.execute(Call.ok(new ApiRequest("GET", "/health")), RequestOptions.none()));
    ClientCore down = Fixtures.core("http://127.0.0.1:1", waits).maxRetries(0).build();
    assertFalse(down.execute(Call.ok(new ApiRequest("GET", "/health")), RequestOptions.none()));
    assertThrows(
        ApiConnectionException.class,
        () -> down.execute(Call.empty(new ApiRequest("GET", "/health")), RequestOptions.none()));
  }

  @Test
  void timeoutsAndCancel() throws Exception {
    server.reply(ok("{}").delayed(3000));
    ClientCore core = client().maxRetries(0).build();
    long start = System.nanoTime();
    assertThrows(
        ApiTimeoutException.class,
        () ->
            core.execute(
                Call.empty(new ApiRequest("GET", "/slow")),
                RequestOptions.builder().timeout(Duration.ofMillis(200)).build()));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
    server.reply(ok("{}").delayed(3000));
    CompletableFuture<Void> future =
        core.executeAsync(Call.empty(new ApiRequest("GET", "/slow")), RequestOptions.none());
    Thread.sleep(100);
    assertTrue(future.cancel(true));
    assertThrows(CancellationException.class, future::join);
  }

  @Test
  void cancelAbortsTheRequest() {
    List<CompletableFuture<HttpResponseData>> sent = new ArrayList<>();
    ClientCore core =
        client()
            .transport(
                request -> {
                  CompletableFuture<HttpResponseData> pending = new CompletableFuture<>();
                  sent.add(pending);
                  return pending;
                })
            .build();
    CompletableFuture<Void> call =
        core.executeAsync(Call.empty(new ApiRequest("GET", "/slow")), RequestOptions.none());
    assertTrue(call.cancel(true));
    assertEquals(1, sent.size());
    assertTrue(sent.get(0).isCancelled());
  }

  @Test
  void interceptorsMayReplaceResponses() {
    ClientCore core =
        client()
            .transport(
                request ->
                    CompletableFuture.completedFuture(new HttpResponseData(500, Map.of(), null)))
            .interceptor(
                new Interceptor() {
                  @Override
                  public HttpResponseData onResponse(
                      HttpRequestData request, HttpResponseData response) {
                    return new HttpResponseData(
                        200,
                        Map.of("Content-Type", List.of("text/plain")),
                        new java.io.ByteArrayInputStream("hi".getBytes(StandardCharsets.UTF_8)));
                  }
                })
            .build();
    assertEquals("hi", core.execute(Call.text(new ApiRequest("GET", "/t")), RequestOptions.none()));
    assertThrows(
        InternalServerException.class,
        () ->
            Fixtures.core("http://x", waits)
                .maxRetries(0)
                .transport(
                    r ->
                        CompletableFuture.completedFuture(
                            new HttpResponseData(500, Map.of(), null)))
                .build()
                .executeRaw(Call.ok(new ApiRequest("GET", "/health")), RequestOptions.none()));
  }

  @Test
  void asyncCallsComplete() throws Exception {
    server.reply(Reply.json(502, "{}"), ok("{\"a\":2}"));
    ClientCore core = client().build();
    Map<String, Object> value =
        core.executeAsync(Call.json(new ApiRequest("GET", "/a"), MAP), RequestOptions.none())
            .get(5, TimeUnit.SECONDS);
    assertEquals(2, value.get("a"));
    server.reply(Reply.json(400, "{\"message\":\"no\"}"));
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                core.executeAsync(Call.text(new ApiRequest("GET", "/a")), RequestOptions.none())
                    .get(5, TimeUnit.SECONDS));
    assertInstanceOf(BadRequestException.class, e.getCause());
  }

  @Test
  void clientCredentialsTokenIsCached() {
    server.reply(
        ok("{\"access_token\":\"tok\",\"expires_in\":3600}"), ok("{\"n\":1}"), ok("{\"n\":2}"));
    List<String> seen = new ArrayList<>();
    ClientCore core =
        client()
            .auth("oauth2", AuthProvider.clientCredentials("/oauth/token", "id", "secret"))
            .interceptor(
                new Interceptor() {
                  @Override
                  public HttpRequestData onRequest(HttpRequestData request) {
                    seen.add(request.uri().getPath());
                    return request.withHeader("X-Seen", "1");
                  }
                })
            .build();
    ApiRequest r = new ApiRequest("GET", "/me").security(List.of(List.of("oauth2")));
    core.execute(Call.json(r, MAP), RequestOptions.none());
    core.execute(Call.json(r, MAP), RequestOptions.none());
    assertEquals(List.of("/v1/oauth/token", "/v1/me", "/v1/me"), seen);
    TestServer.Received token = server.received.get(0);
    assertEquals("grant_type=client_credentials&client_id=id&client_secret=secret", token.body());
    assertEquals("Bearer tok", server.received.get(1).header("Authorization"));
    assertEquals("1", server.received.get(2).header("X-Seen"));
  }

  @Test
  void concurrentCallsFetchOneToken() throws Exception {
    server.reply(ok("{\"access_token\":\"tok\",\"expires_in\":3600}"));
    for (int i = 0; i < 8; i++) {
      server.reply(ok("{}"));
    }
    ClientCore core =
        client().auth("oauth2", AuthProvider.clientCredentials("/oauth/token", "id", "s")).build();
    ApiRequest r = new ApiRequest("GET", "/me").security(List.of(List.of("oauth2")));
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(core.executeAsync(Call.empty(r), RequestOptions.none()));
    }
    CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);
    assertEquals(
        1, server.received.stream().filter(got -> got.path().equals("/v1/oauth/token")).count());
    assertEquals(9, server.received.size());
  }

  @Test
  void loginTokenRefreshedAfter401() {
    LoginSettings settings =
        new LoginSettings(
            List.of("access_token"), List.of("refresh_token"), List.of(), "/auth/refresh", "", "");
    ClientCore core = client().auth("login", AuthProvider.login(null, settings)).build();
    server.reply(ok("{\"data\":{\"access_token\":\"a1\",\"refresh_token\":\"r1\"}}"));
    ApiRequest login = new ApiRequest("POST", "/auth/login").security(List.of());
    core.login(Call.empty(login), "login", RequestOptions.none());
    server.reply(Reply.json(401, "{}"), ok("{\"access_token\":\"a2\"}"), ok("{\"ok\":true}"));
    ApiRequest r = new ApiRequest("GET", "/me").security(List.of(List.of("login")));
    core.execute(Call.json(r, MAP), RequestOptions.builder().maxRetries(0).build());
    assertEquals("Bearer a1", server.received.get(1).header("Authorization"));
    assertEquals("/v1/auth/refresh", server.received.get(2).path());
    assertEquals("{\"refresh_token\":\"r1\"}", server.received.get(2).body());
    assertEquals("Bearer a2", server.received.get(3).header("Authorization"));
    assertFalse(server.received.get(0).headers().containsKey("Authorization"));
  }

  @Test
  void refreshRefusedEndsTheCall() {
    LoginSettings settings =
        new LoginSettings(
            List.of(), List.of("refresh_token"), List.of(), "/auth/refresh", "POST", "token");
    ClientCore core = client().auth("login", AuthProvider.login(null, settings)).build();
    server.reply(ok("{\"access_token\":\"a1\",\"refresh_token\":\"r1\"}"));
    core.login(Call.empty(new ApiRequest("POST", "/login")), "login", RequestOptions.none());
    server.reply(Reply.json(401, "{}"), Reply.json(503, "{}"), Reply.json(400, "{}"));
    ApiRequest r = new ApiRequest("GET", "/me").security(List.of(List.of("login")));
    assertThrows(
        BadRequestException.class, () -> core.execute(Call.empty(r), RequestOptions.none()));
    assertEquals(4, server.received.size());
  }

  @Test
  void authorizationCodeFlow() {
    List<OAuthTokens> hooked = new ArrayList<>();
    OAuthEndpoints endpoints =
        new OAuthEndpoints(
            "https://auth.test/authorize",
            "/oauth/token",
            "/oauth/token",
            "/oauth/revoke",
            List.of("read", "write"));
    ClientCore core =
        client()
            .auth(
                "oauth2",
                AuthProvider.authorizationCode(endpoints, "cid", "sec", null, null, hooked::add))
            .build();
    OAuth oauth = core.oauth("oauth2");
    AuthorizationRequest request =
        oauth.authorizationUrl("https://app.test/cb", null, "st", "verifier");
    assertEquals(
        "https://auth.test/authorize?response_type=code&client_id=cid"
            + "&redirect_uri=https%3A%2F%2Fapp.test%2Fcb&scope=read%20write&state=st"
            + "&code_challenge="
            + OAuth.pkceChallenge("verifier")
            + "&code_challenge_method=S256",
        request.url());
    assertEquals(
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        OAuth.pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    server.reply(
        ok("{\"access_token\":\"at1\",\"refresh_token\":\"rt1\",\"expires_in\":3600}"),
        ok("{}"),
        ok("{\"access_token\":\"at2\"}"),
        ok("{}"));
    OAuthTokens tokens = oauth.exchangeCode("code1", "https://app.test/cb", "verifier");
    assertEquals("at1", tokens.accessToken());
    assertEquals(
        "grant_type=authorization_code&code=code1&redirect_uri=https%3A%2F%2Fapp.test%2Fcb"
            + "&client_id=cid&client_secret=sec&code_verifier=verifier",
        server.received.get(0).body());
    core.execute(
        Call.json(new ApiRequest("GET", "/me").security(List.of(List.of("oauth2"))), MAP),
        RequestOptions.none());
    assertEquals("Bearer at1", server.received.get(1).header("Authorization"));
    OAuthTokens refreshed = oauth.refresh();
    assertEquals("rt1", refreshed.refreshToken(), "a refresh without a new token keeps the old");
    assertEquals(List.of(tokens, refreshed), hooked);
    oauth.revoke(null);
    assertEquals("token=rt1&client_id=cid&client_secret=sec", server.received.get(3).body());
    assertTrue(oauth.tokens().isEmpty());
    server.reply(
        Reply.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"bad code\"}"));
    BadRequestException refused =
        assertThrows(
            BadRequestException.class, () -> oauth.exchangeCode("x", "https://app.test/cb", null));
    assertEquals("bad code", refused.getMessage());
    assertEquals("invalid_grant", refused.code().orElseThrow());
  }

  @Test
  void securityAlternativesAndApiKeys() {
    ClientCore core =
        client()
            .auth("bearer", AuthProvider.bearer(null))
            .auth("key", AuthProvider.apiKey("api_key", "query", "k 1"))
            .auth("cookie", AuthProvider.apiKey("sid", "cookie", "s1"))
            .build();
    server.reply(ok("{}"), ok("{}"));
    ApiRequest r =
        new ApiRequest("GET", "/x")
            .query("a", "1", null)
            .cookie("c", "2", null)
            .security(List.of(List.of("bearer"), List.of("key", "cookie")));
    core.execute(Call.empty(r), RequestOptions.none());
    TestServer.Received got = server.received.get(0);
    assertEquals("a=1&api_key=k%201", got.query());
    assertEquals("c=2; sid=s1", got.header("Cookie"));
    assertFalse(got.headers().containsKey("Authorization"));
    core.execute(
        Call.empty(new ApiRequest("GET", "/x").security(List.of())), RequestOptions.none());
    assertEquals(null, server.received.get(1).query());
  }

  @Test
  void downloadsAndEvents() {
    server.reply(
        new Reply(200, Map.of("Content-Type", "image/png"), new byte[] {1, 2, 3}, 0),
        new Reply(
            200,
            Map.of("Content-Type", "text/event-stream"),
            "data: {\"n\":1}\n\ndata: {\"n\":2}\n\ndata: [DONE]\n\n"
                .getBytes(StandardCharsets.UTF_8),
            0));
    ClientCore core = client().build();
    try (BinaryResponse file =
        core.execute(Call.binary(new ApiRequest("GET", "/file")), RequestOptions.none())) {
      assertEquals("image/png", file.contentType().orElseThrow());
      assertArrayEquals(new byte[] {1, 2, 3}, file.bytes());
    }
    try (EventStream<JsonNode> events =
        core.execute(
            Call.sse(new ApiRequest("GET", "/events"), new TypeReference<JsonNode>() {}),
            RequestOptions.none())) {
      assertEquals(List.of(1, 2), events.stream().map(n -> n.get("n").asInt()).toList());
    }
    assertEquals("text/event-stream", server.received.get(1).header("Accept"));
  }

  @Test
  void pagesAreFetchedAsTheWalkReachesThem() {
    server.reply(
        ok("{\"data\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"next\":\"c2\"}"),
        ok("{\"data\":[{\"id\":\"c\"}],\"next\":null}"));
    ClientCore core = client().build();
    Pager pager = Pager.of("cursor", List.of("data")).with("next_cursor", List.of("next"));
    ApiRequest r = new ApiRequest("GET", "/items").query("limit", 2, null);
    Page<Map<String, Object>> page =
        core.execute(
            Call.page(r, MAP, pager), RequestOptions.builder().query("trace", "1").build());
    assertTrue(page.hasNextPage());
    assertEquals("c2", page.body().get("next").asText());
    List<Object> ids = new ArrayList<>();
    for (Map<String, Object> item : page.autoPager()) {
      ids.add(item.get("id"));
    }
    assertEquals(List.of("a", "b", "c"), ids);
    assertEquals("limit=2&trace=1", server.received.get(0).query());
    assertEquals("limit=2&cursor=c2&trace=1", server.received.get(1).query());
  }

  @Test
  void serverVariables() {
    ClientDefaults defaults =
        ClientDefaults.builder()
            .baseUrl("https://{region}.api.test/{version}")
            .serverVariable("region", "eu", List.of("eu", "us"))
            .serverVariable("version", "v1", List.of())
            .build();
    assertEquals("https://eu.api.test/v1", ClientCore.builder(defaults).build().baseUrl);
    assertEquals(
        "https://us.api.test/v2",
        ClientCore.builder(defaults)
            .serverVariable("region", "us")
            .serverVariable("version", "v2")
            .build()
            .baseUrl);
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClientCore.builder(defaults).serverVariable("region", "mars").build());
    assertTrue(bad.getMessage().contains("region"));
  }
}
