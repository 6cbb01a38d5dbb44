package loopback

import (
	"html/template"
	"net/http"
	"sync"
)

// pageTmpl is parsed on first use, not at start-up: most connauth runs
// never serve a page.
var pageTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Parse(pageHTML))
})

const pageHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>connauth: {{.Title}}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;color:#222}</style>
</head><body><h1>{{.Title}}</h1><p>{{.Message}}</p></body></html>
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
	pageTmpl().Execute(w, p)
}
