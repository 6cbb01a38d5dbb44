package export

import (
	"runtime"
	"strings"
)

// MergeEnv returns base, a list of KEY=value entries such as os.Environ(),
// with vars added, each replacing an entry of the same name. Every name
// appears once in the result: where base repeats one, the last value wins,
// as it does for a child process. Base order is kept; new names follow in
// the order of vars. Names compare case-insensitively on Windows.
func MergeEnv(base []string, vars []Var) []string {
	out := make([]string, 0, len(base)+len(vars))
	at := make(map[string]int, len(base)+len(vars))
	set := func(kv string) {
		key := envKey(kv)
		if i, ok := at[key]; ok {
			out[i] = kv
			return
		}
		at[key] = len(out)
		out = append(out, kv)
	}
	for _, kv := range base {
		set(kv)
	}
	for _, v := range vars {
		set(v.Name + "=" + v.Value)
	}
	return out
}

// envKey returns the name part of a KEY=value entry, the whole entry when
// it has no =. A leading = belongs to the name: Windows keeps per-drive
// directories in entries like =C:=C:\dir.
func envKey(kv string) string {
	key := kv
	if kv != "" {
		if i := strings.IndexByte(kv[1:], '='); i >= 0 {
			key = kv[:1+i]
		}
	}
	if runtime.GOOS == "windows" {
		key = strings.ToUpper(key)
	}
	return key
}
