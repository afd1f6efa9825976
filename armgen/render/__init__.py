"""Rendering: spec -> ARM templates, parameter files and their Bicep translation (the pipeline: armgen.build)."""
