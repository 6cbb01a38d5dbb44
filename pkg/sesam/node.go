// Package sesam puts a profile's injected secrets on a Sesam node, where
// systems read them with $SECRET(name).
package sesam

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/connauth/connauth/pkg/httpclient"
)

// Node is a Sesam node's API.
type Node struct {
	// URL is the API base, ending in /api.
	URL  string
	JWT  string
	HTTP *http.Client
}

// APIURL turns what a user gives (the node's address, with or without
// /api) into the API base.
func APIURL(raw string) (string, error) {
	if err := httpclient.CheckURL(raw); err != nil {
		return "", fmt.Errorf("--node: %w", err)
	}
	u := strings.TrimRight(raw, "/")
	if !strings.HasSuffix(u, "/api") {
		u += "/api"
	}
	return u, nil
}

// PostSecrets adds secrets to a system: POST adds and overwrites only the
// given keys (PUT would delete the system's other secrets).
func (n *Node) PostSecrets(ctx context.Context, system string, secrets map[string]string) error {
	return n.post(ctx, "/systems/"+url.PathEscape(system)+"/secrets", secrets, system)
}

// PostEnv adds environment variables to the node.
func (n *Node) PostEnv(ctx context.Context, env map[string]string) error {
	return n.post(ctx, "/env", env, "")
}

func (n *Node) post(ctx context.Context, path string, body map[string]string, system string) error {
	data, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, n.URL+path, bytes.NewReader(data))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+n.JWT)
	resp, err := n.HTTP.Do(req)
	if err != nil {
		return fmt.Errorf("POST %s: %w", n.URL+path, httpclient.RedactURL(err))
	}
	msg, _ := httpclient.ReadBody(resp)
	switch {
	case resp.StatusCode/100 == 2:
		return nil
	case resp.StatusCode == http.StatusUnauthorized:
		return fmt.Errorf("the node refused the JWT (401): it is wrong or expired; get a new one from the Sesam portal and set SESAM_JWT")
	case resp.StatusCode == http.StatusForbidden:
		return fmt.Errorf("the node's JWT lacks the rights for %s (403); use a JWT with write access to it", path)
	case resp.StatusCode == http.StatusNotFound && system != "":
		return fmt.Errorf("the node has no system %q (404); check --system against the node's systems", system)
	}
	return fmt.Errorf("POST %s: the node answered %s%s", n.URL+path, resp.Status, httpclient.ServerMessage(msg))
}

// WebhookSecret is the secret the Sesam CLI derives for webhooks: the
// first 12 hex digits of SHA-256 over a UTF-8 byte-order mark followed by
// serviceURL + "/" + system (Python's "utf-8-sig"), so both tools agree.
func WebhookSecret(serviceURL, system string) string {
	sum := sha256.Sum256(append([]byte("\xEF\xBB\xBF"), serviceURL+"/"+system...))
	return hex.EncodeToString(sum[:])[:12]
}
