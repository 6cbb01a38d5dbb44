package store

import (
	"maps"
	"strings"
	"testing"
)

func TestJSONRoundTrip(t *testing.T) {
	data, err := FormatSecrets(trickySecrets, FormatJSON)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseSecrets(data, FormatJSON)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(got, trickySecrets) {
		t.Error("JSON round trip changed the secrets")
	}
}

func TestJSONLayout(t *testing.T) {
	data, err := FormatSecrets(Secrets{"b": "2", "SO-Apptoken": "<&>", "a": "007"}, FormatJSON)
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"SO-Apptoken\": \"<&>\",\n  \"a\": \"007\",\n  \"b\": \"2\"\n}\n"
	if string(data) != want {
		t.Errorf("got\n%s\nwant\n%s", data, want)
	}
	empty, _ := FormatSecrets(nil, FormatJSON)
	if string(empty) != "{}\n" {
		t.Errorf("empty secrets = %q, want {}", empty)
	}
}

func TestJSONRefusesInvalidUTF8(t *testing.T) {
	if _, err := FormatSecrets(Secrets{"k": "\xff"}, FormatJSON); err == nil {
		t.Error("invalid UTF-8 was accepted and would be silently changed")
	}
}

func TestJSONParseErrors(t *testing.T) {
	const secret = "s3cr3t-VALUE"
	cases := []struct{ input, want string }{
		{"{\n\"a\": \"x\",\n\"b\": " + secret + "\n}", "line 3"},
		{`{"port": 8080}`, `secret "port" is not a JSON string`},
		{`["` + secret + `"]`, "not a JSON object"},
		{`null`, "not a JSON object"},
	}
	for _, c := range cases {
		_, err := ParseSecrets([]byte(c.input), FormatJSON)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to contain %q", c.input, err, c.want)
			continue
		}
		if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "8080") {
			t.Errorf("%q: error shows a value: %v", c.input, err)
		}
	}
}

func TestParseSecretsAuto(t *testing.T) {
	got, err := ParseSecretsAuto([]byte("  \n {\"api_key\": \"007\"}"))
	if err != nil || !maps.Equal(got, Secrets{"api_key": "007"}) {
		t.Errorf("JSON input: %v, %v", got, err)
	}
	got, err = ParseSecretsAuto([]byte("client_secret=abc\nSO-Apptoken=007\n"))
	if err != nil || !maps.Equal(got, Secrets{"client_secret": "abc", "SO-Apptoken": "007"}) {
		t.Errorf("dotenv input: %v, %v", got, err)
	}
}

func TestFormatForPath(t *testing.T) {
	for path, want := range map[string]string{"a/s.json": "json", "S.JSON": "json", "x/.env": "dotenv", "prod.env": "dotenv"} {
		if got, err := FormatForPath(path); err != nil || got != want {
			t.Errorf("FormatForPath(%q) = %q, %v; want %q", path, got, err, want)
		}
	}
	_, err := FormatForPath("secrets.yaml")
	if err == nil || !strings.Contains(err.Error(), ".json") || !strings.Contains(err.Error(), ".env") {
		t.Errorf("FormatForPath(secrets.yaml) = %v, want an error naming .json and .env", err)
	}
	if _, err := ParseSecrets(nil, "yaml"); err == nil {
		t.Error("ParseSecrets accepted format yaml")
	}
}
