"""HTTP side of the emulator: request parsing, routes, serialisation, TLS server."""
