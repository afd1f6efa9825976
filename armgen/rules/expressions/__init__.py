"""AG rules: expressions."""
