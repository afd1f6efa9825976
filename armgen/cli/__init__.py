"""Command-line interface: one module per command, loaded lazily for a fast ``--help``."""
