"""AG rules: structure."""
