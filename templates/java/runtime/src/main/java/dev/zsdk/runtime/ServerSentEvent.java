package dev.zsdk.runtime;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One event of a server-sent event stream (what an untyped stream yields).
 *
 * @param data the data lines joined by newlines
 * @param event the event type ({@code ""} for the default)
 * @param id the last event id seen ({@code ""} for none)
 * @param retry the reconnection time in milliseconds the event gave, or {@code null}
 */
public record ServerSentEvent(
    @JsonProperty("data") String data,
    @JsonProperty("event") String event,
    @JsonProperty("id") String id,
    @JsonProperty("retry") Long retry) {}
