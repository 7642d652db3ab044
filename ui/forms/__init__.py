"""Forms built from the services' field specifications: one widget per field type."""
