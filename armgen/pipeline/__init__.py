"""The staged release pipeline: Azure DevOps YAML (part of ``armgen render``) and a GitHub Actions variant."""

from armgen.pipeline.ado import ADO_FILES, render_ado
from armgen.pipeline.github import GITHUB_WORKFLOW, render_github

__all__ = ["ADO_FILES", "GITHUB_WORKFLOW", "render_ado", "render_github"]
