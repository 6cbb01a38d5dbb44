package httpclient

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// DoJSON sends r and decodes a 2xx JSON answer into v. Its errors say what
// was being done ("create a session token") and what the server answered,
// and never repeat the request's query, which may carry secrets.
func DoJSON(c *http.Client, r *http.Request, doing string, v any) error {
	r.Header.Set("Accept", "application/json")
	resp, err := c.Do(r)
	if err != nil {
		return fmt.Errorf("could not %s: %w", doing, RedactURL(err))
	}
	b, err := ReadBody(resp)
	if err != nil {
		return fmt.Errorf("could not %s: reading the answer: %w", doing, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("could not %s: the server answered %s%s", doing, resp.Status, ServerMessage(b))
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("could not %s: the answer is not the JSON expected: %v", doing, err)
	}
	return nil
}

// RedactURL replaces the URL in a *url.Error by its scheme, host and path:
// a query may carry secrets.
func RedactURL(err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	u, perr := url.Parse(ue.URL)
	where := "(invalid URL)"
	if perr == nil {
		where = u.Scheme + "://" + u.Host + u.Path
	}
	return fmt.Errorf("%s %s: %w", ue.Op, where, ue.Err)
}

// ServerMessage extracts a short, printable message from an error body
// (the common "message", "error_description" and "error" fields), prefixed
// with ": ", or "" when there is none.
func ServerMessage(b []byte) string {
	var m struct {
		Message          string `json:"message"`
		Error            any    `json:"error"`
		ErrorDescription string `json:"error_description"`
		// webCRM and other .NET APIs: ErrorDescription (matched case-insensitively)
		Description string `json:"errordescription"`
	}
	if json.Unmarshal(b, &m) != nil {
		return ""
	}
	msg := m.Message
	if msg == "" {
		msg = m.ErrorDescription
	}
	if msg == "" {
		msg = m.Description
	}
	if s, ok := m.Error.(string); ok && msg == "" {
		msg = s
	}
	if msg == "" {
		return ""
	}
	return ": " + Printable(msg, 300)
}

// Printable strips control characters from s and cuts it to max runes, so a
// server's words cannot move the cursor or rewrite the terminal.
func Printable(s string, max int) string {
	var sb strings.Builder
	n := 0
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			continue
		}
		if n == max {
			sb.WriteString("…")
			break
		}
		sb.WriteRune(r)
		n++
	}
	return sb.String()
}

// RedactQuery shows a URL without its query, which may hold a token.
func RedactQuery(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(invalid URL)"
	}
	if u.RawQuery != "" {
		u.RawQuery = "[query hidden]"
	}
	u.User = nil
	return u.String()
}
