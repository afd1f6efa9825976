"""AG rules: resources."""
