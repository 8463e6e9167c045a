"""Request handlers, one module per resource provider. Each takes a Context, returns a Result."""
