"""The publishing workflow: daily rebuild that survives the summer, full history, checked content."""

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


def test_the_build_reads_the_whole_history_checks_then_publishes():
    steps = WORKFLOW["jobs"]["build"]["steps"]
    assert steps[0]["uses"] == "actions/checkout@v4" and steps[0]["with"]["fetch-depth"] == 0
    runs = [step.get("run", "") for step in steps]
    assert runs.index("make check") < next(i for i, run in enumerate(runs) if "make publish" in run)
    assert all(step["env"]["PUBLIC_URL"] == "${{ vars.PUBLIC_URL }}" for step in steps if "make" in step.get("run", ""))
    # Least privilege: only the deploy job writes to Pages.
    assert WORKFLOW["permissions"] == {"contents": "read"}
    assert WORKFLOW["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
