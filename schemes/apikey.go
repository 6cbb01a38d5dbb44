package schemes

import "context"

func init() {
	register(&Scheme{
		Name:        "api_key",
		Description: "a static API key",
		Inputs:      []Input{{Name: "api_key", Description: "The API key the provider issued", Secret: true}},
		Injected:    []string{"api_key"},
		Primary:     "api_key",
		Login:       loginAPIKey,
	})
}

func loginAPIKey(_ context.Context, req LoginRequest) (*LoginResult, error) {
	return &LoginResult{Secrets: map[string]string{"api_key": req.Inputs["api_key"]}}, nil
}
