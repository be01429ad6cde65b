package dev.zsdk.runtime;

import static dev.zsdk.runtime.Fixtures.ARRAY;
import static dev.zsdk.runtime.Fixtures.COLOR;
import static dev.zsdk.runtime.Fixtures.SCALAR;
import static dev.zsdk.runtime.Fixtures.wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rows of docs/serialization.md's tables. */
class SerializeTest {
  private static String path(Encoding enc, Object value) {
    return wire(new ApiRequest("GET", "/items/{color}").pathParam("color", value, enc))
        .uri()
        .getRawPath();
  }

  private static String query(Encoding enc, Object value) {
    return new ApiRequest("GET", "/").query("color", value, enc).query.encode();
  }

  @Test
  void pathStyles() {
    String[][] rows = {
      {"simple", "", "blue", "blue,black,brown", "R,100,G,200,B,150"},
      {"simple", "x", "blue", "blue,black,brown", "R=100,G=200,B=150"},
      {"label", "", ".blue", ".blue,black,brown", ".R,100,G,200,B,150"},
      {"label", "x", ".blue", ".blue.black.brown", ".R=100.G=200.B=150"},
      {"matrix", "", ";color=blue", ";color=blue,black,brown", ";color=R,100,G,200,B,150"},
      {"matrix", "x", ";color=blue", ";color=blue;color=black;color=brown", ";R=100;G=200;B=150"},
    };
    for (String[] row : rows) {
      Encoding enc = row[1].isEmpty() ? Encoding.of(row[0]) : Encoding.of(row[0]).explode();
      assertEquals("/v1/items/" + row[2], path(enc, SCALAR), row[0] + row[1]);
      assertEquals("/v1/items/" + row[3], path(enc, ARRAY), row[0] + row[1]);
      assertEquals("/v1/items/" + row[4], path(enc, COLOR), row[0] + row[1]);
    }
    assertEquals("/v1/items/blue", path(null, SCALAR));
    ApiRequest r =
        new ApiRequest("GET", "/{p}/{a}")
            .pathParam("p", "a b/c,d;é", null)
            .pathParam("a", List.of("x,y", "z"), null);
    assertEquals("/v1/a%20b%2Fc%2Cd%3B%C3%A9/x%2Cy,z", wire(r).uri().getRawPath());
    for (Object missing : Arrays.asList(null, List.of(), "")) {
      assertThrows(
          IllegalArgumentException.class,
          () -> new ApiRequest("GET", "/{p}").pathParam("p", missing, null));
    }
  }

  @Test
  void queryStyles() {
    Object[][] rows = {
      {
        Encoding.of("form").explode(),
        "color=blue",
        "color=blue&color=black&color=brown",
        "R=100&G=200&B=150"
      },
      {Encoding.of("form"), "color=blue", "color=blue,black,brown", "color=R,100,G,200,B,150"},
      {
        Encoding.of("spaceDelimited"),
        "color=blue",
        "color=blue%20black%20brown",
        "color=R%20100%20G%20200%20B%20150"
      },
      {
        Encoding.of("pipeDelimited"),
        "color=blue",
        "color=blue%7Cblack%7Cbrown",
        "color=R%7C100%7CG%7C200%7CB%7C150"
      },
      {
        Encoding.of("pipeDelimited").explode(),
        "color=blue",
        "color=blue&color=black&color=brown",
        "R=100&G=200&B=150"
      },
      {
        Encoding.of("deepObject").explode(),
        "color=blue",
        "color%5B0%5D=blue&color%5B1%5D=black&color%5B2%5D=brown",
        "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"
      },
    };
    for (Object[] row : rows) {
      Encoding enc = (Encoding) row[0];
      assertEquals(row[1], query(enc, SCALAR), enc.toString());
      assertEquals(row[2], query(enc, ARRAY), enc.toString());
      assertEquals(row[3], query(enc, COLOR), enc.toString());
    }
    assertEquals("color=blue&color=black&color=brown", query(null, ARRAY));
  }

  /** A filter with a map and a list, for deepObject nesting. */
  static final class Filter {
    @JsonProperty("range")
    final Map<String, Integer> range = Map.of("gt", 1);

    @JsonProperty("ids")
    final List<String> ids = List.of("x");
  }

  @Test
  void deepObjectNesting() {
    List<Map<String, Object>> items = new ArrayList<>();
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("price", "p1");
    first.put("quantity", 2);
    items.add(first);
    items.add(Map.of("price", "p2"));
    String[][] rows = {
      {
        "indexed",
        "expand%5B0%5D=a&expand%5B1%5D=b",
        "items%5B0%5D%5Bprice%5D=p1&items%5B0%5D%5Bquantity%5D=2&items%5B1%5D%5Bprice%5D=p2",
        "f%5Brange%5D%5Bgt%5D=1&f%5Bids%5D%5B0%5D=x"
      },
      {
        "brackets",
        "expand%5B%5D=a&expand%5B%5D=b",
        "items%5B%5D%5Bprice%5D=p1&items%5B%5D%5Bquantity%5D=2&items%5B%5D%5Bprice%5D=p2",
        "f%5Brange%5D%5Bgt%5D=1&f%5Bids%5D%5B%5D=x"
      },
      {
        "repeat",
        "expand=a&expand=b",
        "items%5Bprice%5D=p1&items%5Bquantity%5D=2&items%5Bprice%5D=p2",
        "f%5Brange%5D%5Bgt%5D=1&f%5Bids%5D=x"
      },
    };
    for (String[] row : rows) {
      Encoding enc = Encoding.of("deepObject").explode().nesting(row[0]);
      ApiRequest r =
          new ApiRequest("GET", "/")
              .query("expand", List.of("a", "b"), enc)
              .query("items", items, enc)
              .query("f", new Filter(), enc);
      assertEquals(row[1] + "&" + row[2] + "&" + row[3], r.query.encode(), row[0]);
    }
  }

  /** An object with a null field and a null item. */
  static final class WithNull {
    @JsonProperty("a")
    final Nullable<String> a = Nullable.ofNull();

    @JsonProperty("b")
    final List<Object> b = Arrays.asList(null, "x");
  }

  @Test
  void queryValues() {
    ApiRequest r = new ApiRequest("GET", "/");
    r.query("text", "a b&c=d/é,f", null)
        .query("reserved", "a b&c=d/é,f", Encoding.of("form").explode().allowReserved())
        .query("json", COLOR, Encoding.of("form").explode().contentType("application/json"))
        .query("empty", "", null)
        .query("none", List.of(), null)
        .query("absent", null, null)
        .query("n", 9007199254740993L, null)
        .query("num", 1.5, null)
        .query("whole", 2.0, null)
        .query("b", false, null)
        .query("nested", List.of(List.of(1, 2), List.of(3)), null)
        .query("nulls", new WithNull(), null);
    String want =
        "text=a%20b%26c%3Dd%2F%C3%A9%2Cf&reserved=a%20b&c=d/%C3%A9,f"
            + "&json=%7B%22R%22%3A100%2C%22G%22%3A200%2C%22B%22%3A150%7D"
            + "&empty=&n=9007199254740993&num=1.5&whole=2&b=false&nested=%5B1%2C2%5D&nested=%5B3%5D"
            + "&b=%5B%22x%22%5D";
    assertEquals(want, r.query.encode());
  }

  @Test
  void queryInPathAndExtras() {
    ApiRequest r =
        new ApiRequest("GET", "/wire?mode=beta")
            .query("p", "blue", null)
            .query("q", null, null)
            .query("text", "t", null);
    assertEquals("mode=beta&p=blue&text=t", wire(r).uri().getRawQuery());
    ApiRequest extra = new ApiRequest("GET", "/").query("p", "blue", null).query("text", "t", null);
    RequestOptions options = RequestOptions.builder().query("p", "red sky").query("x", "1").build();
    assertEquals("p=red%20sky&text=t&x=1", wire(extra, options).uri().getRawQuery());
  }

  @Test
  void headersAndCookies() {
    Object[][] rows = {
      {"X-Color", null, "blue sky", "blue,black,brown", "R,100,G,200,B,150"},
      {
        "X-Color",
        Encoding.of("simple").explode(),
        "blue sky",
        "blue,black,brown",
        "R=100,G=200,B=150"
      },
      {
        "Cookie",
        null,
        "color=blue%20sky",
        "color=blue; color=black; color=brown",
        "R=100; G=200; B=150"
      },
      {
        "Cookie",
        Encoding.of("form"),
        "color=blue%20sky",
        "color=blue,black,brown",
        "color=R,100,G,200,B,150"
      },
    };
    for (Object[] row : rows) {
      Object[] values = {"blue sky", ARRAY, COLOR};
      for (int i = 0; i < values.length; i++) {
        ApiRequest r = new ApiRequest("GET", "/");
        if (row[0].equals("Cookie")) {
          r.cookie("color", values[i], (Encoding) row[1]);
        } else {
          r.header("X-Color", values[i], (Encoding) row[1]);
        }
        assertEquals(row[2 + i], wire(r).header((String) row[0]).orElse(null));
      }
    }
    ApiRequest r =
        new ApiRequest("GET", "/")
            .header("X-Empty", "", null)
            .header("X-None", List.of(), null)
            .header("X-Absent", null, null)
            .cookie("a", "1", null)
            .cookie("b", List.of("x", "y"), null);
    HttpRequestData sent = wire(r);
    assertEquals("a=1; b=x; b=y", sent.header("Cookie").orElse(null));
    assertEquals("", sent.header("X-Empty").orElse(null));
    assertFalse(sent.headers().containsKey("X-None"));
    assertFalse(sent.headers().containsKey("X-Absent"));
  }

  /** A line of a form body. */
  static final class Line {
    @JsonProperty("price")
    final String price;

    @JsonProperty("quantity")
    final Integer quantity;

    Line(String price, Integer quantity) {
      this.price = price;
      this.quantity = quantity;
    }
  }

  /** A form body of every kind of property. */
  static final class Form {
    @JsonProperty("zeta")
    final String zeta = "a b";

    @JsonProperty("a")
    final List<String> a = List.of("x", "y");

    @JsonProperty("o")
    final Fixtures.Rgb o = new Fixtures.Rgb(1, 2, 3);

    @JsonProperty("items")
    final List<Line> items = List.of(new Line("p1", 2), new Line("p2", null));

    @JsonProperty("tags")
    final List<String> tags = List.of("t1", "t2");

    @JsonProperty("note")
    final String note = "a/b?c";

    @JsonProperty("meta")
    final Map<String, Object> meta = Map.of("ids", List.of("i1"));

    @JsonProperty("absent")
    final Nullable<String> absent = Nullable.absent();
  }

  @Test
  void formBody() {
    ApiRequest r =
        new ApiRequest("POST", "/")
            .formBody(new Form())
            .fieldEncoding("tags", Encoding.of("pipeDelimited"))
            .fieldEncoding("note", Encoding.of("form").explode().allowReserved())
            .fieldEncoding("meta", Encoding.of("deepObject").explode().nesting("brackets"));
    HttpRequestData sent = wire(r);
    String want =
        "zeta=a%20b&a=x&a=y&o%5BR%5D=1&o%5BG%5D=2&o%5BB%5D=3&items%5B0%5D%5Bprice%5D=p1"
            + "&items%5B0%5D%5Bquantity%5D=2&items%5B1%5D%5Bprice%5D=p2&tags=t1%7Ct2&note=a/b?c"
            + "&meta%5Bids%5D%5B%5D=i1";
    assertEquals(want, new String(sent.body(), StandardCharsets.UTF_8));
    assertEquals("application/x-www-form-urlencoded", sent.header("Content-Type").orElse(null));
    HttpRequestData empty = wire(new ApiRequest("POST", "/").formBody(null));
    assertEquals(0, empty.body().length);
    assertNull(empty.header("Content-Type").orElse(null));
  }

  @Test
  void multipartParts() {
    List<ApiRequest.Part> parts =
        new ApiRequest("POST", "/")
            .fileField(
                "file",
                FileUpload.of("hello".getBytes(StandardCharsets.UTF_8), "a.txt")
                    .withContentType("text/plain"))
            .multipartField("meta", new Fixtures.Rgb(1, 2, 3), null)
            .multipartField("tags", List.of("t1", "t2"), null)
            .multipartField("absent", null, null)
            .multipartField("link", new Filter(), Encoding.of("deepObject").explode())
            .multipartField("table", "a,b", Encoding.of("form").explode().contentType("text/csv"))
            .multipartField("n", 7, null)
            .fileField("many", List.of(FileUpload.of(new byte[] {1}, "x\"y.bin")))
            .parts;
    String body = new String(Multipart.encode(parts, Map.of(), "BOUNDARY"), StandardCharsets.UTF_8);
    String want =
        "--BOUNDARY\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\n"
            + "hello\r\n"
            + "--BOUNDARY\r\n"
            + "Content-Disposition: form-data; name=\"meta\"\r\n"
            + "Content-Type: application/json\r\n\r\n"
            + "{\"R\":1,\"G\":2,\"B\":3}\r\n"
            + "--BOUNDARY\r\n"
            + "Content-Disposition: form-data; name=\"tags\"\r\n\r\n"
            + "t1\r\n"
            + "--BOUNDARY\r\n"
            + "Content-Disposition: form-data; name=\"tags\"\r\n\r\n"
            + "t2\r\n"
            + "--BOUNDARY\r\n"
            + "Content-Disposition: form-data; name=\"link[range][gt]\"\r\n\r\n"
            + "1\r\n"
            + "--BOUNDARY\r\n"
            + "Content-Disposition: form-data; name=\"link[ids][0]\"\r\n\r\n"
            + "x\r\n"
            + "--BOUNDARY\r\n"
            + "Content-Disposition: form-data; name=\"table\"\r\n"
            + "Content-Type: text/csv\r\n\r\n"
            + "a,b\r\n"
            + "--BOUNDARY\r\n"
            + "Content-Disposition: form-data; name=\"n\"\r\n\r\n"
            + "7\r\n"
            + "--BOUNDARY\r\n"
            + "Content-Disposition: form-data; name=\"many\"; filename=\"x\\\"y.bin\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + "\u0001\r\n"
            + "--BOUNDARY--\r\n";
    assertEquals(want, body);
  }

  @Test
  void multipartBoundaryIsFixedPerCall() {
    ApiRequest r = new ApiRequest("POST", "/").multipartField("a", "1", null);
    ClientCore core = Fixtures.core("http://api.test", new Fixtures.Waits()).build();
    Prepared prepared = Prepared.of(core, r, RequestOptions.none(), false);
    HttpRequestData first = prepared.build();
    HttpRequestData second = prepared.build();
    assertEquals(first.header("Content-Type"), second.header("Content-Type"));
    assertEquals(
        new String(first.body(), StandardCharsets.UTF_8),
        new String(second.body(), StandardCharsets.UTF_8));
  }

  @Test
  void compactJsonAndNumbers() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", "é <b>");
    value.put("n", 2.0);
    value.put("x", 0.1);
    assertEquals("{\"name\":\"é <b>\",\"n\":2,\"x\":0.1}", Wire.compactJson(Wire.tree(value)));
  }
}
