package loopback

import (
	"fmt"
	"html"
	"net/http"
)

// pageHTML takes the title twice, then the message, all HTML-escaped.
// (Not html/template: its package init would cost every connauth run,
// and two escaped strings need no template engine.)
const pageHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>connauth: %[1]s</title>
<style>body{font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;color:#222}</style>
</head><body><h1>%[1]s</h1><p>%[2]s</p></body></html>
`

type page struct{ Title, Message string }

var successPage = page{"Logged in", "connauth has the answer. You can close this tab and go back to the terminal."}

func failurePage(msg string) page { return page{"Login not completed", msg} }

// writePage sends p, HTML-escaped, and keeps browsers from caching or
// framing it or leaking the URL (which holds the code) as a referrer.
func writePage(w http.ResponseWriter, status int, p page) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.WriteHeader(status)
	fmt.Fprintf(w, pageHTML, html.EscapeString(p.Title), html.EscapeString(p.Message))
}
