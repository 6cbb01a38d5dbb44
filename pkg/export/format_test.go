package export

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteUnknownFormat(t *testing.T) {
	err := Write(new(bytes.Buffer), "yaml", nil, Options{})
	if err == nil {
		t.Fatal("Write: no error for an unknown format")
	}
	for _, f := range Formats {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q does not list %s", err, f)
		}
	}
}

func TestWriteRejectsBadVars(t *testing.T) {
	tests := map[string][]Var{
		"empty name":   {{"", "v"}},
		"bad name":     {{"A-B", "v"}},
		"digit first":  {{"1A", "v"}},
		"twice":        {{"A", "v"}, {"A", "w"}},
		"NUL in value": {{"A", "x\x00hidden"}},
	}
	for name, vars := range tests {
		for _, f := range Formats {
			var out bytes.Buffer
			err := Write(&out, f, vars, Options{GithubEnvPath: t.TempDir() + "/env"})
			if err == nil {
				t.Errorf("%s, %s: no error", name, f)
				continue
			}
			if strings.Contains(err.Error(), "hidden") {
				t.Errorf("%s, %s: error %q shows the value", name, f, err)
			}
			if out.Len() != 0 {
				t.Errorf("%s, %s: wrote %d bytes before failing", name, f, out.Len())
			}
		}
	}
}
