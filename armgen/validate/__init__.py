"""``armgen validate``: templates and parameter files paired, every rule run, findings and their formats."""
