package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// fakeSesamNode plays the documented Sesam node API (docs swagger,
// reference/sesam.md §4): POST /api/systems/{id}/secrets adds and
// overwrites the given secrets, PUT replaces them all, POST /api/env adds
// variables, GET /api/systems/{id}/secrets lists secret names; a Bearer JWT
// is required. Real nodes cannot be reached from here.
type fakeSesamNode struct {
	srv      *httptest.Server
	mu       sync.Mutex
	systems  map[string]map[string]string
	env      map[string]string
	requests []string
}

const (
	testNodeJWT         = "node-jwt-good"
	testNodeReadOnlyJWT = "node-jwt-readonly"
)

func newFakeSesamNode(t *testing.T) *fakeSesamNode {
	n := &fakeSesamNode{
		systems: map[string]map[string]string{"hubspot": {"other_secret": "keep me"}, "tripletex": {}},
		env:     map[string]string{"existing_var": "stays"},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/systems/{id}/secrets", n.secrets)
	mux.HandleFunc("POST /api/env", n.postEnv)
	mux.HandleFunc("GET /test/state", n.state)
	n.srv = httptest.NewUnstartedServer(mux)
	n.srv.Start()
	t.Cleanup(n.srv.Close)
	return n
}

func (n *fakeSesamNode) authorized(w http.ResponseWriter, r *http.Request) bool {
	switch r.Header.Get("Authorization") {
	case "Bearer " + testNodeJWT:
		return true
	case "Bearer " + testNodeReadOnlyJWT:
		http.Error(w, `{"message":"forbidden"}`, http.StatusForbidden)
	default:
		http.Error(w, `{"message":"unauthorized"}`, http.StatusUnauthorized)
	}
	return false
}

func (n *fakeSesamNode) secrets(w http.ResponseWriter, r *http.Request) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.requests = append(n.requests, r.Method+" "+r.URL.Path)
	if !n.authorized(w, r) {
		return
	}
	sys, ok := n.systems[r.PathValue("id")]
	if !ok {
		http.Error(w, `{"message":"no such system"}`, http.StatusNotFound)
		return
	}
	switch r.Method {
	case http.MethodGet:
		names := []string{}
		for k := range sys {
			names = append(names, k)
		}
		writeJSONBody(w, http.StatusOK, names)
	case http.MethodPost, http.MethodPut:
		var body map[string]string
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, "body must be a JSON object of strings", http.StatusBadRequest)
			return
		}
		if r.Method == http.MethodPut {
			sys = map[string]string{}
			n.systems[r.PathValue("id")] = sys
		}
		for k, v := range body {
			sys[k] = v
		}
		w.WriteHeader(http.StatusOK)
	default:
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

func (n *fakeSesamNode) postEnv(w http.ResponseWriter, r *http.Request) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.requests = append(n.requests, r.Method+" "+r.URL.Path)
	if !n.authorized(w, r) {
		return
	}
	var body map[string]string
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	for k, v := range body {
		n.env[k] = v
	}
}

// state is for the tests only: real nodes never return secret values.
func (n *fakeSesamNode) state(w http.ResponseWriter, r *http.Request) {
	n.mu.Lock()
	defer n.mu.Unlock()
	writeJSONBody(w, http.StatusOK, map[string]any{"systems": n.systems, "env": n.env, "requests": n.requests})
}

// cmdNode is `sesamnode SYSTEM NAME FILE`: writes the value of one secret
// on the fake node's SYSTEM to FILE (empty when absent), or `sesamnode
// requests FILE`, the methods and paths it received.
func (n *fakeSesamNode) cmd(ts *testscript.TestScript, neg bool, args []string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	switch {
	case len(args) == 2 && args[0] == "requests":
		ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(strings.Join(n.requests, "\n")+"\n"), 0o600))
	case len(args) == 3:
		ts.Check(os.WriteFile(ts.MkAbs(args[2]), []byte(n.systems[args[0]][args[1]]+"\n"), 0o600))
	default:
		ts.Fatalf("usage: sesamnode SYSTEM NAME FILE | sesamnode requests FILE")
	}
}
