package dev.zsdk.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One page of a list: its items and the way to the next page.
 *
 * @param <T> the items' type
 */
public final class Page<T> {
  private final List<T> items;
  private final JsonNode body;
  private final ClientCore core;
  private final RequestOptions options;
  private final Call<Page<T>> call;
  private final ApiRequest next;

  private Page(
      List<T> items,
      JsonNode body,
      ClientCore core,
      RequestOptions options,
      Call<Page<T>> call,
      ApiRequest next) {
    this.items = List.copyOf(items);
    this.body = body;
    this.core = core;
    this.options = options;
    this.call = call;
    this.next = next;
  }

  /** Reads a page from its response. */
  static <T> Page<T> read(Exchange ex, TypeReference<T> itemType, Pager pager) {
    JsonNode body = Json.tryParse(ex.body());
    if (body == null) {
      throw new ApiResponseValidationException("Response body is not valid JSON", ex.body(), null);
    }
    JsonNode raw = pager.rawItems(body);
    JavaType type = Json.mapper().getTypeFactory().constructType(itemType);
    List<T> items = new ArrayList<>(raw.size());
    for (JsonNode item : raw) {
      try {
        T typed = Json.mapper().readerFor(type).readValue(item);
        items.add(typed);
      } catch (IOException e) {
        throw new ApiResponseValidationException(
            "Response body does not match the expected schema: " + Call.reason(e), ex.body(), e);
      }
    }
    ApiRequest next =
        pager.next(ex.request(), body, raw, ex.headers(), QueryParams.extra(ex.options().query()));
    Call<Page<T>> call = Call.page(ex.request(), itemType, pager);
    return new Page<>(items, body, ex.core(), ex.options(), call, next);
  }

  /**
   * This page's items.
   *
   * @return the items
   */
  public List<T> items() {
    return items;
  }

  /**
   * The raw page body.
   *
   * @return the body
   */
  public JsonNode body() {
    return body;
  }

  /**
   * Whether there is a page after this one.
   *
   * @return true when there is
   */
  public boolean hasNextPage() {
    return next != null;
  }

  /**
   * Fetches the next page.
   *
   * @return the next page, empty at the end
   */
  public Optional<Page<T>> nextPage() {
    return next == null
        ? Optional.empty()
        : Optional.of(core.execute(call.withRequest(next), options));
  }

  /**
   * Fetches the next page without blocking.
   *
   * @return the next page, empty at the end
   */
  public CompletableFuture<Optional<Page<T>>> nextPageAsync() {
    return next == null
        ? CompletableFuture.completedFuture(Optional.empty())
        : core.executeAsync(call.withRequest(next), options).thenApply(Optional::of);
  }

  /**
   * The items of this page and every later one, each page fetched when the walk reaches it.
   *
   * @return the items
   */
  public AutoPager<T> autoPager() {
    return new AutoPager<>(this);
  }
}
