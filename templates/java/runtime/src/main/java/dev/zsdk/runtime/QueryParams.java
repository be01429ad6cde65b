package dev.zsdk.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request's query parameters in the order they are sent (a query string written in the path, the
 * operation's parameters in declaration order — an absent one keeps its place —, then the caller's
 * extra ones), each as its pairs already percent-encoded. Immutable.
 */
final class QueryParams {
  /** One parameter: its (decoded) name and its encoded pairs, none when absent. */
  record Param(String name, List<String[]> pairs) {}

  static final QueryParams EMPTY = new QueryParams(List.of());

  private final List<Param> params;

  private QueryParams(List<Param> params) {
    this.params = params;
  }

  /** The first value sent under name, decoded. */
  Optional<String> get(String name) {
    for (Param param : params) {
      for (String[] pair : param.pairs()) {
        if (Wire.unescape(pair[0]).equals(name)) {
          return Optional.of(Wire.unescape(pair[1]));
        }
      }
    }
    return Optional.empty();
  }

  /** These parameters with name given these pairs in its place (at the end when new). */
  QueryParams set(String name, List<String[]> pairs) {
    List<Param> out = new ArrayList<>(params.size() + 1);
    boolean placed = false;
    for (Param param : params) {
      if (!param.name().equals(name)) {
        out.add(param);
      } else if (!placed) {
        out.add(new Param(name, pairs));
        placed = true;
      }
    }
    if (!placed) {
      out.add(new Param(name, pairs));
    }
    return new QueryParams(List.copyOf(out));
  }

  /** These parameters followed by one more (not replacing any). */
  QueryParams append(String name, List<String[]> pairs) {
    List<Param> out = new ArrayList<>(params);
    out.add(new Param(name, pairs));
    return new QueryParams(List.copyOf(out));
  }

  /** These with every parameter of extra set. */
  QueryParams with(QueryParams extra) {
    QueryParams out = this;
    for (Param param : extra.params) {
      out = out.set(param.name(), param.pairs());
    }
    return out;
  }

  /** One value, form style: the pair percent-encoded. */
  QueryParams setValue(String name, String value) {
    List<String[]> pairs = new ArrayList<>();
    pairs.add(new String[] {Wire.percent(name, false), Wire.percent(value, false)});
    return set(name, pairs);
  }

  String encode() {
    List<String[]> pairs = new ArrayList<>();
    for (Param param : params) {
      pairs.addAll(param.pairs());
    }
    return WireSyntax.join(pairs, "&");
  }

  /** Encoded pairs grouped as parameters, the pairs of one decoded name where it first appears. */
  static QueryParams grouped(List<String[]> pairs) {
    List<String> names = new ArrayList<>();
    List<List<String[]>> groups = new ArrayList<>();
    for (String[] pair : pairs) {
      String name = Wire.unescape(pair[0]);
      int at = names.indexOf(name);
      if (at < 0) {
        names.add(name);
        groups.add(new ArrayList<>());
        at = names.size() - 1;
      }
      groups.get(at).add(pair);
    }
    List<Param> params = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      params.add(new Param(names.get(i), groups.get(i)));
    }
    return new QueryParams(List.copyOf(params));
  }

  /** A raw query string's pairs, in order and as written. */
  static QueryParams parse(String raw) {
    List<String[]> pairs = new ArrayList<>();
    for (String part : raw.split("&")) {
      if (!part.isEmpty()) {
        int eq = part.indexOf('=');
        pairs.add(
            eq < 0
                ? new String[] {part, ""}
                : new String[] {part.substring(0, eq), part.substring(eq + 1)});
      }
    }
    return grouped(pairs);
  }

  /** The caller's extra query parameters (form, exploded). */
  static QueryParams extra(List<String[]> extra) {
    List<String[]> pairs = new ArrayList<>();
    for (String[] pair : extra) {
      pairs.add(new String[] {Wire.percent(pair[0], false), Wire.percent(pair[1], false)});
    }
    return grouped(pairs);
  }
}
