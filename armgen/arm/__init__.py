"""Offline ARM template engine: expressions, functions, template expansion (see ENGINE-CONTRACT)."""

from __future__ import annotations

from armgen.arm.context import DeploymentContext
from armgen.arm.errors import ArmError
from armgen.arm.evaluator import EvalScope, Evaluator
from armgen.arm.expand import ExpandedDeployment, ExpandedResource, RecordingState, expand
from armgen.arm.functions import known_functions
from armgen.arm.instances import ResourceInstance
from armgen.arm.parser import is_expression, parse_expression, parse_template_string
from armgen.arm.printer import print_expression
from armgen.arm.state import PlaceholderState, StateProvider
from armgen.arm.template import TemplateEngine

__all__ = [
    "ArmError", "DeploymentContext", "EvalScope", "Evaluator", "ExpandedDeployment", "ExpandedResource",
    "PlaceholderState", "RecordingState", "ResourceInstance", "StateProvider", "TemplateEngine", "expand",
    "is_expression", "known_functions", "parse_expression", "parse_template_string", "print_expression",
]
