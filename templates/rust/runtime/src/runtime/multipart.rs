//! `multipart/form-data` bodies, written in schema order with one boundary per call so a retry resends the
//! same bytes.

use super::request::{Part, plain_pairs};
use super::serialize::{Tree, has_objects, scalar_text};

/// A fresh boundary for one call.
pub(crate) fn boundary() -> String {
    let bytes: [u8; 24] = super::random_bytes();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The body of these parts: each property as one or more parts in order — a file as a file part; a property
/// with a style as one text part per pair of its form serialisation; one with a content type (an object or
/// an array of objects without an encoding: `application/json`) as one part of that type; otherwise a text
/// part per scalar or array item.
pub(crate) fn encode(parts: &[Part], boundary: &str) -> Vec<u8> {
    let mut out = Writer {
        buf: Vec::new(),
        boundary,
        first: true,
    };
    for part in parts {
        match part {
            Part::Files { name, files } => {
                for file in &files.0 {
                    let filename = if file.name.is_empty() {
                        name
                    } else {
                        &file.name
                    };
                    let disposition = format!(
                        "form-data; name=\"{}\"; filename=\"{}\"",
                        quote(name),
                        quote(filename)
                    );
                    let content_type = file
                        .content_type
                        .as_deref()
                        .unwrap_or("application/octet-stream");
                    out.part(&disposition, Some(content_type), &file.data);
                }
            }
            Part::Field { name, value, enc } => field(&mut out, name, value, enc.as_ref()),
        }
    }
    out.finish()
}

fn field(out: &mut Writer<'_>, name: &str, value: &Tree, enc: Option<&super::Encoding>) {
    let content_type = match enc {
        Some(enc) if enc.content_type.is_empty() => {
            for (key, text) in plain_pairs(name, value, enc) {
                let disposition = format!("form-data; name=\"{}\"", quote(&key));
                out.part(&disposition, None, text.as_bytes());
            }
            return;
        }
        Some(enc) => Some(enc.content_type),
        None if has_objects(value) => Some("application/json"),
        None => None,
    };
    let texts = match value {
        Tree::Array(items) if content_type.is_none() => items.iter().map(scalar_text).collect(),
        _ => vec![scalar_text(value)],
    };
    let disposition = format!("form-data; name=\"{}\"", quote(name));
    for text in texts {
        out.part(&disposition, content_type, text.as_bytes());
    }
}

fn quote(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

struct Writer<'a> {
    buf: Vec<u8>,
    boundary: &'a str,
    first: bool,
}

impl Writer<'_> {
    fn part(&mut self, disposition: &str, content_type: Option<&str>, data: &[u8]) {
        if !self.first {
            self.buf.extend_from_slice(b"\r\n");
        }
        self.first = false;
        let mut head = format!(
            "--{}\r\nContent-Disposition: {disposition}\r\n",
            self.boundary
        );
        if let Some(content_type) = content_type {
            head.push_str(&format!("Content-Type: {content_type}\r\n"));
        }
        head.push_str("\r\n");
        self.buf.extend_from_slice(head.as_bytes());
        self.buf.extend_from_slice(data);
    }

    fn finish(mut self) -> Vec<u8> {
        if !self.first {
            self.buf.extend_from_slice(b"\r\n");
        }
        self.buf
            .extend_from_slice(format!("--{}--\r\n", self.boundary).as_bytes());
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::super::File;
    use super::super::request::{Content, Request};
    use super::*;
    use reqwest::Method;
    use serde_json::json;

    fn body(r: &Request) -> String {
        let Content::Multipart(parts) = &r.content else {
            panic!("not multipart")
        };
        String::from_utf8(encode(parts, "B")).unwrap()
    }

    #[test]
    fn parts_in_order() {
        let mut r = Request::new(Method::POST, "/files");
        r.file_field(
            "file",
            File::from_bytes("a \"b\".txt", "hi").content_type("text/plain"),
        );
        r.multipart_field("purpose", &"x", None);
        r.multipart_field("tags", &["a", "b"], None);
        r.multipart_field("meta", &json!({"k": 1}), None);
        r.multipart_field("skip", &Option::<i32>::None, None);
        r.multipart_field(
            "link",
            &json!({"create": true}),
            Some(super::super::Encoding::new("deepObject").explode()),
        );
        r.file_field("more", vec![File::from_bytes("", vec![0u8, 1])]);
        let expected = "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".txt\"\r\n\
            Content-Type: text/plain\r\n\r\nhi\r\n\
            --B\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nx\r\n\
            --B\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\na\r\n\
            --B\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nb\r\n\
            --B\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"k\":1}\r\n\
            --B\r\nContent-Disposition: form-data; name=\"link[create]\"\r\n\r\ntrue\r\n\
            --B\r\nContent-Disposition: form-data; name=\"more\"; filename=\"more\"\r\n\
            Content-Type: application/octet-stream\r\n\r\n\u{0}\u{1}\r\n--B--\r\n";
        assert_eq!(body(&r), expected);
    }

    #[test]
    fn empty_body_and_boundary() {
        assert_eq!(encode(&[], "B"), b"--B--\r\n");
        let b = boundary();
        assert_eq!(b.len(), 48);
        assert_ne!(b, boundary());
    }
}
