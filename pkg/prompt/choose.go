package prompt

import (
	"errors"

	"github.com/charmbracelet/huh"
)

// Option is one choice in a list.
type Option struct {
	Label, Value string
}

// Choose asks the user to pick one option from a list ("/" filters it);
// accessible mode asks for its number instead.
func (t Terminal) Choose(title, description string, options []Option) (string, error) {
	var picked string
	opts := make([]huh.Option[string], len(options))
	for i, o := range options {
		opts[i] = huh.NewOption(o.Label, o.Value)
	}
	sel := huh.NewSelect[string]().Title(title).Description(description).
		Options(opts...).Height(min(len(options)+2, 12)).Value(&picked)
	form := huh.NewForm(huh.NewGroup(sel)).
		WithAccessible(t.Accessible).
		WithInput(t.In).
		WithOutput(t.Out).
		WithShowHelp(true)
	if err := form.Run(); err != nil {
		if errors.Is(err, huh.ErrUserAborted) {
			return "", ErrCancelled
		}
		return "", err
	}
	return picked, nil
}
