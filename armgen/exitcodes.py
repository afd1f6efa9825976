"""armgen's exit codes, one table for every command (README "Exit codes" says the same)."""

from __future__ import annotations

OK = 0  # success; nothing to report
FAILED = 1  # a check failed or a command refused to act (findings, a unit that did not deploy)
INPUT = 2  # unusable input: bad spec, bad flags, missing files, refused confirmation
CHANGES = 3  # changes found: what-if --fail-on-change, render/pipeline --check, drift
INTERRUPTED = 130  # Ctrl-C

