"""Rendering: spec -> ARM templates, parameter files, datastore config and pipeline files."""
