#!/usr/bin/env bash
# Installs the AWS emulator (pinned in .ci/emulator-requirements.txt) into .venv/emulator, a virtual
# environment of its own inside the ignored .venv folder that scripts/check.sh uses: checkov pins
# boto3 1.35 and ministack pins botocore 1.43, so pip refuses to put them in one environment.
# A marker file skips the install when the pins have not changed.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv/emulator
if ! cmp -s .ci/emulator-requirements.txt "$venv/.requirements" 2>/dev/null; then
  echo "== installing the emulator into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r .ci/emulator-requirements.txt >&2
  cp .ci/emulator-requirements.txt "$venv/.requirements"
fi
