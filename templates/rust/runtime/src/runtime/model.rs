//! Values models and requests carry: [`Nullable`] fields and [`File`] uploads.

use std::path::Path;

use bytes::{Bytes, BytesMut};
use futures_util::{Stream, StreamExt};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An optional field that may also be `null`: absent (not sent), an explicit `null`, or a value.
///
/// Declare it `#[serde(default, skip_serializing_if = "Nullable::is_absent")]` so an absent field is left
/// out; decoding gives `Null` for a `null` and `Absent` for a missing field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// Not sent, or not in the response.
    #[default]
    Absent,
    /// An explicit JSON `null`.
    Null,
    /// A value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the field is absent.
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// Whether the field is an explicit `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Self::Value(value) => Some(value),
            _ => None,
        }
    }

    /// The value, if there is one.
    pub fn into_option(self) -> Option<T> {
        match self {
            Self::Value(value) => Some(value),
            _ => None,
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    /// `None` is an explicit `null`.
    fn from(value: Option<T>) -> Self {
        value.map_or(Self::Null, Self::Value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Value(value) => serializer.serialize_some(value),
            _ => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(deserializer)?.into())
    }
}

/// A file to upload: its name, content type and bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct File {
    pub(crate) name: String,
    pub(crate) content_type: Option<String>,
    pub(crate) data: Bytes,
}

impl File {
    /// A file of these bytes.
    pub fn from_bytes(name: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        Self {
            name: name.into(),
            content_type: None,
            data: bytes.into(),
        }
    }

    /// The file at `path`, read whole, named by its file name.
    pub async fn from_path(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let data = tokio::fs::read(path).await?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Self::from_bytes(name, data))
    }

    /// A file read from a stream of chunks, buffered once so a retry sends it again.
    pub async fn from_stream<S, B, E>(name: impl Into<String>, stream: S) -> std::io::Result<Self>
    where
        S: Stream<Item = Result<B, E>>,
        B: AsRef<[u8]>,
        E: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let mut data = BytesMut::new();
        let mut stream = std::pin::pin!(stream);
        while let Some(chunk) = stream.next().await {
            data.extend_from_slice(chunk.map_err(std::io::Error::other)?.as_ref());
        }
        Ok(Self::from_bytes(name, data.freeze()))
    }

    /// The same file sent with this content type (default `application/octet-stream`).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The file name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.data
    }
}

/// The files of one multipart property: none, one or several.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Files(pub(crate) Vec<File>);

impl From<File> for Files {
    fn from(file: File) -> Self {
        Self(vec![file])
    }
}

impl From<Option<File>> for Files {
    fn from(file: Option<File>) -> Self {
        Self(file.into_iter().collect())
    }
}

impl From<Vec<File>> for Files {
    fn from(files: Vec<File>) -> Self {
        Self(files)
    }
}

/// A raw request body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Body(pub(crate) Bytes);

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Self(bytes)
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes.into())
    }
}

impl From<&'static [u8]> for Body {
    fn from(bytes: &'static [u8]) -> Self {
        Self(Bytes::from_static(bytes))
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Self(text.into())
    }
}

impl From<&'static str> for Body {
    fn from(text: &'static str) -> Self {
        Self(Bytes::from_static(text.as_bytes()))
    }
}

impl From<File> for Body {
    fn from(file: File) -> Self {
        Self(file.data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Patch {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        note: Nullable<String>,
    }

    #[test]
    fn nullable_three_states() {
        let absent = Patch::default();
        assert_eq!(serde_json::to_string(&absent).unwrap(), "{}");
        let null = Patch {
            note: Nullable::Null,
        };
        assert_eq!(serde_json::to_string(&null).unwrap(), r#"{"note":null}"#);
        let value = Patch {
            note: "x".to_owned().into(),
        };
        assert_eq!(serde_json::to_string(&value).unwrap(), r#"{"note":"x"}"#);
        for patch in [absent, null, value] {
            let text = serde_json::to_string(&patch).unwrap();
            assert_eq!(serde_json::from_str::<Patch>(&text).unwrap(), patch);
        }
    }

    #[tokio::test]
    async fn file_from_stream() {
        let chunks = futures_util::stream::iter([
            Ok::<_, std::io::Error>(b"ab".to_vec()),
            Ok(b"c".to_vec()),
        ]);
        let file = File::from_stream("f.txt", chunks).await.unwrap();
        assert_eq!(file.bytes().as_ref(), b"abc");
        assert_eq!(file.name(), "f.txt");
        let failing = futures_util::stream::iter([Err::<Vec<u8>, _>(std::io::Error::other("x"))]);
        assert!(File::from_stream("f", failing).await.is_err());
        assert_eq!(Files::from(None).0.len(), 0);
    }

    #[tokio::test]
    async fn file_from_path() {
        let path = std::env::temp_dir().join(format!("zsdk-file-{}.csv", std::process::id()));
        tokio::fs::write(&path, b"a,b\n").await.unwrap();
        let file = File::from_path(&path).await;
        tokio::fs::remove_file(&path).await.unwrap();
        let file = file.unwrap();
        assert_eq!(file.bytes().as_ref(), b"a,b\n");
        assert_eq!(file.name(), path.file_name().unwrap().to_str().unwrap());
        assert!(
            File::from_path(path.with_extension("missing"))
                .await
                .is_err()
        );
    }
}
