"""Emulator state and behaviour (moto style): one module per area, no HTTP parsing here."""
