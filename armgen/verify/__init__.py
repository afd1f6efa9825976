"""Functional checks of a deployed environment (``armgen verify``)."""
