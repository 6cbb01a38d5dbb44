package export

import (
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"
)

// writeJSON writes one JSON object {NAME: value}, keys sorted, indented by
// two spaces, with a newline at the end.
func writeJSON(w io.Writer, vars []Var) error {
	obj := make(map[string]string, len(vars))
	for _, v := range vars {
		if !utf8.ValidString(v.Value) {
			return fmt.Errorf("the value of %s is not valid UTF-8, which JSON cannot hold; use --format shell or dotenv", v.Name)
		}
		obj[v.Name] = v.Value
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(obj) // a map's keys are encoded sorted
}
