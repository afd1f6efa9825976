"""The environment spec: mlenv.yaml and datastore_config.json, loaded with line marks and checked."""

from armgen.spec.loader import load_spec
from armgen.spec.model import Environment, Spec, Workspace

__all__ = ["Environment", "Spec", "Workspace", "load_spec"]
