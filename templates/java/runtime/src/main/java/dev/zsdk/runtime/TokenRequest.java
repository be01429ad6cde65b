package dev.zsdk.runtime;

import java.util.List;
import java.util.Map;

/**
 * An HTTP call a provider needs made before it can authenticate a request.
 *
 * @param method the HTTP method
 * @param url the URL, absolute or relative to the base URL
 * @param form form pairs sent in order ({@code null}: none)
 * @param json a JSON object body ({@code null}: none)
 */
record TokenRequest(String method, String url, List<String[]> form, Map<String, String> json) {

  static TokenRequest post(String url, List<String[]> form) {
    return new TokenRequest("POST", url, form, null);
  }
}
