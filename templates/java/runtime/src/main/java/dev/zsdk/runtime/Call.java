package dev.zsdk.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a call sends ({@link ApiRequest}) and how its response is read. Made by the generated code's
 * static request methods; run with {@link ClientCore#execute}.
 *
 * @param <T> the call's value
 */
public final class Call<T> {
  /** Reads a call's value from its response. */
  @FunctionalInterface
  interface Reader<T> {
    T read(Exchange exchange);
  }

  final ApiRequest request;
  final boolean streamed;
  final T fallback;
  final Reader<T> reader;

  private Call(ApiRequest request, boolean streamed, T fallback, Reader<T> reader) {
    this.request = request;
    this.streamed = streamed;
    this.fallback = fallback;
    this.reader = reader;
  }

  /** The same reading for another request (the next page). */
  Call<T> withRequest(ApiRequest other) {
    return new Call<>(other, streamed, fallback, reader);
  }

  /**
   * A call whose JSON body (inside its envelope, if any) is the value.
   *
   * @param <T> the value's type
   * @param r the request
   * @param type the value's type
   * @return the call
   */
  public static <T> Call<T> json(ApiRequest r, TypeReference<T> type) {
    return new Call<>(r, false, null, ex -> decode(ex.body(), r.envelope, type));
  }

  /**
   * A call without a value.
   *
   * @param r the request
   * @return the call
   */
  public static Call<Void> empty(ApiRequest r) {
    return new Call<>(r, false, null, ex -> null);
  }

  /**
   * A call whose body is text.
   *
   * @param r the request
   * @return the call
   */
  public static Call<String> text(ApiRequest r) {
    return new Call<>(r, false, null, ex -> new String(ex.body(), StandardCharsets.UTF_8));
  }

  /**
   * A check ({@code x-zsdk-result: ok}): true for a 2xx answer, false for an error status, a failed
   * connection or a timeout once the retries are spent.
   *
   * @param r the request
   * @return the call
   */
  public static Call<Boolean> ok(ApiRequest r) {
    return new Call<>(r, false, Boolean.FALSE, ex -> Boolean.TRUE);
  }

  /**
   * A download: the body streamed.
   *
   * @param r the request
   * @return the call
   */
  public static Call<BinaryResponse> binary(ApiRequest r) {
    return new Call<>(r, true, null, ex -> new BinaryResponse(ex.stream(), ex.headers()));
  }

  /**
   * A server-sent event stream; {@code T} = {@link ServerSentEvent} gives the events untyped.
   *
   * @param <T> the events' data type
   * @param r the request
   * @param type the data's type
   * @return the call
   */
  public static <T> Call<EventStream<T>> sse(ApiRequest r, TypeReference<T> type) {
    if (r.accept == null) {
      r.accept("text/event-stream");
    }
    return new Call<>(r, true, null, ex -> new EventStream<>(ex.stream(), ex.headers(), type));
  }

  /**
   * A page of a list.
   *
   * @param <T> the items' type
   * @param r the request of the first page
   * @param item the items' type
   * @param pager how the list pages
   * @return the call
   */
  public static <T> Call<Page<T>> page(ApiRequest r, TypeReference<T> item, Pager pager) {
    return new Call<>(r, false, null, ex -> Page.read(ex, item, pager));
  }

  /** The JSON body as a value, unwrapped from its envelope; {@code null} for an empty body. */
  static <T> T decode(byte[] body, List<String> envelope, TypeReference<T> type) {
    if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
      return null;
    }
    try {
      if (envelope.isEmpty()) {
        return Json.mapper().readerFor(type).readValue(body);
      }
      JsonNode tree = Json.tryParse(body);
      if (tree == null) {
        throw new ApiResponseValidationException("Response body is not valid JSON", body, null);
      }
      JsonNode inner = JsonPath.get(tree, envelope);
      return Json.mapper()
          .readerFor(type)
          .readValue(inner == null ? NullNode.getInstance() : inner);
    } catch (IOException e) {
      throw new ApiResponseValidationException(
          "Response body does not match the expected schema: " + reason(e), body, e);
    }
  }

  static String reason(IOException e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }
}
