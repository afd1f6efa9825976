"""AG rules: security."""
