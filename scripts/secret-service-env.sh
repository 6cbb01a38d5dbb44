#!/usr/bin/env bash
# Runs a command against a throwaway, unlocked Secret Service (gnome-keyring).
#
#   dbus-run-session -- bash scripts/secret-service-env.sh CMD [ARGS...]
#
# e.g. dbus-run-session -- bash scripts/secret-service-env.sh \
#        env CONNAUTH_TEST_SECRET_SERVICE=1 go test -race -run SecretService -v ./pkg/store/
#
# Needs gnome-keyring, and dbus for dbus-run-session:
#   apt-get install -y gnome-keyring dbus-x11
# The keyring lives in a temporary directory that is removed afterwards; the
# user's own keyrings are not touched.
set -euo pipefail

if [[ $# -eq 0 ]]; then
	echo "usage: dbus-run-session -- $0 CMD [ARGS...]" >&2
	exit 2
fi
if [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]]; then
	echo "$0: no D-Bus session bus; run it as: dbus-run-session -- $0 $*" >&2
	exit 2
fi
if ! command -v gnome-keyring-daemon >/dev/null; then
	echo "$0: gnome-keyring-daemon not found; install it: apt-get install -y gnome-keyring" >&2
	exit 2
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/connauth-keyring.XXXXXX")
daemon=
cleanup() {
	if [[ -n "$daemon" ]]; then
		kill "$daemon" 2>/dev/null || true
		wait "$daemon" 2>/dev/null || true
	fi
	rm -rf "$dir"
}
trap cleanup EXIT

# --unlock reads a password from stdin and creates the "login" collection
# with it (gnome-keyring makes it the default); a throwaway one will do.
pass="connauth-test-$RANDOM$RANDOM$RANDOM"
printf '%s' "$pass" |
	XDG_DATA_HOME="$dir/data" XDG_RUNTIME_DIR="$dir" \
		gnome-keyring-daemon --foreground --unlock --components=secrets >"$dir/daemon.log" 2>&1 &
daemon=$!

# The daemon takes a moment to own org.freedesktop.secrets. A client that
# comes earlier makes D-Bus activate a second daemon, on the user's own keyrings.
owned=false
for _ in $(seq 100); do
	if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
		org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
		owned=true
		break
	fi
	if ! kill -0 "$daemon" 2>/dev/null; then
		break
	fi
	sleep 0.1
done
if [[ $owned != true ]]; then
	echo "$0: gnome-keyring-daemon did not start the Secret Service:" >&2
	cat "$dir/daemon.log" >&2
	exit 1
fi

# In the foreground the daemon prints no variables to export: clients
# reach the Secret Service through D-Bus alone.

# Not exec: the daemon and the temporary keyring are removed afterwards.
status=0
"$@" || status=$?
exit "$status"
