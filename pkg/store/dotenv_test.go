package store

import (
	"maps"
	"strings"
	"testing"
)

// trickySecrets are values that naive dotenv code corrupts.
var trickySecrets = Secrets{
	"SO-Apptoken":        "abc-123",
	"so_ticket":          "7T:ZGVtbw==",
	"leading_zeros":      "007",
	"dollar":             "pa$$word $HOME ${USER}",
	"backticks":          "`rm -rf /`",
	"double_quotes":      `say "hi"`,
	"single_quotes":      "it's",
	"backslashes":        `C:\new\table\\`,
	"newlines":           "line1\nline2\r\nline3\n",
	"tabs":               "a\tb",
	"unicode":            "blåbær 😀 Ω",
	"hash":               "abc #not a comment",
	"spaces":             "  padded  ",
	"empty":              "",
	"equals":             "a=b==",
	"url":                "https://user@example.com:8443/path?q=1&r=2",
	"jwt_access_token":   "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln-_",
	"export":             "not a keyword here",
	"oauth_client.id":    "x.y",
	"control_characters": "\x01\x7f",
}

func TestDotenvRoundTrip(t *testing.T) {
	data, err := FormatSecrets(trickySecrets, FormatDotenv)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseSecrets(data, FormatDotenv)
	if err != nil {
		t.Fatalf("parse of our own output: %v\n%s", err, data)
	}
	for name, want := range trickySecrets {
		if got[name] != want {
			t.Errorf("%s: got %q, want %q", name, got[name], want)
		}
	}
	if len(got) != len(trickySecrets) {
		t.Errorf("got %d secrets, want %d", len(got), len(trickySecrets))
	}
}

func TestDotenvEncoding(t *testing.T) {
	data, err := FormatSecrets(Secrets{
		"b":           "007",
		"SO-Apptoken": "x/y:z@w+v=u-t.s_r",
		"c":           `a"b$c`,
		"d":           "l1\nl2",
	}, FormatDotenv)
	if err != nil {
		t.Fatal(err)
	}
	want := "SO-Apptoken=x/y:z@w+v=u-t.s_r\nb=007\nc=\"a\\\"b\\$c\"\nd=\"l1\\nl2\"\n"
	if string(data) != want {
		t.Errorf("got\n%s\nwant\n%s", data, want)
	}
}

func TestDotenvParsing(t *testing.T) {
	input := "\ufeff# a comment\n" +
		"\n" +
		"export API_KEY=abc123   \n" +
		"  SO-Apptoken = spaced  \n" +
		"single='lit $HOME \\n \"q\"'\n" +
		"double=\"tab\\there \\$HOME \\` \\\\ \\\" \\x\"  # trailing comment\n" +
		"inline=value # comment\n" +
		"hashy=a#b\n" +
		"multi=\"first\nsecond\"\n" +
		"crlf=windows\r\n" +
		"empty=\n" +
		"zero=007\n"
	got, err := ParseSecrets([]byte(input), FormatDotenv)
	if err != nil {
		t.Fatal(err)
	}
	want := Secrets{
		"API_KEY":     "abc123",
		"SO-Apptoken": "spaced",
		"single":      `lit $HOME \n "q"`,
		"double":      "tab\there $HOME ` \\ \" \\x",
		"inline":      "value",
		"hashy":       "a#b",
		"multi":       "first\nsecond",
		"crlf":        "windows",
		"empty":       "",
		"zero":        "007",
	}
	if !maps.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestDotenvErrorsNameLineNotValue(t *testing.T) {
	const secret = "s3cr3t-VALUE"
	cases := []struct {
		input, want string
	}{
		{"A=1\n" + secret + "\n", "line 2"},
		{"A=1\n\nB=\"" + secret + "\n", "line 3: the value of B has no closing double quote"},
		{"B='" + secret, "line 1: the value of B has no closing single quote"},
		{"B=\"x\" " + secret + "\n", "line 1: unexpected text after the quoted value of B"},
		{"A=1\nA=" + secret + "\n", "line 2: A is already set on line 1"},
		{"bad name=" + secret + "\n", "line 1"},
		{"\"" + secret + "\"=x\n", "line 1"},
	}
	for _, c := range cases {
		_, err := ParseSecrets([]byte(c.input), FormatDotenv)
		if err == nil {
			t.Errorf("%q: no error", c.input)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %q does not contain %q", c.input, err, c.want)
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("%q: error shows the value: %v", c.input, err)
		}
	}
}

func TestDotenvEncodeRefuses(t *testing.T) {
	if _, err := FormatSecrets(Secrets{"k": "a\x00b"}, FormatDotenv); err == nil || !strings.Contains(err.Error(), "NUL") {
		t.Errorf("NUL value: %v, want an error naming NUL", err)
	}
	for _, name := range []string{"", "has space", "a=b", "new\nline", "quo\"te"} {
		if _, err := FormatSecrets(Secrets{name: "v"}, FormatDotenv); err == nil {
			t.Errorf("name %q was accepted", name)
		}
	}
}
