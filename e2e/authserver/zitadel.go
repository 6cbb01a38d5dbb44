package authserver

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
)

// Zitadel's example OP: a native public client and its built-in user.
const (
	ZitadelClient   = "native"
	ZitadelPassword = "verysecure"
	// A confidential client for the device grant.
	ZitadelDeviceClient = "device"
	ZitadelDeviceSecret = "device-secret-0123456789"
	// The example's service user, for client_credentials.
	ZitadelServiceUser       = "sid1"
	ZitadelServiceUserSecret = "verysecret"
)

// Zitadel is the zitadel/oidc example OP running in this process.
type Zitadel struct {
	// Issuer ends with a slash, as zitadel's does.
	Issuer string
	// User is the example user's login name, test-user@127.0.0.1.
	User string
}

var registerOnce sync.Once

// StartZitadel serves the example OP on a random loopback port until the
// test ends.
func StartZitadel(t testing.TB) *Zitadel {
	t.Helper()
	registerOnce.Do(func() {
		// A package-level map in the example's storage: register once.
		storage.RegisterClients(
			storage.NativeClient(ZitadelClient, "http://127.0.0.1/callback"),
			storage.DeviceClient(ZitadelDeviceClient, ZitadelDeviceSecret),
		)
	})
	srv := httptest.NewUnstartedServer(nil)
	issuer := "http://" + srv.Listener.Addr().String() + "/"
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	st := storage.NewStorage(storage.NewUserStore(issuer))
	srv.Config.Handler = exampleop.SetupServer(issuer, st, logger, false)
	srv.Start()
	t.Cleanup(srv.Close)
	host := strings.Split(srv.Listener.Addr().String(), ":")[0]
	return &Zitadel{Issuer: issuer, User: "test-user@" + host}
}
