package store

import (
	"fmt"
	"os"
	"runtime"
)

// CheckPrivate refuses an existing secrets file that is a symbolic link or
// that users other than its owner can read or change, as ssh does for its
// keys. A missing file returns the error from os.Lstat (fs.ErrNotExist).
// On Windows the mode bits mean nothing and are not checked.
func CheckPrivate(path string) error {
	return checkPrivate(path, "secrets file")
}

func checkPrivate(path, what string) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return err
	}
	if fi.Mode()&os.ModeSymlink != 0 {
		return symlinkError(path)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s %s is not a regular file; point it at a file", what, path)
	}
	if runtime.GOOS == "windows" {
		return nil
	}
	mode := fi.Mode().Perm()
	if mode&0o077 == 0 {
		return nil
	}
	verb := "read"
	if mode&0o044 == 0 {
		verb = "changed"
	}
	return fmt.Errorf("%s %s can be %s by other users (mode %04o); run: chmod 600 %s", what, path, verb, mode, path)
}
