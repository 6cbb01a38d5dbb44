package export

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestJSONFormat(t *testing.T) {
	vars := []Var{{"B", "x\ny"}, {"A", `<&> "q" \`}, {"C", "héllo ✓"}, {"D", ""}}
	var out bytes.Buffer
	if err := Write(&out, "json", vars, Options{}); err != nil {
		t.Fatal(err)
	}
	want := "{\n" +
		`  "A": "<&> \"q\" \\",` + "\n" +
		`  "B": "x\ny",` + "\n" +
		`  "C": "héllo ✓",` + "\n" +
		`  "D": ""` + "\n" +
		"}\n"
	if out.String() != want {
		t.Errorf("json output =\n%s\nwant\n%s", out.String(), want)
	}
	var got map[string]string
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	for _, v := range vars {
		if got[v.Name] != v.Value {
			t.Errorf("%s read back as %q, want %q", v.Name, got[v.Name], v.Value)
		}
	}
}

func TestJSONFormatEmpty(t *testing.T) {
	var out bytes.Buffer
	if err := Write(&out, "json", nil, Options{}); err != nil {
		t.Fatal(err)
	}
	if out.String() != "{}\n" {
		t.Errorf("json of no vars = %q, want {}", out.String())
	}
}

func TestJSONFormatInvalidUTF8(t *testing.T) {
	var out bytes.Buffer
	err := Write(&out, "json", []Var{{"K", "hidden\xff"}}, Options{})
	if err == nil {
		t.Fatal("no error for a value JSON cannot hold")
	}
	if !strings.Contains(err.Error(), "K") || strings.Contains(err.Error(), "hidden") {
		t.Errorf("error %q should name K and not show the value", err)
	}
	if out.Len() != 0 {
		t.Errorf("wrote %q before failing", out.String())
	}
}
