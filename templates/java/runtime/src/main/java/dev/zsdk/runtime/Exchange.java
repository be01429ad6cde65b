package dev.zsdk.runtime;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A call's successful response as a {@link Call} reads it: the status, headers and either the body
 * (buffered) or its stream, with the client, options and request that made it (for the next page).
 */
record Exchange(
    ClientCore core,
    RequestOptions options,
    ApiRequest request,
    int statusCode,
    Map<String, List<String>> headers,
    byte[] body,
    InputStream stream) {}
