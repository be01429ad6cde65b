package dev.zsdk.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The WHATWG event-stream algorithm: "field: value" with one optional space removed, data lines
 * joined by newlines, ":" comments ignored, an event without data not dispatched, id kept across
 * events.
 */
final class SseDecoder {
  private String event = "";
  private final List<String> data = new ArrayList<>();
  private String id = "";
  private Long retry;

  /** Takes one line (without its ending); gives an event at a blank line, else {@code null}. */
  ServerSentEvent decode(String line) {
    if (line.isEmpty()) {
      if (data.isEmpty()) {
        event = "";
        retry = null;
        return null;
      }
      ServerSentEvent out = new ServerSentEvent(String.join("\n", data), event, id, retry);
      event = "";
      data.clear();
      retry = null;
      return out;
    }
    if (line.startsWith(":")) {
      return null;
    }
    int colon = line.indexOf(':');
    String name = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (name) {
      case "data" -> data.add(value);
      case "event" -> event = value;
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          id = value;
        }
      }
      case "retry" -> {
        if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
          try {
            retry = Long.parseLong(value);
          } catch (NumberFormatException e) {
            retry = null;
          }
        }
      }
      default -> {}
    }
    return null;
  }
}
