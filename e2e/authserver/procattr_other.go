//go:build !linux

package authserver

import "syscall"

func dieWithParent() *syscall.SysProcAttr { return nil }
