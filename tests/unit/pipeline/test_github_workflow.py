"""``armgen pipeline --github``: the GitHub Actions variant of the release."""

import yaml
from click.testing import CliRunner

from armgen.cli.main import cli
from tests.unit.pipeline.conftest import ROOT, check_schema, spec_variant

WORKFLOW = ".github/workflows/infra-release.yml"


def test_pipeline_github_writes_a_valid_workflow(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["pipeline", "--spec", str(ROOT / "mlenv.yaml"), "--out", str(tmp_path), "--github"])
    assert result.exit_code == 0, result.output
    path = tmp_path / WORKFLOW
    assert path.is_file() and (tmp_path / "ado-pipe-staged-infra-release.yml").is_file()
    checked = check_schema("vendor.github-workflows", [path], azure=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    again = runner.invoke(cli, ["pipeline", "--spec", str(ROOT / "mlenv.yaml"), "--out", str(tmp_path), "--github",
                                "--check"])
    assert again.exit_code == 0 and "up to date" in again.output
    path.write_text(path.read_text() + "# edited\n")
    drift = runner.invoke(cli, ["pipeline", "--spec", str(ROOT / "mlenv.yaml"), "--out", str(tmp_path), "--github",
                                "--check"])
    assert drift.exit_code == 3 and WORKFLOW in drift.output


def test_workflow_job_graph(tmp_path):
    spec = spec_variant(tmp_path, "  pro:\n    subscriptionId",
                        "  staging:\n    subscriptionId: 00000000-0000-0000-0000-000000000003\n"
                        "    location: westeurope\n  pro:\n    subscriptionId")
    from armgen.pipeline import render_github

    jobs = yaml.safe_load(render_github(spec)[WORKFLOW])["jobs"]
    assert list(jobs) == ["build", "deploy-int", "validate-int", "test-roles", "cleanup-int", "what-if-dev",
                          "deploy-dev", "what-if-staging", "deploy-staging", "what-if-pro", "deploy-pro",
                          "drift-dev", "drift-staging", "drift-pro"]
    needs = {k: v.get("needs", []) for k, v in jobs.items()}
    assert needs["cleanup-int"] == ["deploy-int", "validate-int", "test-roles"]
    assert needs["what-if-dev"] == ["validate-int", "test-roles", "cleanup-int"]
    assert needs["deploy-dev"] == ["what-if-dev"]
    assert needs["deploy-pro"] == ["what-if-pro"] and needs["what-if-pro"] == ["deploy-staging"]
    cleanup = jobs["cleanup-int"]["if"]
    assert "!cancelled()" in cleanup and "needs.deploy-int.result == 'failure'" in cleanup
    assert "if" not in jobs["deploy-dev"]  # default success(): all needed jobs succeeded
    assert "pull_request" not in jobs["deploy-int"]["if"] and "push" in jobs["deploy-int"]["if"]
    assert jobs["deploy-pro"]["environment"] == "mlp-pro"
    login = [s for s in jobs["deploy-pro"]["steps"] if s.get("uses") == "azure/login@v2"][0]
    assert login["with"]["subscription-id"] == "00000000-0000-0000-0000-000000000002"
    assert "armgen destroy --env int --target azure --yes" in jobs["cleanup-int"]["steps"][-1]["run"]


def test_later_deploys_verify_after_deploying(sample_spec):
    from armgen.pipeline import render_github

    jobs = yaml.safe_load(render_github(sample_spec)[WORKFLOW])["jobs"]
    runs = [s.get("run", "") for s in jobs["deploy-dev"]["steps"]]
    assert runs[-2].startswith("armgen deploy --env dev") and runs[-1].startswith("armgen verify --env dev")
    assert "--approved-what-if armgen-results/what-if-dev.json" in runs[-2]
    assert not any("armgen verify" in s.get("run", "") for s in jobs["deploy-int"]["steps"])
