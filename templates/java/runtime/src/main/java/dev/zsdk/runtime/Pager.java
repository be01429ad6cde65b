package dev.zsdk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How an operation pages: the style ({@code cursor}, {@code offset}, {@code page} or {@code link}),
 * where the items are in the body, and the settings that differ from the defaults. Stop rules:
 * cursor — no cursor, {@code has_more} not true, an empty page or the same cursor again; offset —
 * an empty page or offset &gt;= total; page — an empty page, {@code has_next} false or page &gt;=
 * total pages; link — no {@code rel="next"} link. Immutable.
 */
public final class Pager {
  private final String style;
  private final List<String> items;
  private final Map<String, Object> settings;

  private Pager(String style, List<String> items, Map<String, Object> settings) {
    this.style = style;
    this.items = List.copyOf(items);
    this.settings = settings;
  }

  /**
   * A paginator.
   *
   * @param style cursor, offset, page or link
   * @param items the property names leading to the items (empty: the body is the list)
   * @return the paginator
   */
  public static Pager of(String style, List<String> items) {
    return new Pager(style, items, Map.of());
  }

  /**
   * Sets a query parameter's name: {@code cursor_param}, {@code offset_param}, {@code limit_param},
   * {@code page_param} or {@code per_page_param}.
   *
   * @param key the setting
   * @param param the parameter's name
   * @return the changed copy
   */
  public Pager with(String key, String param) {
    return set(key, param);
  }

  /**
   * Sets a path into the body (into the last item for {@code cursor_item_field}): {@code
   * next_cursor}, {@code cursor_item_field}, {@code has_more}, {@code total}, {@code total_pages}
   * or {@code has_next}.
   *
   * @param key the setting
   * @param path the property names leading to the value
   * @return the changed copy
   */
  public Pager with(String key, List<String> path) {
    return set(key, List.copyOf(path));
  }

  private Pager set(String key, Object value) {
    Map<String, Object> changed = new LinkedHashMap<>(settings);
    changed.put(key, value);
    return new Pager(style, items, Map.copyOf(changed));
  }

  /** A query parameter's name (a path's names joined by "."). */
  String param(String key) {
    Object value = settings.get(key);
    if (value instanceof String name) {
      return name;
    }
    if (value instanceof List<?> path) {
      return String.join(".", path.stream().map(String::valueOf).toList());
    }
    return switch (key) {
      case "cursor_param" -> "cursor";
      case "offset_param" -> "offset";
      case "limit_param" -> "limit";
      case "page_param" -> "page";
      default -> "";
    };
  }

  /** A path setting (a name given for one is a path of one step), or {@code null}. */
  List<String> path(String key) {
    Object value = settings.get(key);
    if (value instanceof String name) {
      return List.of(name);
    }
    if (value instanceof List<?> path) {
      return path.stream().map(String::valueOf).toList();
    }
    return null;
  }

  /** The items of a page body (none when not a list). */
  JsonNode rawItems(JsonNode body) {
    JsonNode found = JsonPath.get(body, items);
    return found != null && found.isArray() ? found : Json.mapper().createArrayNode();
  }

  /** The request for the page after r's, or {@code null} at the end. */
  ApiRequest next(
      ApiRequest r,
      JsonNode body,
      JsonNode pageItems,
      Map<String, List<String>> headers,
      QueryParams extra) {
    if (style.equals("link")) {
      return nextLink(r, headers, extra);
    }
    if (pageItems.isEmpty()) {
      return null;
    }
    switch (style) {
      case "cursor" -> {
        List<String> hasMore = path("has_more");
        if (hasMore != null) {
          JsonNode more = JsonPath.get(body, hasMore);
          if (more == null || !more.isBoolean() || !more.booleanValue()) {
            return null;
          }
        }
        JsonNode cursor = null;
        if (path("next_cursor") != null) {
          cursor = JsonPath.get(body, path("next_cursor"));
        } else if (path("cursor_item_field") != null) {
          cursor = JsonPath.get(pageItems.get(pageItems.size() - 1), path("cursor_item_field"));
        }
        String text = cursorText(cursor);
        String param = param("cursor_param");
        if (text.isEmpty() || text.equals(r.query.get(param).orElse(null))) {
          return null;
        }
        return r.withQueryValue(param, text);
      }
      case "offset" -> {
        String param = param("offset_param");
        long offset = toLong(r.query.get(param).orElse(null)).orElse(0L) + pageItems.size();
        List<String> total = path("total");
        if (total != null) {
          Optional<Long> count = toLong(JsonPath.get(body, total));
          if (count.isPresent() && offset >= count.get()) {
            return null;
          }
        }
        return r.withQueryValue(param, Long.toString(offset));
      }
      default -> {
        String param = param("page_param");
        long page = toLong(r.query.get(param).orElse(null)).orElse(1L);
        List<String> hasNext = path("has_next");
        if (hasNext != null) {
          JsonNode value = JsonPath.get(body, hasNext);
          if (value != null && value.isBoolean() && !value.booleanValue()) {
            return null;
          }
        }
        List<String> totalPages = path("total_pages");
        if (totalPages != null) {
          Optional<Long> count = toLong(JsonPath.get(body, totalPages));
          if (count.isPresent() && page >= count.get()) {
            return null;
          }
        }
        return r.withQueryValue(param, Long.toString(page + 1));
      }
    }
  }

  private ApiRequest nextLink(ApiRequest r, Map<String, List<String>> headers, QueryParams extra) {
    String target =
        Headers.first(headers, "link").map(h -> LinkHeader.parse(h).get("next")).orElse(null);
    if (target == null) {
      return null;
    }
    ApiRequest next = r.copy();
    next.url = target;
    next.query = QueryParams.EMPTY;
    String perPage = param("per_page_param");
    Optional<String> size = perPage.isEmpty() ? Optional.empty() : r.query.with(extra).get(perPage);
    int question = target.indexOf('?');
    QueryParams linkQuery =
        QueryParams.parse(question < 0 ? "" : target.substring(question + 1).split("#", 2)[0]);
    if (size.isPresent() && linkQuery.get(perPage).isEmpty()) {
      next.query = next.query.setValue(perPage, size.get());
    }
    return next;
  }

  /** A cursor's text: a string, a number, or a boolean as True/False; "" otherwise. */
  static String cursorText(JsonNode value) {
    if (value == null) {
      return "";
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isNumber()) {
      return Wire.numberText(value);
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? "True" : "False";
    }
    return "";
  }

  private static Optional<Long> toLong(Object value) {
    String text = null;
    if (value instanceof String s) {
      text = s;
    } else if (value instanceof JsonNode node && (node.isTextual() || node.isIntegralNumber())) {
      text = node.asText();
    }
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
