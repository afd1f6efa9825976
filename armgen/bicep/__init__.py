"""Bicep output: ARM templates and parameter files translated to classic Bicep, and read back.

``emit`` and ``params`` translate what render produced; ``reader`` parses Bicep with the
third-party tree-sitter grammar and compiles it back to ARM JSON; ``compare`` proves the two equal.
"""
