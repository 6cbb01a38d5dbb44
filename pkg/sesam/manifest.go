package sesam

import (
	"encoding/json"
	"fmt"
	"os"
)

// Manifest is the part of a connector's manifest.json that push reads.
type Manifest struct {
	UseWebhookSecret         bool `json:"use_webhook_secret"`
	RequiresServiceAPIAccess bool `json:"requires_service_api_access"`
}

// ReadManifest reads a connector's manifest.json.
func ReadManifest(path string) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--manifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("--manifest %s is not valid JSON: %v", path, err)
	}
	return &m, nil
}
