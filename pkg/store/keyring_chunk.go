package store

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/zalando/go-keyring"
)

// A profile's secrets are one JSON document. Up to chunkSize bytes it is
// the value of the head item (user <profile>). Larger documents are split
// into items <profile>#<generation>#<i> of at most chunkSize bytes, and the
// head holds "connauth-chunks:v1:<generation>:<count>". chunkSize keeps
// every item within Windows' 2560-byte limit and macOS' ~3000 bytes after
// go-keyring's base64 encoding.
const (
	chunkSize   = 1800
	chunkPrefix = "connauth-chunks:v1:"
	maxChunks   = 100
)

// chunkHeader is the parsed head item of a chunked document.
type chunkHeader struct {
	gen   string
	count int
}

func (h chunkHeader) String() string {
	return chunkPrefix + h.gen + ":" + strconv.Itoa(h.count)
}

func chunkUser(profile, gen string, i int) string {
	return profile + "#" + gen + "#" + strconv.Itoa(i)
}

func (h chunkHeader) users(profile string) []string {
	users := make([]string, h.count)
	for i := range users {
		users[i] = chunkUser(profile, h.gen, i)
	}
	return users
}

// parseChunkHeader parses a head item; ok is false when head is not a
// chunk header. A malformed header is an error.
func parseChunkHeader(head string) (h chunkHeader, ok bool, err error) {
	rest, ok := strings.CutPrefix(head, chunkPrefix)
	if !ok {
		return h, false, nil
	}
	gen, count, found := strings.Cut(rest, ":")
	n, err := strconv.Atoi(count)
	if !found || gen == "" || strings.Contains(gen, "#") || err != nil || n < 1 || n > maxChunks {
		return h, true, errors.New("malformed chunk header")
	}
	return chunkHeader{gen: gen, count: n}, true, nil
}

// splitChunks cuts doc into pieces of at most size bytes, never inside a
// UTF-8 sequence.
func splitChunks(doc string, size int) []string {
	var chunks []string
	for len(doc) > size {
		cut := size
		for cut > 0 && !utf8.RuneStart(doc[cut]) {
			cut--
		}
		if cut == 0 {
			cut = size
		}
		chunks = append(chunks, doc[:cut])
		doc = doc[cut:]
	}
	return append(chunks, doc)
}

func newGeneration() string {
	b := make([]byte, 4)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// readDoc returns profile's JSON document, reassembling chunks. A missing
// head returns keyring.ErrNotFound.
func (k *KeyringStore) readDoc(profile string) (string, error) {
	head, err := k.get(profile)
	if err != nil {
		if errors.Is(err, keyring.ErrNotFound) {
			return "", err
		}
		return "", fmt.Errorf("cannot read the secrets of profile %q from the OS keyring: %w", profile, err)
	}
	h, chunked, err := parseChunkHeader(head)
	if err != nil {
		return "", damaged(profile)
	}
	if !chunked {
		return head, nil
	}
	var b strings.Builder
	for i, user := range h.users(profile) {
		part, err := k.get(user)
		if errors.Is(err, keyring.ErrNotFound) {
			return "", fmt.Errorf("the OS keyring entry of profile %q is incomplete (part %d of %d is missing); run \"connauth login\" again", profile, i+1, h.count)
		}
		if err != nil {
			return "", fmt.Errorf("cannot read the secrets of profile %q from the OS keyring: %w", profile, err)
		}
		b.WriteString(part)
	}
	return b.String(), nil
}

// writeDoc stores doc for profile: chunks under a new generation first,
// then the head item, which switches readers to them. It returns the
// chunk items written.
func (k *KeyringStore) writeDoc(profile, doc string) ([]string, error) {
	if len(doc) <= chunkSize {
		return nil, k.setHead(profile, doc)
	}
	chunks := splitChunks(doc, chunkSize)
	if len(chunks) > maxChunks {
		return nil, fmt.Errorf("the secrets of profile %q are too big for the OS keyring (%d bytes); use --store file", profile, len(doc))
	}
	h := chunkHeader{gen: newGeneration(), count: len(chunks)}
	users := h.users(profile)
	for i, user := range users {
		if err := k.set(user, chunks[i]); err != nil {
			k.discard(users[:i+1], err)
			return nil, fmt.Errorf("cannot store the secrets of profile %q in the OS keyring: %w", profile, err)
		}
	}
	if err := k.setHead(profile, h.String()); err != nil {
		k.discard(users, err)
		return nil, err
	}
	return users, nil
}

func (k *KeyringStore) setHead(profile, value string) error {
	if err := k.set(profile, value); err != nil {
		return fmt.Errorf("cannot store the secrets of profile %q in the OS keyring: %w", profile, err)
	}
	return nil
}

// discard deletes the chunks of a failed write, best effort. After a
// timeout the write may still land, so they are kept.
func (k *KeyringStore) discard(users []string, cause error) {
	if errors.Is(cause, ErrKeyringTimeout) {
		return
	}
	for _, user := range users {
		if k.call(func() error { return k.kr.Delete(KeyringService, user) }) != nil {
			return
		}
	}
}

// oldChunks returns the chunk items profile uses now, to delete once they
// are replaced. A damaged head has none.
func (k *KeyringStore) oldChunks(profile string) ([]string, error) {
	head, err := k.get(profile)
	if errors.Is(err, keyring.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot reach the OS keyring for profile %q: %w", profile, err)
	}
	h, chunked, err := parseChunkHeader(head)
	if !chunked || err != nil {
		return nil, nil
	}
	return h.users(profile), nil
}
