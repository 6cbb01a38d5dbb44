package sesam

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Manifest is what connauth reads of a Sesam connector's manifest.json:
// how the connector authenticates, and what its system needs besides.
type Manifest struct {
	Auth        string `json:"auth"`
	AuthVariant string `json:"auth_variant"`
	OAuth2      struct {
		LoginURL       string   `json:"login_url"`
		TokenURL       string   `json:"token_url"`
		Scopes         []string `json:"scopes"`
		OptionalScopes []string `json:"optional_scopes"`
	} `json:"oauth2"`
	JWT struct {
		LoginURL  string `json:"login_url"`
		HeaderKey string `json:"jwt_header_key"`
	} `json:"jwt"`
	// AdditionalParameters become $ENV(name) in the system; their values
	// are {} in the manifest.
	AdditionalParameters     map[string]json.RawMessage `json:"additional_parameters"`
	UseWebhookSecret         bool                       `json:"use_webhook_secret"`
	RequiresServiceAPIAccess bool                       `json:"requires_service_api_access"`
	// Path is the file it came from.
	Path string `json:"-"`
}

// ManifestPath returns the manifest a login argument names: a
// manifest.json file, or a connector folder holding one, written as a
// path (./hubspot-connector), so that a folder in the working directory
// never shadows a provider of the same name; "" otherwise.
func ManifestPath(arg string) string {
	if filepath.Base(arg) == "manifest.json" {
		return arg
	}
	if !strings.ContainsRune(arg, '/') && !strings.ContainsRune(arg, filepath.Separator) {
		return ""
	}
	if st, err := os.Stat(arg); err == nil && st.IsDir() {
		p := filepath.Join(arg, "manifest.json")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// ReadManifest reads a connector's manifest.json.
func ReadManifest(path string) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	m, err := ParseManifest(data)
	if err != nil {
		return nil, fmt.Errorf("manifest %s: %w", path, err)
	}
	m.Path = path
	return m, nil
}

// ParseManifest decodes a manifest; keys connauth does not use (datatypes,
// system-template, ...) are ignored.
func ParseManifest(data []byte) (*Manifest, error) {
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("not a valid manifest.json: %v", err)
	}
	return &m, nil
}
