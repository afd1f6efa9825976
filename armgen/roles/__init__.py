"""Azure RBAC permission evaluation and the model-developer role tests (``armgen roles test``)."""

from armgen.rbac.permissions import Decision, Permission, evaluate, matches

__all__ = ["Decision", "Permission", "evaluate", "matches"]
