package oauth

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Progress says how a waiting login shows that it is alive.
type Progress struct {
	// Live redraws one line every second (a person watches a terminal).
	Live bool
	// Plain avoids escape sequences (NO_COLOR): the line is overdrawn with
	// spaces instead of cleared.
	Plain bool
}

var spinner = []string{"|", "/", "-", `\`}

// show prints first once, then, when live, redraws line(elapsed) every
// second until stop is called.
func (p Progress) show(w io.Writer, first string, line func(elapsed time.Duration) string) (stop func()) {
	if !p.Live {
		fmt.Fprintln(w, first)
		return func() {}
	}
	done, finished := make(chan struct{}), make(chan struct{})
	start := time.Now()
	go func() {
		defer close(finished)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		width := 0
		for i := 0; ; i++ {
			s := fmt.Sprintf("\r%s %s", spinner[i%len(spinner)], line(time.Since(start).Round(time.Second)))
			width = max(width, len(s))
			fmt.Fprint(w, s)
			select {
			case <-done:
				p.clear(w, width)
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}

func (p Progress) clear(w io.Writer, width int) {
	if p.Plain {
		fmt.Fprint(w, "\r"+strings.Repeat(" ", width)+"\r")
		return
	}
	fmt.Fprint(w, "\r\033[K")
}
