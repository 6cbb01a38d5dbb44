package catalog

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"
)

//go:embed builtin/*.yaml
var builtinFS embed.FS

// Builtin returns the embedded provider called name, or nil.
func Builtin(name string) (*Provider, error) {
	data, err := builtinFS.ReadFile(path.Join("builtin", name+".yaml"))
	if err != nil {
		return nil, nil
	}
	p, err := Parse(data, ".yaml")
	if err != nil {
		return nil, fmt.Errorf("built-in provider %s: %w", name, err)
	}
	return p, nil
}

// BuiltinNames lists the embedded providers.
func BuiltinNames() []string {
	entries, _ := builtinFS.ReadDir("builtin")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(names)
	return names
}

// BuiltinSource is the embedded file of the provider called name.
func BuiltinSource(name string) ([]byte, error) {
	return builtinFS.ReadFile(path.Join("builtin", name+".yaml"))
}
