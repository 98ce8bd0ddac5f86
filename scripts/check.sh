#!/usr/bin/env bash
# Pre-deploy gates the way AWS shops run them: cfn-lint and checkov on every template `cdk synth` writes,
# then schemathesis fuzzing the running sandbox from the generated OpenAPI document.
# The Python tools come pinned from .ci/python-requirements.txt into an ignored virtualenv (.venv).
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv
if ! cmp -s .ci/python-requirements.txt "$venv/.requirements" 2>/dev/null; then
  echo "== installing checkers into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r .ci/python-requirements.txt
  cp .ci/python-requirements.txt "$venv/.requirements"
fi

echo "== cdk synth (no credentials needed)"
rm -rf cdk.out
# CDK_SYNTH_ARGS: extra synth flags, e.g. "-c configFile=config/prod.json" (the delivery pipeline passes its own)
# shellcheck disable=SC2086
npx cdk synth --quiet ${CDK_SYNTH_ARGS:-}

echo "== cfn-lint"
"$venv/bin/cfn-lint"

echo "== checkov"
"$venv/bin/checkov" -d cdk.out --config-file .checkov.yaml

echo "== schemathesis against the sandbox"
bash scripts/fuzz-api.sh "$venv"
echo "== all checks passed"
