"""Partner API clients: credentials, scopes, rotation and revocation."""
