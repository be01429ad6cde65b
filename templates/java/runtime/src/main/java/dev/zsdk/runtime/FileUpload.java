package dev.zsdk.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file to upload (a multipart file part or a binary body). Its content is read once, when it is
 * made, so every try of a call sends the same bytes. Immutable.
 */
public final class FileUpload {
  private final byte[] content;
  private final String filename;
  private final String contentType;

  private FileUpload(byte[] content, String filename, String contentType) {
    this.content = content;
    this.filename = filename;
    this.contentType = contentType;
  }

  /**
   * A file of bytes.
   *
   * @param content the bytes (copied)
   * @param filename the file name sent
   * @return the file
   */
  public static FileUpload of(byte[] content, String filename) {
    return new FileUpload(content.clone(), filename, null);
  }

  /**
   * A file read from disk now, named by its file name.
   *
   * @param path the file
   * @return the file
   * @throws UncheckedIOException when it cannot be read
   */
  public static FileUpload of(Path path) {
    try {
      Path name = path.getFileName();
      return new FileUpload(Files.readAllBytes(path), name == null ? "" : name.toString(), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A file read to its end from a stream now (the stream is not closed).
   *
   * @param in the stream
   * @param filename the file name sent
   * @return the file
   * @throws UncheckedIOException when it cannot be read
   */
  public static FileUpload of(InputStream in, String filename) {
    try {
      return new FileUpload(in.readAllBytes(), filename, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * This file with a content type (default {@code application/octet-stream}).
   *
   * @param type the media type
   * @return the changed copy
   */
  public FileUpload withContentType(String type) {
    return new FileUpload(content, filename, type);
  }

  /**
   * The bytes.
   *
   * @return a copy of the content
   */
  public byte[] content() {
    return content.clone();
  }

  /**
   * The file name.
   *
   * @return the name
   */
  public String filename() {
    return filename;
  }

  /**
   * The content type given with {@link #withContentType}.
   *
   * @return the content type
   */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  byte[] bytes() {
    return content;
  }
}
