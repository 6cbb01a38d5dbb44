package prompt

import (
	"errors"
	"io"
	"strings"

	"github.com/charmbracelet/huh"
)

// Terminal asks for missing fields with a huh form on a terminal. Secret
// fields are masked. Accessible mode uses plain line prompts for screen
// readers.
type Terminal struct {
	In         io.Reader
	Out        io.Writer
	Accessible bool
	// Title heads the form, e.g. "Log in to tripletex".
	Title string
}

// ErrCancelled is returned when the user leaves the form.
var ErrCancelled = errors.New("login cancelled")

// Ask implements Sources.Ask.
func (t Terminal) Ask(fields []Field, values map[string]string) error {
	ptrs := make([]*string, len(fields))
	inputs := make([]huh.Field, 0, len(fields)+1)
	if t.Title != "" && !t.Accessible {
		inputs = append(inputs, huh.NewNote().Title(t.Title))
	}
	for i, f := range fields {
		ptrs[i] = new(string)
		inputs = append(inputs, input(f, ptrs[i]))
	}
	form := huh.NewForm(huh.NewGroup(inputs...)).
		WithAccessible(t.Accessible).
		WithInput(t.In).
		WithOutput(t.Out).
		WithShowHelp(true)
	if err := form.Run(); err != nil {
		if errors.Is(err, huh.ErrUserAborted) {
			return ErrCancelled
		}
		return err
	}
	for i, f := range fields {
		values[f.Name] = strings.TrimSpace(*ptrs[i])
	}
	return nil
}

func input(f Field, v *string) *huh.Input {
	in := huh.NewInput().Title(f.Name).Description(f.Description).Value(v)
	if f.Secret {
		in = in.EchoMode(huh.EchoModePassword)
	}
	in = in.Validate(func(s string) error {
		s = strings.TrimSpace(s)
		if s == "" && !f.Optional {
			return errors.New(f.Name + " is required")
		}
		if s != "" && f.Validate != nil {
			return f.Validate(s)
		}
		return nil
	})
	return in
}
