package catalog

import "testing"

// TestBuiltinProvidersParse: every embedded provider is a valid file whose
// name matches its file, with docs and notes for the user.
func TestBuiltinProvidersParse(t *testing.T) {
	names := BuiltinNames()
	if len(names) == 0 {
		t.Fatal("no built-in providers")
	}
	for _, n := range names {
		p, err := Builtin(n)
		if err != nil || p == nil {
			t.Fatalf("%s: %v", n, err)
		}
		if p.Name != n || p.Docs == "" || p.Notes == "" {
			t.Errorf("%s: name %q, docs %q, notes %q: want the file's name, a docs link and notes", n, p.Name, p.Docs, p.Notes)
		}
	}
}
