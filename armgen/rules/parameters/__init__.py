"""AG rules: parameters."""
