package dev.zsdk.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which request asks for the next page, and when there is none. */
class PaginationTest {
  private static JsonNode json(String text) {
    return Json.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String next(Pager pager, ApiRequest r, String body) {
    return next(pager, r, body, Map.of());
  }

  private static String next(
      Pager pager, ApiRequest r, String body, Map<String, List<String>> headers) {
    JsonNode tree = json(body);
    ApiRequest n = pager.next(r, tree, pager.rawItems(tree), headers, QueryParams.EMPTY);
    if (n == null) {
      return null;
    }
    return (n.url == null ? "" : n.url + " ") + n.query.encode();
  }

  private static ApiRequest list() {
    return new ApiRequest("GET", "/items").query("limit", 2, null);
  }

  @Test
  void cursor() {
    Pager pager = Pager.of("cursor", List.of("data")).with("next_cursor", List.of("next_cursor"));
    assertEquals(
        "limit=2&cursor=c2", next(pager, list(), "{\"data\":[{\"id\":1}],\"next_cursor\":\"c2\"}"));
    assertNull(next(pager, list(), "{\"data\":[],\"next_cursor\":\"c\"}"));
    assertNull(next(pager, list(), "{\"data\":[1],\"next_cursor\":null}"));
    ApiRequest same = list().query("cursor", "c2", null);
    assertNull(next(pager, same, "{\"data\":[1],\"next_cursor\":\"c2\"}"));
    Pager stripe =
        Pager.of("cursor", List.of("data"))
            .with("cursor_param", "starting_after")
            .with("cursor_item_field", List.of("id"))
            .with("has_more", List.of("has_more"));
    assertEquals(
        "limit=2&starting_after=b",
        next(stripe, list(), "{\"data\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"has_more\":true}"));
    assertNull(next(stripe, list(), "{\"data\":[{\"id\":\"a\"}],\"has_more\":false}"));
    Pager dynamo =
        Pager.of("cursor", List.of("items"))
            .with("cursor_param", "exclusiveStartKey")
            .with("next_cursor", List.of("meta", "nextKey"));
    assertEquals(
        "limit=2&exclusiveStartKey=42",
        next(dynamo, list(), "{\"items\":[1],\"meta\":{\"nextKey\":42}}"));
  }

  @Test
  void offset() {
    Pager pager = Pager.of("offset", List.of("data")).with("total", List.of("total"));
    assertEquals("limit=2&offset=2", next(pager, list(), "{\"data\":[1,2],\"total\":5}"));
    ApiRequest later = list().query("offset", 2, null);
    assertEquals("limit=2&offset=4", next(pager, later, "{\"data\":[1,2],\"total\":5}"));
    assertNull(next(pager, list().query("offset", 4, null), "{\"data\":[1],\"total\":5}"));
    assertNull(next(pager, list(), "{\"data\":[]}"));
  }

  @Test
  void page() {
    Pager pager =
        Pager.of("page", List.of("results"))
            .with("total_pages", List.of("meta", "pages"))
            .with("has_next", List.of("meta", "has_next"));
    assertEquals("limit=2&page=2", next(pager, list(), "{\"results\":[1],\"meta\":{\"pages\":3}}"));
    assertNull(
        next(pager, list().query("page", 3, null), "{\"results\":[1],\"meta\":{\"pages\":3}}"));
    assertNull(next(pager, list(), "{\"results\":[1],\"meta\":{\"has_next\":false}}"));
    assertEquals("page=2", next(Pager.of("page", List.of()), new ApiRequest("GET", "/"), "[1]"));
  }

  @Test
  void link() {
    Pager pager = Pager.of("link", List.of()).with("per_page_param", "per_page");
    ApiRequest r = new ApiRequest("GET", "/items").query("per_page", 2, null);
    Map<String, List<String>> headers =
        Map.of(
            "Link",
            List.of(
                "<https://api.test/items?page=2>; rel=\"next\", <https://api.test/items?page=9>;"
                    + " rel=\"last\""));
    assertEquals("https://api.test/items?page=2 per_page=2", next(pager, r, "[1]", headers));
    assertNull(next(pager, r, "[1]", Map.of()));
    assertEquals(
        Map.of("next", "/a", "prev", "/a", "last", "/b"),
        LinkHeader.parse("</a>; rel=\"next prev\", </b>; rel=last, </c>; rel=next"));
  }
}
