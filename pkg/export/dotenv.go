package export

import (
	"bufio"
	"io"

	"github.com/connauth/connauth/pkg/dotenv"
)

// writeDotenv writes NAME=value lines in the dialect docker compose,
// python-dotenv and godotenv read: bare when the value is plain, otherwise
// double-quoted with escapes.
func writeDotenv(w io.Writer, vars []Var) error {
	bw := bufio.NewWriter(w)
	for _, v := range vars {
		bw.WriteString(v.Name + "=" + dotenv.Quote(v.Value) + "\n")
	}
	return bw.Flush()
}
