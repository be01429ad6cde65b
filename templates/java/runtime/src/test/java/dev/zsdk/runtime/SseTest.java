package dev.zsdk.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event-stream parser and typed streams. */
class SseTest {
  private static <T> EventStream<T> stream(String text, TypeReference<T> type) {
    return new EventStream<>(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Map.of(), type);
  }

  private static List<ServerSentEvent> events(String text) {
    List<ServerSentEvent> out = new ArrayList<>();
    stream(text, new TypeReference<ServerSentEvent>() {}).forEach(out::add);
    return out;
  }

  @Test
  void parser() {
    List<ServerSentEvent> got =
        events(
            ": comment\n"
                + "event: update\nid: 1\nretry: 5000\ndata: a\ndata:b\n\n"
                + "data:  two spaces\r\n\r\n"
                + "event: nothing\n\n"
                + "id: bad\u0000id\ndata: x\n\n"
                + "data: last without blank line");
    assertEquals(
        List.of(
            new ServerSentEvent("a\nb", "update", "1", 5000L),
            new ServerSentEvent(" two spaces", "", "1", null),
            new ServerSentEvent("x", "", "1", null),
            new ServerSentEvent("last without blank line", "", "1", null)),
        got);
  }

  @Test
  void typedAndDone() {
    EventStream<JsonNode> s =
        stream(
            "data: {\"n\":1}\n\ndata: {\"n\":2}\n\ndata: [DONE]\n\ndata: {\"n\":3}\n\n",
            new TypeReference<JsonNode>() {});
    List<Integer> seen = new ArrayList<>();
    s.forEach(node -> seen.add(node.get("n").asInt()));
    assertEquals(List.of(1, 2), seen);
  }

  @Test
  void errorEvent() {
    EventStream<JsonNode> s =
        stream(
            "data: {\"n\":1}\n\nevent: error\ndata: {\"error\":{\"message\":\"overloaded\","
                + "\"code\":\"busy\"}}\n\n",
            new TypeReference<JsonNode>() {});
    Iterator<JsonNode> it = s.iterator();
    assertEquals(1, it.next().get("n").asInt());
    ApiStatusException e = assertThrows(ApiStatusException.class, it::hasNext);
    assertEquals(0, e.statusCode());
    assertEquals("overloaded", e.getMessage());
    assertEquals("busy", e.code().orElseThrow());
    assertFalse(it.hasNext());
    ApiStatusException plain =
        assertThrows(
            ApiStatusException.class, () -> events("event: error\ndata: something broke\n\n"));
    assertEquals("something broke", plain.getMessage());
  }

  @Test
  void badData() {
    EventStream<Integer> s = stream("data: {\"x\":1}\n\n", new TypeReference<Integer>() {});
    assertThrows(ApiResponseValidationException.class, () -> s.iterator().next());
  }
}
