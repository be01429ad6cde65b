package dev.zsdk.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** One try's request while its credentials are applied: headers, cookies and query added last. */
final class AttemptRequest {
  final TreeMap<String, List<String>> headers;
  final List<String> cookies = new ArrayList<>();
  final List<String> query = new ArrayList<>();

  AttemptRequest(TreeMap<String, List<String>> headers) {
    this.headers = headers;
  }

  void setHeader(String name, String value) {
    headers.put(name, new ArrayList<>(List.of(value)));
  }
}
