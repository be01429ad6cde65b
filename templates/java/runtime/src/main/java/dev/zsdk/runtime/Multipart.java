package dev.zsdk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code multipart/form-data} body: each property as one or more parts in the order given — a
 * file as a file part; one with a style as a text part per pair of its form serialisation; one with
 * a content type (an object or an array of objects without an encoding: JSON) as one part of that
 * type; otherwise a text part per scalar or array item.
 */
final class Multipart {
  private final String boundary;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private boolean first = true;

  Multipart(String boundary) {
    this.boundary = boundary;
  }

  /** The body of these parts. */
  static byte[] encode(
      List<ApiRequest.Part> parts, Map<String, Encoding> encodings, String boundary) {
    Multipart body = new Multipart(boundary);
    for (ApiRequest.Part part : parts) {
      Encoding enc = part.enc() != null ? part.enc() : encodings.get(part.name());
      if (part.file()) {
        body.files(part.name(), filesOf(part.value()));
      } else {
        body.property(part.name(), part.value(), enc);
      }
    }
    return body.finish();
  }

  /** The content type of a body with this boundary. */
  static String contentType(String boundary) {
    return "multipart/form-data; boundary=" + boundary;
  }

  private void property(String name, Object value, Encoding enc) {
    JsonNode tree = Wire.tree(value);
    if (tree == null) {
      return;
    }
    String contentType = "";
    if (enc != null && enc.contentType().isEmpty()) {
      for (String[] pair : WireSyntax.PLAIN.pairs(name, tree, enc)) {
        part(pair[0], null, "", pair[1].getBytes(StandardCharsets.UTF_8));
      }
      return;
    } else if (enc != null) {
      contentType = enc.contentType();
    } else if (hasObjects(tree)) {
      contentType = "application/json";
    }
    List<String> texts = new ArrayList<>();
    if (tree.isArray() && contentType.isEmpty()) {
      for (JsonNode item : tree) {
        texts.add(Wire.scalarText(item));
      }
    } else {
      texts.add(Wire.scalarText(tree));
    }
    for (String text : texts) {
      part(name, null, contentType, text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private void files(String name, List<FileUpload> files) {
    for (FileUpload file : files) {
      String filename =
          file.filename() == null || file.filename().isEmpty() ? name : file.filename();
      part(name, filename, file.contentType().orElse("application/octet-stream"), file.bytes());
    }
  }

  private void part(String name, String filename, String contentType, byte[] content) {
    StringBuilder head = new StringBuilder();
    head.append(first ? "--" : "\r\n--").append(boundary).append("\r\n");
    head.append("Content-Disposition: form-data; name=\"").append(quote(name)).append('"');
    if (filename != null) {
      head.append("; filename=\"").append(quote(filename)).append('"');
    }
    head.append("\r\n");
    if (!contentType.isEmpty()) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    head.append("\r\n");
    first = false;
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
  }

  private byte[] finish() {
    String end = (first ? "--" : "\r\n--") + boundary + "--\r\n";
    out.writeBytes(end.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static String quote(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** Whether a value is an object or an array holding one. */
  static boolean hasObjects(JsonNode value) {
    if (value.isObject()) {
      return true;
    }
    if (value.isArray()) {
      for (JsonNode item : value) {
        if (item.isObject()) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<FileUpload> filesOf(Object value) {
    List<FileUpload> files = new ArrayList<>();
    if (value instanceof FileUpload file) {
      files.add(file);
    } else if (value instanceof Optional<?> optional) {
      optional.ifPresent(v -> files.addAll(filesOf(v)));
    } else if (value instanceof Iterable<?> many) {
      for (Object item : many) {
        if (item instanceof FileUpload file) {
          files.add(file);
        }
      }
    }
    return files;
  }
}
