#!/usr/bin/env bash
# `make mutate`: break the pure modules on purpose with mutmut and list the mutants no test kills.
# mutmut wants the code under src/: it runs on a copy of the tracked files in that layout,
# with the in-process tests only (the build-level tests take minutes per mutant).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$root/output.mutants}
rm -rf "$work" && mkdir -p "$work"
cd "$root" && git ls-files -z | xargs -0 cp --parents -t "$work"
cd "$work"
mkdir src && mv plugins/instant_cafe src/
sed -i 's#pythonpath = \["plugins", "tests"\]#pythonpath = ["src", "tests"]#' pyproject.toml
cat >> pyproject.toml <<'TOML'

[tool.mutmut]
source_paths = ["src/instant_cafe"]
only_mutate = [
    "src/instant_cafe/model.py", "src/instant_cafe/schedule.py", "src/instant_cafe/wording.py",
    "src/instant_cafe/views.py", "src/instant_cafe/french.py", "src/instant_cafe/calendar_feed.py",
]
pytest_add_cli_args_test_selection = [
    "tests/test_schedule_core.py", "tests/test_views.py", "tests/test_feed_bytes.py", "tests/test_typography.py",
]
TOML
"$root/.venv/bin/mutmut" run >/dev/null 2>&1 || true
"$root/.venv/bin/mutmut" results | tee "$work/survivors.txt"
"$root/.venv/bin/mutmut" results --all true > "$work/all.txt"
echo "Mutants : $(grep -c . "$work/all.txt"), tués : $(grep -c ': killed' "$work/all.txt" || true)," \
     "survivants : $(grep -c ': survived' "$work/all.txt" || true), sans test : $(grep -c ': no tests' "$work/all.txt" || true)" \
     "(détail : cd $work && $root/.venv/bin/mutmut show NOM)"
