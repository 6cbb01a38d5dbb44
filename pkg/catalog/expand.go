package catalog

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
)

var varRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`) })

// Values applies the defaults to the given --var values and checks them:
// every variable must be known, allowed, and set when it has no default.
func (p *Provider) Values(given map[string]string) (map[string]string, error) {
	out := map[string]string{}
	for name, v := range p.Vars {
		if v.Default != "" {
			out[name] = v.Default
		}
	}
	for k, v := range given {
		spec, ok := p.Vars[k]
		if !ok {
			return nil, fmt.Errorf("provider %s has no variable %q%s", p.Name, k, p.varHint())
		}
		if len(spec.Allowed) > 0 && !slices.Contains(spec.Allowed, v) {
			return nil, fmt.Errorf("--var %s=%q: allowed values are %s", k, v, strings.Join(spec.Allowed, ", "))
		}
		out[k] = v
	}
	for name, v := range p.Vars {
		if out[name] == "" && !v.Optional {
			return nil, fmt.Errorf("provider %s needs --var %s=VALUE (%s)", p.Name, name, v.Description)
		}
	}
	return out, nil
}

func (p *Provider) varHint() string {
	if len(p.Vars) == 0 {
		return ": it takes no --var"
	}
	names := make([]string, 0, len(p.Vars))
	for n := range p.Vars {
		names = append(names, n)
	}
	sort.Strings(names)
	return ": its variables are " + strings.Join(names, ", ")
}

// Expand returns the OAuth settings with ${var} replaced in every URL.
// A value is inserted path-escaped, so a variable cannot add a host or a
// path segment.
func (o OAuth) Expand(values map[string]string) (OAuth, error) {
	var err error
	for _, f := range []*string{&o.Issuer, &o.AuthURL, &o.TokenURL, &o.RevokeURL, &o.DeviceURL, &o.RedirectURI, &o.RefreshURL} {
		if *f, err = expand(*f, values); err != nil {
			return o, err
		}
	}
	return o, nil
}

func expand(s string, values map[string]string) (string, error) {
	var missing string
	out := varRef().ReplaceAllStringFunc(s, func(ref string) string {
		name := varRef().FindStringSubmatch(ref)[1]
		v, ok := values[name]
		if !ok {
			missing = name
		}
		return url.PathEscape(v)
	})
	if missing != "" {
		return "", fmt.Errorf("%s uses ${%s}, which the provider does not declare under vars", s, missing)
	}
	return out, nil
}

// ExpandURL replaces ${var} in one URL, as Expand does.
func ExpandURL(s string, values map[string]string) (string, error) { return expand(s, values) }
