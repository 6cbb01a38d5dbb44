package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Secrets file formats.
const (
	FormatJSON   = "json"
	FormatDotenv = "dotenv"
)

// FormatForPath tells a secrets file's format from its extension: ".json"
// is flat JSON, ".env" is dotenv.
func FormatForPath(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return FormatJSON, nil
	case ".env":
		return FormatDotenv, nil
	}
	return "", fmt.Errorf("cannot tell the format of secrets file %s: use a name ending in .json (flat JSON) or .env (dotenv)", path)
}

// ParseSecrets decodes a secrets file in format "json" (a flat object of
// strings) or "dotenv" (NAME=value lines). Errors never include a value.
func ParseSecrets(data []byte, format string) (Secrets, error) {
	switch format {
	case FormatJSON:
		return parseJSONSecrets(data)
	case FormatDotenv:
		return parseDotenv(data)
	}
	return nil, unknownFormat(format)
}

// ParseSecretsAuto decodes secrets given as a JSON object (when the first
// non-space byte is '{') or as dotenv NAME=value lines.
func ParseSecretsAuto(data []byte) (Secrets, error) {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) > 0 && trimmed[0] == '{' {
		return parseJSONSecrets(trimmed)
	}
	return parseDotenv(data)
}

// FormatSecrets encodes s in format "json" (sorted keys, 2-space indent,
// trailing newline; the shape `sesam put-secrets` takes) or "dotenv".
func FormatSecrets(s Secrets, format string) ([]byte, error) {
	switch format {
	case FormatJSON:
		return encodeJSON(s, "  ")
	case FormatDotenv:
		return encodeDotenv(s)
	}
	return nil, unknownFormat(format)
}

func unknownFormat(format string) error {
	return fmt.Errorf("unknown secrets format %q: use %q or %q", format, FormatJSON, FormatDotenv)
}

// encodeJSON writes s as a JSON object with sorted keys. Text that is not
// valid UTF-8 is refused: JSON would silently replace it.
func encodeJSON(s Secrets, indent string) ([]byte, error) {
	for name, value := range s {
		if !utf8.ValidString(name) {
			return nil, fmt.Errorf("a secret name is not valid UTF-8 text; secret names must be text")
		}
		if !utf8.ValidString(value) {
			return nil, fmt.Errorf("secret %q is not valid UTF-8 text and cannot be stored as JSON; encode it (e.g. base64) first", name)
		}
	}
	if s == nil {
		s = Secrets{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(s); err != nil {
		return nil, fmt.Errorf("cannot encode secrets as JSON: %w", err)
	}
	return buf.Bytes(), nil
}

// parseJSONSecrets decodes a flat JSON object of strings. Errors give a
// line number, never the offending text, which may be a secret.
func parseJSONSecrets(data []byte) (Secrets, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return nil, fmt.Errorf("not valid JSON (line %d); expected an object of names and string values", lineAt(data, syn.Offset))
		}
		return nil, fmt.Errorf("not a JSON object; expected an object of names and string values, like {\"api_key\": \"...\"}")
	}
	if raw == nil {
		return nil, fmt.Errorf("not a JSON object; expected an object of names and string values, like {\"api_key\": \"...\"}")
	}
	s := make(Secrets, len(raw))
	for name, v := range raw {
		var value string
		if err := json.Unmarshal(v, &value); err != nil {
			return nil, fmt.Errorf("secret %q is not a JSON string; put its value in double quotes", name)
		}
		s[name] = value
	}
	return s, nil
}

// lineAt returns the 1-based line of byte offset off in data.
func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}
