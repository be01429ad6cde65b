package dev.zsdk.runtime;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 8288 Link headers. */
final class LinkHeader {
  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");

  private LinkHeader() {}

  /** rel → URL (the first URL wins per rel). */
  static Map<String, String> parse(String header) {
    Map<String, String> links = new LinkedHashMap<>();
    Matcher match = LINK.matcher(header);
    while (match.find()) {
      for (String param : match.group(2).split(";")) {
        String[] pair = param.trim().split("=", 2);
        if (pair.length < 2 || !pair[0].trim().equalsIgnoreCase("rel")) {
          continue;
        }
        String rels = pair[1].trim();
        if (rels.startsWith("\"")) {
          rels = rels.substring(1);
        }
        if (rels.endsWith("\"")) {
          rels = rels.substring(0, rels.length() - 1);
        }
        for (String rel : rels.trim().split("\\s+")) {
          if (!rel.isEmpty()) {
            links.putIfAbsent(rel.toLowerCase(Locale.ROOT), match.group(1));
          }
        }
      }
    }
    return links;
  }
}
