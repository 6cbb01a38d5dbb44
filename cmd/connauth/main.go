// Command connauth walks a developer through a connector's auth scheme and
// stores the injected secrets in the OS keyring or a secrets file.
package main

import (
	"os"
)

func main() {
	os.Exit(run(newApp(), os.Args[1:]))
}
