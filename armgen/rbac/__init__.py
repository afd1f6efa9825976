"""Azure RBAC semantics with no other armgen dependency: wildcard matching, actions vs data actions, operation families."""
