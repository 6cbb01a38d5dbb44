package export

import (
	"runtime"
	"slices"
	"testing"
)

func TestMergeEnv(t *testing.T) {
	base := []string{"PATH=/bin", "API_KEY=old", "HOME=/home/u", "DUP=1", "DUP=2", "EQ=a=b"}
	vars := []Var{{"API_KEY", "new"}, {"NEW", "x=y"}, {"EMPTY", ""}}
	got := MergeEnv(base, vars)
	want := []string{"PATH=/bin", "API_KEY=new", "HOME=/home/u", "DUP=2", "EQ=a=b", "NEW=x=y", "EMPTY="}
	if !slices.Equal(got, want) {
		t.Errorf("MergeEnv = %q, want %q", got, want)
	}
	if base[1] != "API_KEY=old" {
		t.Error("MergeEnv changed base")
	}
}

func TestMergeEnvOddEntries(t *testing.T) {
	base := []string{"=C:=C:\\dir", "=D:=D:\\", "NOEQUALS", ""}
	got := MergeEnv(base, []Var{{"NOEQUALS", "v"}})
	want := []string{"=C:=C:\\dir", "=D:=D:\\", "NOEQUALS=v", ""}
	if !slices.Equal(got, want) {
		t.Errorf("MergeEnv = %q, want %q", got, want)
	}
}

func TestMergeEnvCase(t *testing.T) {
	got := MergeEnv([]string{"Path=/bin"}, []Var{{"PATH", "/usr/bin"}})
	want := []string{"Path=/bin", "PATH=/usr/bin"}
	if runtime.GOOS == "windows" {
		want = []string{"PATH=/usr/bin"}
	}
	if !slices.Equal(got, want) {
		t.Errorf("MergeEnv = %q, want %q", got, want)
	}
}
