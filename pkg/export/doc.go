// Package export turns a profile's injected secrets into environment
// variables: it writes them in the formats `connauth env` prints (shell,
// dotenv, json, github) and runs a command with them for `connauth exec`.
//
// Secret values are only ever written where the format's purpose is to
// output them; errors and formatted Vars name variables, never values.
package export
