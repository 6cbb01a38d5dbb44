package main

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// The Tripletex API cannot be reached from here, so this fake plays it as
// documented at developer.tripletex.no (authentication-and-tokens):
// PUT /v2/token/session/:create?consumerToken&employeeToken&expirationDate
// answers {"value":{"token":...}}; GET /v2/token/session/>whoAmI with Basic
// auth "0:<session token>" answers who the token belongs to.
const (
	fakeConsumerToken = "consumer-good"
	fakeEmployeeToken = "employee-good"
	fakeSessionToken  = "session-token-from-fake"
)

func newTripletexFake(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	var mu sync.Mutex
	created := 0
	mux.HandleFunc("GET /test/sessions-created", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintln(w, created)
	})
	mux.HandleFunc("PUT /v2/token/session/{action}", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		exp, err := time.Parse("2006-01-02", q.Get("expirationDate"))
		switch {
		case r.PathValue("action") != ":create":
			http.NotFound(w, r)
		case err != nil || !exp.After(time.Now()):
			tripletexError(w, 422, "Validation failed: expirationDate must be after today")
		case q.Get("consumerToken") != fakeConsumerToken || q.Get("employeeToken") != fakeEmployeeToken:
			tripletexError(w, 403, "Invalid or expired token")
		default:
			mu.Lock()
			created++
			mu.Unlock()
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"value":{"id":1,"version":1,"consumer":{"id":2},"employee":{"id":17},"token":"` + fakeSessionToken + `","expirationDate":"` + exp.Format("2006-01-02") + `"}}`))
		}
	})
	mux.HandleFunc("GET /v2/token/session/{who}", func(w http.ResponseWriter, r *http.Request) {
		want := "Basic " + base64.StdEncoding.EncodeToString([]byte("0:"+fakeSessionToken))
		if r.PathValue("who") != ">whoAmI" || r.Header.Get("Authorization") != want {
			tripletexError(w, 401, "Unauthorized")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"value":{"employeeId":17,"companyId":4242,"actualEmployeeId":17,"language":"no"}}`))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func tripletexError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"status":%d,"code":3000,"message":%q,"developerMessage":null,"validationMessages":null}`, status, msg)
}
