"""The only package that talks to Azure: credentials, SDK clients, adapters, error mapping."""
