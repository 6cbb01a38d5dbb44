package export

import "fmt"

// Var is one environment variable made from an injected secret.
type Var struct {
	Name  string
	Value string
}

// Format prints a Var with its value redacted, whatever the verb, so that
// a Var (or a slice of them) that reaches a log line or an error does not
// leak the secret.
func (v Var) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, "%s=<redacted>", v.Name)
}
