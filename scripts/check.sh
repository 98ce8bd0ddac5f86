#!/usr/bin/env bash
# Pre-deploy gates the way AWS shops run them: the GitHub Actions workflow up to date with the config and
# linted by actionlint, cfn-lint and checkov on every template `cdk synth` writes, then schemathesis fuzzing
# the running sandbox from the generated OpenAPI document.
# The Python tools come pinned from .ci/python-requirements.txt into an ignored virtualenv (.venv); actionlint
# (a Go module) is built once into the ignored .tools/go-bin.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv
if ! cmp -s .ci/python-requirements.txt "$venv/.requirements" 2>/dev/null; then
  echo "== installing checkers into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r .ci/python-requirements.txt
  cp .ci/python-requirements.txt "$venv/.requirements"
fi

echo "== GitHub Actions workflow (generated from the config, then actionlint)"
if [ -f .github/workflows/deploy.yml ]; then
  # Generated from the config file the synth uses (CDK_SYNTH_ARGS -c configFile=…), so it deploys that config.
  workflow_args=()
  if [[ "${CDK_SYNTH_ARGS:-}" =~ configFile=([^[:space:]]+) ]]; then workflow_args=(--config "${BASH_REMATCH[1]}"); fi
  npx tsx bin/workflow.ts --check "${workflow_args[@]}"
  actionlint_version=v1.7.12
  actionlint=.tools/go-bin/actionlint
  if [ "$("$actionlint" -version 2>/dev/null | head -1)" != "$actionlint_version" ]; then
    if ! command -v go >/dev/null; then
      echo "actionlint $actionlint_version is built with Go (https://go.dev/dl/): install Go, or put the binary at $actionlint" >&2
      exit 1
    fi
    echo "== installing actionlint $actionlint_version into .tools/go-bin"
    mkdir -p .tools/go-bin
    GOBIN="$PWD/.tools/go-bin" go install "github.com/rhysd/actionlint/cmd/actionlint@$actionlint_version"
  fi
  "$actionlint" .github/workflows/*.yml
else
  echo "no .github/workflows/deploy.yml (deploying with the pipeline only): skipped"
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
