package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// The webCRM API cannot be reached from here, so this fake plays its login
// as documented (webcrm.com/uk/support/webcrm-api/webcrm-rest-api/, and the
// webcrm-connector README): POST /Auth/ApiLogin with the application token
// in the authCode header answers {"AccessToken", "RefreshToken",
// "ExpiresIn": 3600, "TokenType": "Bearer", "SystemId", "IsError": false}.
const fakeWebCRMToken = "12345678-90ab-cdef-1234-567890abcdef"

func newWebCRMFake(t *testing.T) *httptest.Server {
	var mu sync.Mutex
	n := 0
	mux := http.NewServeMux()
	mux.HandleFunc("POST /Auth/ApiLogin", func(w http.ResponseWriter, r *http.Request) {
		code := r.Header.Get("authCode")
		if code == "" {
			code = r.Header.Get("X-Alt-Auth") // the header name is a setting
		}
		if code != fakeWebCRMToken {
			writeJSONBody(w, http.StatusUnauthorized, map[string]any{"AccessToken": nil, "IsError": true, "ErrorDescription": "Invalid authCode"})
			return
		}
		mu.Lock()
		n++
		i := n
		mu.Unlock()
		writeJSONBody(w, http.StatusOK, map[string]any{
			"AccessToken": fmt.Sprintf("webcrm-jwt-%d", i), "RefreshToken": fmt.Sprintf("webcrm-rt-%d", i),
			"Error": nil, "ErrorDescription": nil, "IsError": false, "ExpiresIn": 3600, "TokenType": "Bearer", "SystemId": 39329,
		})
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}
