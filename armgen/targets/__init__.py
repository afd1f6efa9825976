"""Deployment targets: how to build the real Azure SDK clients for Azure or for the local emulator."""
