package dev.zsdk.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The items of a server-sent event stream, read once as they arrive. A {@code data: [DONE]} event
 * ends it; an {@code event: error} event ends it by throwing an {@link ApiStatusException} (status
 * 0). Close it when not read to the end.
 *
 * @param <T> the events' data type ({@link ServerSentEvent}: the events themselves)
 */
public final class EventStream<T> implements Iterable<T>, AutoCloseable {
  private final InputStream body;
  private final BufferedReader reader;
  private final Map<String, List<String>> headers;
  private final JavaType type;
  private final boolean raw;
  private final SseDecoder decoder = new SseDecoder();
  private boolean done;
  private T pending;
  private boolean hasPending;

  EventStream(InputStream body, Map<String, List<String>> headers, TypeReference<T> type) {
    this.body = body;
    this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    this.headers = headers;
    this.type = Json.mapper().getTypeFactory().constructType(type);
    this.raw = this.type.getRawClass() == ServerSentEvent.class;
  }

  private ServerSentEvent nextEvent() throws IOException {
    while (true) {
      String line = reader.readLine();
      if (line == null) {
        return decoder.decode("");
      }
      ServerSentEvent event = decoder.decode(line);
      if (event != null) {
        return event;
      }
    }
  }

  private boolean advance() {
    if (hasPending) {
      return true;
    }
    if (done) {
      return false;
    }
    ServerSentEvent event;
    try {
      event = nextEvent();
    } catch (IOException e) {
      finish();
      throw new ApiConnectionException("Connection error.", e);
    }
    if (event == null || event.data().equals("[DONE]")) {
      finish();
      return false;
    }
    if (event.event().equals("error")) {
      finish();
      byte[] data = event.data().getBytes(StandardCharsets.UTF_8);
      ErrorBodies.Found found = ErrorBodies.extract(Json.tryParse(data));
      String message = found.message().isEmpty() ? event.data() : found.message();
      throw new ApiStatusException(
          0, headers, data, message, found.code().isEmpty() ? null : found.code(), null);
    }
    pending = convert(event);
    hasPending = true;
    return true;
  }

  private T convert(ServerSentEvent event) {
    if (raw) {
      return Json.mapper().convertValue(Json.mapper().valueToTree(event), type);
    }
    try {
      return Json.mapper().readerFor(type).readValue(event.data());
    } catch (IOException e) {
      finish();
      throw new ApiResponseValidationException(
          "Event data does not match the expected schema: " + Call.reason(e),
          event.data().getBytes(StandardCharsets.UTF_8),
          e);
    }
  }

  private void finish() {
    done = true;
    close();
  }

  /**
   * The remaining items, read as the iteration asks for them (one iteration only).
   *
   * @return the iterator
   */
  @Override
  public Iterator<T> iterator() {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return advance();
      }

      @Override
      public T next() {
        if (!advance()) {
          throw new NoSuchElementException();
        }
        hasPending = false;
        T item = pending;
        pending = null;
        return item;
      }
    };
  }

  /**
   * The remaining items as a stream; closing the stream closes this.
   *
   * @return the stream
   */
  public Stream<T> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false)
        .onClose(this::close);
  }

  /** Releases the connection. */
  @Override
  public void close() {
    done = true;
    try {
      body.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
