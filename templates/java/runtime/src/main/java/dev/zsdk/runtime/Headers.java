package dev.zsdk.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Header maps with case-insensitive names. */
final class Headers {
  private Headers() {}

  /** An empty mutable map with case-insensitive names. */
  static TreeMap<String, List<String>> create() {
    return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  }

  /** An unmodifiable case-insensitive copy. */
  static Map<String, List<String>> copy(Map<String, List<String>> headers) {
    TreeMap<String, List<String>> out = create();
    if (headers != null) {
      headers.forEach((name, values) -> out.put(name, List.copyOf(values)));
    }
    return Collections.unmodifiableMap(out);
  }

  /** A mutable case-insensitive copy. */
  static TreeMap<String, List<String>> mutable(Map<String, List<String>> headers) {
    TreeMap<String, List<String>> out = create();
    headers.forEach((name, values) -> out.put(name, new ArrayList<>(values)));
    return out;
  }

  /** The first value of a header. */
  static Optional<String> first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    if (values == null) {
      for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name)) {
          values = entry.getValue();
          break;
        }
      }
    }
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** A header's whole-number value. */
  static Optional<Long> longValue(Map<String, List<String>> headers, String name) {
    Optional<String> text = first(headers, name).map(String::trim);
    if (text.isEmpty() || text.get().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(text.get()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The {@code x-request-id} (or {@code request-id}) header. */
  static Optional<String> requestId(Map<String, List<String>> headers) {
    Optional<String> id = first(headers, "x-request-id").filter(s -> !s.isEmpty());
    return id.isPresent() ? id : first(headers, "request-id").filter(s -> !s.isEmpty());
  }
}
