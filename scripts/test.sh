#!/usr/bin/env bash
# The README's test command: unit, contract and property tests (vitest).
set -euo pipefail
cd "$(dirname "$0")/.."
npx vitest run "$@"
