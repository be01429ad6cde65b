package core

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// JoinURL is base + path with exactly one slash between them.
func JoinURL(base, path string) string {
	if path == "" {
		return base
	}
	return strings.TrimRight(base, "/") + "/" + strings.TrimLeft(path, "/")
}

func (c *Client) baseURL(cfg *Config) (string, error) {
	if cfg.BaseURL != "" {
		return cfg.BaseURL, nil
	}
	return ResolveServerURL(cfg.ServerURL, cfg.ServerVariables, cfg.ServerEnums)
}

var templateVariable = regexp.MustCompile(`\{([^{}]+)\}`)

// ResolveServerURL fills a server URL template's {variables}; a value outside its variable's enum is an
// ErrInvalidArgument.
func ResolveServerURL(template string, variables map[string]string, enums map[string][]string) (string, error) {
	var err error
	resolved := templateVariable.ReplaceAllStringFunc(template, func(match string) string {
		name := match[1 : len(match)-1]
		value, ok := variables[name]
		if !ok {
			return match
		}
		if choices := enums[name]; len(choices) > 0 && !slices.Contains(choices, value) && err == nil {
			err = fmt.Errorf("%w: server variable %s must be one of %s, got %q", ErrInvalidArgument, name,
				strings.Join(choices, ", "), value)
		}
		return value
	})
	return resolved, err
}

// formatPath fills the path template's {name}s, each by its style; a missing or empty value is refused.
func formatPath(path string, params []param) (string, error) {
	for _, p := range params {
		value, ok, err := wireValue(p.value, p.enc)
		if err != nil {
			return "", err
		}
		if !ok {
			return "", fmt.Errorf("%w: path parameter %s is missing", ErrInvalidArgument, p.name)
		}
		text := urlSyntax.simpleText(p.name, value, p.enc)
		if text == "" || value == "" {
			return "", fmt.Errorf("%w: path parameter %s must not be empty", ErrInvalidArgument, p.name)
		}
		path = strings.ReplaceAll(path, "{"+p.name+"}", text)
	}
	return path, nil
}

var linkPattern = regexp.MustCompile(`<([^>]*)>\s*((?:;\s*[^;,]+)*)`)

// ParseLinkHeader is an RFC 8288 Link header as rel → URL (the first URL wins per rel).
func ParseLinkHeader(header string) map[string]string {
	links := map[string]string{}
	for _, match := range linkPattern.FindAllStringSubmatch(header, -1) {
		for _, p := range strings.Split(match[2], ";") {
			name, value, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.ToLower(strings.TrimSpace(name)) != "rel" {
				continue
			}
			for _, rel := range strings.Fields(strings.Trim(strings.TrimSpace(value), `"`)) {
				if _, seen := links[strings.ToLower(rel)]; !seen {
					links[strings.ToLower(rel)] = match[1]
				}
			}
		}
	}
	return links
}
