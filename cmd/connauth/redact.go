package main

import (
	"strings"
	"sync"
)

// redactor remembers the secret values this run has seen, so that no error
// message can print one, whoever wrote the message (a server may echo what
// it was sent).
type redactor struct {
	mu     sync.Mutex
	values []string
}

// minRedact is the shortest value redacted: shorter ones would blank out
// ordinary words.
const minRedact = 6

func (r *redactor) add(values ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, v := range values {
		if len(v) >= minRedact {
			r.values = append(r.values, v)
		}
	}
}

func (r *redactor) apply(s string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, v := range r.values {
		s = strings.ReplaceAll(s, v, "[redacted]")
	}
	return s
}
