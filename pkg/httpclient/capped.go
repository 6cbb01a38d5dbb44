package httpclient

import (
	"io"
	"net/http"
)

// cappedTransport makes every response body fail with ErrTooLarge once it
// passes MaxBody, so that no caller, x/oauth2 included, reads an endless
// or oversized answer into memory or mistakes a cut-off body for a whole one.
type cappedTransport struct{ next http.RoundTripper }

func (t cappedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	resp.Body = &cappedBody{rc: resp.Body, left: MaxBody}
	return resp, nil
}

type cappedBody struct {
	rc   io.ReadCloser
	left int64
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.left == 0 {
		return 0, b.probe()
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	if b.left == 0 && err == nil {
		err = b.probe()
	}
	return n, err
}

// probe tells, at the cap, whether the body goes on: a reader that stops
// at exactly MaxBody bytes (x/oauth2 does) must still learn that it got
// only part of it.
func (b *cappedBody) probe() error {
	var one [1]byte
	n, err := io.ReadFull(b.rc, one[:])
	if n > 0 {
		return ErrTooLarge
	}
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	return err
}

func (b *cappedBody) Close() error { return b.rc.Close() }
