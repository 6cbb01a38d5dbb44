package oauth

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// CheckDomains refuses any URL whose host is not one of domains or a
// subdomain of one, so that no secret or credential is sent elsewhere.
// urls maps a name ("token_endpoint") to a URL; empty URLs are skipped.
func CheckDomains(domains []string, urls map[string]string) error {
	if len(domains) == 0 {
		return nil
	}
	names := make([]string, 0, len(urls))
	for n := range urls {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		raw := urls[name]
		if raw == "" {
			continue
		}
		u, err := url.Parse(raw)
		if err != nil || !inDomains(u.Hostname(), domains) {
			return fmt.Errorf("%s %s is outside the provider's valid domains (%s); connauth sends no credentials there", name, raw, strings.Join(domains, ", "))
		}
	}
	return nil
}

func inDomains(host string, domains []string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, d := range domains {
		d = strings.ToLower(strings.Trim(d, "."))
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}
