package schemes

func init() {
	register(&Scheme{
		Name:        "superoffice",
		Description: "SuperOffice CRM Online: OpenID Connect, then a system-user ticket",
		Inputs: []Input{
			{Name: "client_id", Description: "The SuperOffice application's client id", Flag: "client-id"},
			{Name: "client_secret", Description: "The SuperOffice application's client secret (the app token)", Secret: true},
		},
		Injected: []string{"so_ticket", "SO-Apptoken", "oauth_access_token", "oauth_client_id", "oauth_client_secret", "oauth_refresh_token"},
		Primary:  "oauth_access_token",
		Planned:  "the provider catalog and the custom schemes",
	})
}
