"""AG rules: naming."""
