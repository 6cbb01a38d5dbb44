// Command testbrowser is the scripted browser of the end-to-end tests, as
// a program for BROWSER: `BROWSER=testbrowser connauth login oauth2 ...`
// logs in to the test servers without a person (see package browser).
package main

import "github.com/connauth/connauth/e2e/browser"

func main() { browser.Main() }
