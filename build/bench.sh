#!/usr/bin/env bash
# Runs the BenchmarkDotNet suite when there is one; kept separate from test.sh because
# benchmarks take long and measure rather than pass/fail. Extra arguments go to BenchmarkDotNet.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
proj=tests/GccSaaS.Benchmarks
if [[ -d "$proj" ]] && compgen -G "$proj/*.csproj" >/dev/null; then
  exec dotnet run -c Release --project "$proj" -- "$@"
fi
echo "bench.sh: no benchmarks yet ($proj does not exist); nothing to run."
