package store

import "time"

// Profile is one stored login's non-secret side: what it is, where its
// secrets live, and when its token expires. It is saved as JSON under
// <config>/profiles/<name>.json and never holds a secret value.
type Profile struct {
	Name     string `json:"name"`
	Provider string `json:"provider"`
	Scheme   string `json:"scheme"`
	// Store is where the secrets are: "keyring" or "file".
	Store string `json:"store"`
	// SecretsFile is the path of the secrets file when Store is "file".
	SecretsFile string `json:"secrets_file,omitempty"`
	// SecretNames lists the names of the stored secrets, so that list and
	// show need not read the secrets themselves.
	SecretNames []string `json:"secret_names"`
	// Settings holds non-secret values: client_id, base_url, token_url, ...
	Settings map[string]string `json:"settings,omitempty"`
	Scopes   []string          `json:"scopes,omitempty"`
	// Claims are display claims of the login's id_token (sub, email, ...).
	Claims map[string]any `json:"id_token_claims,omitempty"`
	// Expiry is when the primary token expires; zero when unknown or never.
	Expiry    time.Time `json:"expiry,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}
