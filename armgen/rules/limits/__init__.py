"""AG rules: limits."""
