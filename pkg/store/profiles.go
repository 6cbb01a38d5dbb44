package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
)

// LoadProfile reads the metadata of the profile called name. When there is
// no such profile the error matches ErrNotFound.
func (c Config) LoadProfile(name string) (*Profile, error) {
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	path := c.profilePath(name)
	if err := checkPrivate(path, "profile file"); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, NotFound("no profile named %q; run \"connauth list\" to see the profiles", name)
		}
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read profile %q: %w", name, err)
	}
	var p Profile
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("profile file %s is damaged (%v); fix it, or delete it and log in again", path, err)
	}
	if p.Name == "" {
		p.Name = name
	}
	return &p, nil
}

// SaveProfile writes p's metadata atomically, mode 0600, to
// <Dir>/profiles/<p.Name>.json.
func (c Config) SaveProfile(p *Profile) error {
	if err := ValidateName(p.Name); err != nil {
		return err
	}
	if _, err := c.ensureDir("profiles"); err != nil {
		return err
	}
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("cannot encode profile %q: %w", p.Name, err)
	}
	return WriteFileAtomic(c.profilePath(p.Name), append(data, '\n'))
}

// DeleteProfile removes the metadata of the profile called name (not its
// secrets). When there is no such profile the error matches ErrNotFound.
func (c Config) DeleteProfile(name string) error {
	if err := ValidateName(name); err != nil {
		return err
	}
	err := os.Remove(c.profilePath(name))
	if errors.Is(err, fs.ErrNotExist) {
		return NotFound("no profile named %q; run \"connauth list\" to see the profiles", name)
	}
	if err != nil {
		return fmt.Errorf("cannot delete profile %q: %w", name, err)
	}
	return nil
}

// ListProfiles returns the metadata of every saved profile, sorted by name.
// Files in the profiles directory that are not profiles are skipped.
func (c Config) ListProfiles() ([]Profile, error) {
	entries, err := os.ReadDir(c.profilesDir())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot list profiles: %w", err)
	}
	var profiles []Profile
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok || e.IsDir() || !validName(name) {
			continue
		}
		p, err := c.LoadProfile(name)
		if err != nil {
			return nil, err
		}
		profiles = append(profiles, *p)
	}
	sort.Slice(profiles, func(i, j int) bool { return profiles[i].Name < profiles[j].Name })
	return profiles, nil
}
