package core

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/textproto"
	"strings"
)

// encodeMultipart is a multipart/form-data body, each property as one or more parts in the order given: a
// file as a file part; a property with a style as one text part per pair of its form serialisation; one with a
// content type (an object or an array of objects without an encoding: application/json) as one part of that
// type; otherwise a text part per scalar or array item.
func encodeMultipart(parts []part) ([]byte, string, error) {
	var buf bytes.Buffer
	writer := multipart.NewWriter(&buf)
	for _, p := range parts {
		if err := writePart(writer, p); err != nil {
			return nil, "", err
		}
	}
	if err := writer.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), writer.FormDataContentType(), nil
}

func writePart(writer *multipart.Writer, p part) error {
	if p.file {
		return writeFiles(writer, p.name, filesOf(p.value))
	}
	value, ok, err := valueTree(p.value)
	if err != nil || !ok {
		return err
	}
	var texts []string
	contentType := ""
	switch {
	case p.enc != nil && p.enc.ContentType == "":
		for _, pair := range plainSyntax.pairs(p.name, value, *p.enc) {
			if err := writer.WriteField(pair[0], pair[1]); err != nil {
				return err
			}
		}
		return nil
	case p.enc != nil:
		contentType = p.enc.ContentType
	case hasObjects(value):
		contentType = "application/json"
	}
	if items, isArray := value.([]any); isArray && contentType == "" {
		for _, item := range items {
			texts = append(texts, scalarText(item))
		}
	} else {
		texts = []string{scalarText(value)}
	}
	for _, text := range texts {
		header := textproto.MIMEHeader{}
		header.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"`, quoteEscape(p.name)))
		if contentType != "" {
			header.Set("Content-Type", contentType)
		}
		w, err := writer.CreatePart(header)
		if err == nil {
			_, err = io.WriteString(w, text)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func writeFiles(writer *multipart.Writer, name string, files []File) error {
	for _, file := range files {
		filename := file.Filename
		if filename == "" {
			filename = name
		}
		contentType := file.ContentType
		if contentType == "" {
			contentType = "application/octet-stream"
		}
		header := textproto.MIMEHeader{}
		header.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, quoteEscape(name), quoteEscape(filename)))
		header.Set("Content-Type", contentType)
		w, err := writer.CreatePart(header)
		if err != nil {
			return err
		}
		if file.Reader != nil {
			if _, err := io.Copy(w, file.Reader); err != nil {
				return err
			}
		}
	}
	return nil
}

func quoteEscape(s string) string { return strings.NewReplacer("\\", "\\\\", `"`, "\\\"").Replace(s) }

func filesOf(value any) []File {
	switch v := value.(type) {
	case File:
		return []File{v}
	case []File:
		return v
	case Opt[File]:
		if file, ok := v.Get(); ok {
			return []File{file}
		}
	}
	return nil
}
