package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Client is a client registration shared by several profiles, like
// integrator.io's iClients: its id is here, its secrets in a store under
// SecretsKey.
type Client struct {
	Name     string `json:"name"`
	ClientID string `json:"client_id"`
	// Store and SecretsFile say where the client's secrets are, as for a
	// profile.
	Store       string    `json:"store"`
	SecretsFile string    `json:"secrets_file,omitempty"`
	SecretNames []string  `json:"secret_names"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// clientPrefix keeps a client's secrets apart from any profile's.
const clientPrefix = "_client."

// SecretsKey is the name the client's secrets are stored under.
func (c *Client) SecretsKey() string { return clientPrefix + c.Name }

// AsProfile describes the client's secrets the way StoreFor expects.
func (c *Client) AsProfile() *Profile {
	return &Profile{Name: c.SecretsKey(), Store: c.Store, SecretsFile: c.SecretsFile}
}

// IsClientKey reports whether a store name belongs to a client.
func IsClientKey(name string) bool { return strings.HasPrefix(name, clientPrefix) }

func (c Config) clientPath(name string) string {
	return filepath.Join(c.Dir, "clients", name+".json")
}

// LoadClient reads the client called name; ErrNotFound when there is none.
func (c Config) LoadClient(name string) (*Client, error) {
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(c.clientPath(name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, NotFound("no client named %q; add it with: connauth clients add %s --client-id ID", name, name)
	}
	if err != nil {
		return nil, err
	}
	var cl Client
	if err := json.Unmarshal(data, &cl); err != nil {
		return nil, fmt.Errorf("client file %s is damaged (%v); add the client again", c.clientPath(name), err)
	}
	return &cl, nil
}

// SaveClient writes the client's metadata atomically, mode 0600.
func (c Config) SaveClient(cl *Client) error {
	if _, err := c.ensureDir("clients"); err != nil {
		return err
	}
	data, err := json.MarshalIndent(cl, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(c.clientPath(cl.Name), append(data, '\n'))
}

// DeleteClient removes the client's metadata.
func (c Config) DeleteClient(name string) error {
	err := os.Remove(c.clientPath(name))
	if errors.Is(err, fs.ErrNotExist) {
		return NotFound("no client named %q", name)
	}
	return err
}

// ListClients returns every client, sorted by name.
func (c Config) ListClients() ([]Client, error) {
	entries, err := os.ReadDir(filepath.Join(c.Dir, "clients"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Client
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok || !validName(name) {
			continue
		}
		cl, err := c.LoadClient(name)
		if err != nil {
			return nil, err
		}
		out = append(out, *cl)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}
