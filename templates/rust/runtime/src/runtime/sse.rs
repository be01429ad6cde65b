//! Server-sent events (the WHATWG algorithm) as a [`Stream`] of items.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_util::stream::{self, BoxStream};
use futures_util::{Stream, StreamExt};
use serde::{Deserialize, Serialize};

use super::error::{ApiError, Error, Result};

/// One event as the server sent it; `event` is `""` for the default type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServerSentEvent {
    /// The data lines, joined by `\n`.
    pub data: String,
    /// The event type.
    pub event: String,
    /// The last event id.
    pub id: String,
    /// The reconnection time the server asked for, in milliseconds.
    pub retry: Option<u64>,
}

/// Turns lines into events.
#[derive(Debug, Default)]
struct Decoder {
    event: String,
    data: Vec<String>,
    id: String,
    retry: Option<u64>,
}

impl Decoder {
    /// Takes one line (without its ending); returns an event at a blank line. `field: value` with one
    /// optional space removed, data lines joined by `\n`, `:` comments ignored, an event without data not
    /// dispatched, the id kept across events.
    fn line(&mut self, line: &str) -> Option<ServerSentEvent> {
        if line.is_empty() {
            let event = std::mem::take(&mut self.event);
            let retry = self.retry.take();
            if self.data.is_empty() {
                return None;
            }
            return Some(ServerSentEvent {
                data: std::mem::take(&mut self.data).join("\n"),
                event,
                id: self.id.clone(),
                retry,
            });
        }
        if line.starts_with(':') {
            return None;
        }
        let (name, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match name {
            "data" => self.data.push(value.to_owned()),
            "event" => self.event = value.to_owned(),
            "id" if !value.contains('\0') => self.id = value.to_owned(),
            "retry" => {
                if let Ok(ms) = value.parse() {
                    self.retry = Some(ms);
                }
            }
            _ => {}
        }
        None
    }
}

/// Reads lines from a body as they arrive.
struct Reader {
    body: BoxStream<'static, reqwest::Result<Bytes>>,
    buffer: Vec<u8>,
    decoder: Decoder,
    ended: bool,
}

impl Reader {
    /// The next event; `None` at the end of the body.
    async fn next_event(&mut self) -> Option<Result<ServerSentEvent>> {
        loop {
            if let Some(end) = self.buffer.iter().position(|b| *b == b'\n') {
                let line: Vec<u8> = self.buffer.drain(..=end).collect();
                if let Some(event) = self.decoder.line(&line_text(&line)) {
                    return Some(Ok(event));
                }
                continue;
            }
            if self.ended {
                let rest = std::mem::take(&mut self.buffer);
                if !rest.is_empty() {
                    if let Some(event) = self.decoder.line(&line_text(&rest)) {
                        return Some(Ok(event));
                    }
                }
                return self.decoder.line("").map(Ok);
            }
            match self.body.next().await {
                Some(Ok(chunk)) => self.buffer.extend_from_slice(&chunk),
                Some(Err(error)) => return Some(Err(Error::connection(error))),
                None => self.ended = true,
            }
        }
    }
}

fn line_text(line: &[u8]) -> String {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    String::from_utf8_lossy(line).into_owned()
}

/// The items of a server-sent event stream. A `data: [DONE]` event ends it; an `event: error` event ends it
/// with an [`Error::Status`] (status 0). Dropping it closes the connection.
pub struct EventStream<T> {
    inner: BoxStream<'static, Result<T>>,
}

impl<T> std::fmt::Debug for EventStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventStream").finish_non_exhaustive()
    }
}

impl<T: Send + 'static> EventStream<T> {
    /// The items of the events of `body`, each made by `item`.
    pub(crate) fn new<S>(body: S, item: fn(ServerSentEvent) -> Result<T>) -> Self
    where
        S: Stream<Item = reqwest::Result<Bytes>> + Send + 'static,
    {
        let reader = Reader {
            body: body.boxed(),
            buffer: Vec::new(),
            decoder: Decoder::default(),
            ended: false,
        };
        let inner = stream::unfold(Some(reader), move |reader| async move {
            let mut reader = reader?;
            let event = match reader.next_event().await? {
                Ok(event) => event,
                Err(error) => return Some((Err(error), None)),
            };
            if event.data == "[DONE]" {
                return None;
            }
            if event.event == "error" {
                let error = ApiError::in_stream(&event.data);
                return Some((Err(Error::Status(Box::new(error))), None));
            }
            match item(event) {
                Ok(value) => Some((Ok(value), Some(reader))),
                Err(error) => Some((Err(error), None)),
            }
        });
        Self {
            inner: inner.boxed(),
        }
    }
}

impl<T> EventStream<T> {
    /// The next item (`None` once the stream ends): `TryStreamExt::try_next` without the import.
    pub async fn try_next(&mut self) -> Result<Option<T>> {
        self.inner.next().await.transpose()
    }
}

impl<T> Stream for EventStream<T> {
    type Item = Result<T>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<T>>> {
        self.inner.poll_next_unpin(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::TryStreamExt;

    fn body(
        chunks: &[&'static str],
    ) -> impl Stream<Item = reqwest::Result<Bytes>> + Send + 'static {
        let chunks: Vec<reqwest::Result<Bytes>> = chunks
            .iter()
            .map(|c| Ok(Bytes::from_static(c.as_bytes())))
            .collect();
        stream::iter(chunks)
    }

    fn raw(event: ServerSentEvent) -> Result<ServerSentEvent> {
        Ok(event)
    }

    #[tokio::test]
    async fn events() {
        let text = [
            ": comment\r\nid: e1\r\nevent: progress\r\nda",
            "ta: {\"a\":\r\ndata: 1}\r\nretry: 5\r\n\r\n",
            "event: ignored\n\n",
            "data:x\n\ndata: last",
        ];
        let events: Vec<ServerSentEvent> = EventStream::new(body(&text), raw)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(
            events,
            [
                ServerSentEvent {
                    data: "{\"a\":\n1}".into(),
                    event: "progress".into(),
                    id: "e1".into(),
                    retry: Some(5),
                },
                ServerSentEvent {
                    data: "x".into(),
                    id: "e1".into(),
                    ..ServerSentEvent::default()
                },
                ServerSentEvent {
                    data: "last".into(),
                    id: "e1".into(),
                    ..ServerSentEvent::default()
                },
            ]
        );
    }

    #[tokio::test]
    async fn done_and_errors() {
        let stream = EventStream::new(body(&["data: 1\n\ndata: [DONE]\n\ndata: 2\n\n"]), raw);
        let events: Vec<ServerSentEvent> = stream.try_collect().await.unwrap();
        assert_eq!(events.len(), 1);
        let text = ["data: 1\n\nevent: error\ndata: {\"message\": \"boom\"}\n\ndata: 2\n\n"];
        let items: Vec<Result<ServerSentEvent>> =
            EventStream::new(body(&text), raw).collect().await;
        assert_eq!(items.len(), 2);
        let error = items[1].as_ref().unwrap_err();
        assert_eq!(error.to_string(), "boom");
        assert!(matches!(error, Error::Status(e) if e.status == 0));
    }
}
