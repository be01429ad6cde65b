package dev.zsdk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads message, code and field from an error body. Envelopes, in order: {@code {error: {message,
 * code|type}}}, {@code {error: "text"}} (with OAuth's {@code error_description}), {@code {errors:
 * [{code, message, field}]}}, {@code {message, code}}, {@code {detail: str | [{msg}]}}, {@code
 * {title}}.
 */
final class ErrorBodies {
  private ErrorBodies() {}

  /** Message and code of an error body; each {@code ""} when absent. */
  record Found(String message, String code) {}

  static Found extract(JsonNode body) {
    if (body == null || !body.isObject()) {
      return new Found("", "");
    }
    JsonNode error = body.get("error");
    if (error != null && error.isObject()) {
      String message = text(error.get("message"));
      String code = code(error.get("code"));
      if (code.isEmpty()) {
        code = code(error.get("type"));
      }
      if (!message.isEmpty() || !code.isEmpty()) {
        return new Found(message, code);
      }
    } else if (error != null && error.isTextual() && !error.textValue().isEmpty()) {
      String description = text(body.get("error_description"));
      if (!description.isEmpty()) {
        return new Found(description, error.textValue());
      }
      return new Found(error.textValue(), code(body.get("code")));
    }
    JsonNode errors = body.get("errors");
    if (errors != null && errors.isArray() && !errors.isEmpty()) {
      Found found = fromList(errors);
      if (!found.message().isEmpty()) {
        return found;
      }
    }
    String message = text(body.get("message"));
    if (!message.isEmpty()) {
      return new Found(message, code(body.get("code")));
    }
    JsonNode detail = body.get("detail");
    if (detail != null && detail.isTextual() && !detail.textValue().isEmpty()) {
      return new Found(detail.textValue(), code(body.get("code")));
    }
    if (detail != null && detail.isArray()) {
      Found found = fromList(detail);
      if (!found.message().isEmpty()) {
        return found;
      }
    }
    String title = text(body.get("title"));
    if (!title.isEmpty()) {
      return new Found(title, code(body.get("code")));
    }
    return new Found("", "");
  }

  private static Found fromList(JsonNode items) {
    List<String> messages = new ArrayList<>();
    String code = "";
    boolean haveCode = false;
    for (JsonNode item : items) {
      if (item.isTextual()) {
        messages.add(item.textValue());
      } else if (item.isObject()) {
        String text = text(item.get("message"));
        if (text.isEmpty()) {
          text = text(item.get("msg"));
        }
        if (!text.isEmpty()) {
          messages.add(text);
        }
        if (!haveCode && !code(item.get("code")).isEmpty()) {
          code = code(item.get("code"));
          haveCode = true;
        }
      }
    }
    return new Found(String.join("; ", messages), code);
  }

  /** {@code errors[0].field} or {@code error.field}, when a string; {@code ""} otherwise. */
  static String field(JsonNode body) {
    if (body == null || !body.isObject()) {
      return "";
    }
    JsonNode first = body.get("error");
    JsonNode errors = body.get("errors");
    if (errors != null && errors.isArray() && !errors.isEmpty()) {
      first = errors.get(0);
    }
    return first != null && first.isObject() ? text(first.get("field")) : "";
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : "";
  }

  private static String code(JsonNode node) {
    if (node == null) {
      return "";
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.asText();
    }
    return "";
  }

  /** The typed error of an error status. */
  static ApiStatusException statusError(
      int status, Map<String, List<String>> headers, byte[] body) {
    JsonNode decoded = Json.tryParse(body);
    Found found = extract(decoded);
    String field = field(decoded);
    String message = found.message().isEmpty() ? "Error code: " + status : found.message();
    String code = found.code().isEmpty() ? null : found.code();
    String named = field.isEmpty() ? null : field;
    return switch (status) {
      case 400 -> new BadRequestException(status, headers, body, message, code, named);
      case 401 -> new AuthenticationException(status, headers, body, message, code, named);
      case 403 -> new PermissionDeniedException(status, headers, body, message, code, named);
      case 404 -> new NotFoundException(status, headers, body, message, code, named);
      case 409 -> new ConflictException(status, headers, body, message, code, named);
      case 422 -> new UnprocessableEntityException(status, headers, body, message, code, named);
      case 429 -> new RateLimitException(status, headers, body, message, code, named);
      default ->
          status >= 500
              ? new InternalServerException(status, headers, body, message, code, named)
              : new ApiStatusException(status, headers, body, message, code, named);
    };
  }
}
