package superoffice

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/connauth/connauth/pkg/httpclient"
)

// Authenticate trades a signed system token for a system-user ticket JWT
// (POST {base}/Login/api/PartnerSystemUser/Authenticate).
func Authenticate(ctx context.Context, c *http.Client, base, signed, appToken, contextID string) (string, error) {
	body, _ := json.Marshal(map[string]string{
		"SignedSystemToken": signed, "ApplicationToken": appToken,
		"ContextIdentifier": contextID, "ReturnTokenType": "JWT",
	})
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/Login/api/PartnerSystemUser/Authenticate", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	r.Header.Set("Content-Type", "application/json;charset=UTF-8")
	var out struct {
		IsSuccessful bool
		Token        string
		ErrorMessage string
	}
	if err := httpclient.DoJSON(c, r, "get a SuperOffice system-user ticket", &out); err != nil {
		return "", err
	}
	if !out.IsSuccessful || out.Token == "" {
		return "", fmt.Errorf("SuperOffice refused the system-user ticket: %s", httpclient.Printable(out.ErrorMessage, 200))
	}
	return out.Token, nil
}

// TenantAPI returns the tenant's API URL (GET {base}/api/state/{ctx}).
func TenantAPI(ctx context.Context, c *http.Client, base, contextID string) (string, error) {
	r, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/state/"+url.PathEscape(contextID), nil)
	if err != nil {
		return "", err
	}
	var out struct{ Api, State string }
	if err := httpclient.DoJSON(c, r, "read the SuperOffice tenant's state", &out); err != nil {
		return "", err
	}
	if err := httpclient.CheckURL(out.Api); err != nil {
		return "", fmt.Errorf("SuperOffice's tenant state names no usable API URL (state %q)", httpclient.Printable(out.State, 40))
	}
	return out.Api, nil
}
