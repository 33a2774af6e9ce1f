"""The publishing workflow: daily rebuild that survives the summer, full history, checked content."""

import os
import subprocess

import yaml

from conftest import ROOT

WORKFLOW = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))


def test_it_rebuilds_every_day_and_on_every_push():
    triggers = WORKFLOW[True]  # YAML reads the key « on » as True
    assert triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"] == [{"cron": "15 4 * * *"}]


def test_a_keepalive_job_re_enables_the_workflow_through_the_api():
    job = WORKFLOW["jobs"]["keepalive"]
    assert job["permissions"] == {"actions": "write"}
    (step,) = job["steps"]
    assert step["run"] == 'gh api --method PUT "repos/${GITHUB_REPOSITORY}/actions/workflows/publish.yml/enable"'
    assert step["env"]["GH_TOKEN"] == "${{ github.token }}"


def test_the_build_reads_the_whole_history_and_publishes_with_least_privilege():
    steps = WORKFLOW["jobs"]["build"]["steps"]
    assert steps[0]["uses"] == "actions/checkout@v4" and steps[0]["with"]["fetch-depth"] == 0
    # No separate `make check`: it would stop the run before a held-back publication.
    assert [step for step in steps if "make" in step.get("run", "")] == [publish_step()]
    assert publish_step()["env"]["PUBLIC_URL"] == "${{ vars.PUBLIC_URL }}"
    assert WORKFLOW["permissions"] == {"contents": "read"}
    assert WORKFLOW["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def publish_step() -> dict:
    return next(step for step in WORKFLOW["jobs"]["build"]["steps"] if step.get("id") == "publish")


def run_publish_step(tmp_path, make: str):
    """The step's own script, with a `make` that behaves as the real one does in each case."""
    shims = tmp_path / "bin"
    shims.mkdir()
    (shims / "make").write_text(f"#!/bin/sh\n{make}\n")
    (shims / "make").chmod(0o755)
    outputs = tmp_path / "github_output"
    outputs.touch()
    env = {**os.environ, "PATH": f"{shims}:{os.environ['PATH']}", "GITHUB_OUTPUT": str(outputs)}
    result = subprocess.run(["bash", "-e", "-c", publish_step()["run"]], cwd=tmp_path, env=env, capture_output=True, text=True)
    return result.returncode, outputs.read_text()


def test_a_held_back_post_is_deployed_then_the_run_ends_red(tmp_path):
    # `make publish` swapped in the site without the faulty post, and failed.
    status, outputs = run_publish_step(tmp_path, "mkdir output; exit 2")
    assert status == 0 and outputs == "held=true\n" and (tmp_path / "output/.nojekyll").exists()
    held_back = WORKFLOW["jobs"]["held-back"]
    assert held_back["needs"] == ["build", "deploy"] and held_back["if"] == "needs.build.outputs.held == 'true'"
    assert held_back["steps"][-1]["run"].rstrip().endswith("exit 1")
    assert WORKFLOW["jobs"]["build"]["outputs"]["held"] == "${{ steps.publish.outputs.held }}"


def test_any_other_failure_deploys_nothing(tmp_path):
    status, outputs = run_publish_step(tmp_path, "exit 2")  # nothing swapped in: no output/
    assert status != 0 and outputs == "" and not (tmp_path / "output").exists()


def test_a_clean_publication(tmp_path):
    status, outputs = run_publish_step(tmp_path, "mkdir output")
    assert status == 0 and outputs == "" and (tmp_path / "output/.nojekyll").exists()
