package dev.zsdk.runtime;

/**
 * Sees every request the client sends (each try of a call, token requests too) and every response.
 * Both methods default to passing the value through.
 */
public interface Interceptor {
  /**
   * Called before a request is sent.
   *
   * @param request the request
   * @return the request to send (the same, or a changed copy)
   */
  default HttpRequestData onRequest(HttpRequestData request) {
    return request;
  }

  /**
   * Called when a response arrived (before the SDK reads it).
   *
   * @param request the request sent
   * @param response the response
   * @return the response the SDK reads (the same, or a replacement)
   */
  default HttpResponseData onResponse(HttpRequestData request, HttpResponseData response) {
    return response;
  }
}
