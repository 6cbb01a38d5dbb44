package export

import (
	"fmt"
	"strings"
	"testing"
)

func TestVarFormatRedacts(t *testing.T) {
	v := Var{Name: "API_KEY", Value: "s3cret"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		for _, arg := range []any{v, []Var{v}, &v} {
			got := fmt.Sprintf(verb, arg)
			if strings.Contains(got, "s3cret") || strings.Contains(got, fmt.Sprintf("%x", "s3cret")) {
				t.Errorf("Sprintf(%s, %T) = %s: leaks the value", verb, arg, got)
			}
		}
	}
}
