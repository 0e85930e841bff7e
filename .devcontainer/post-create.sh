#!/usr/bin/env bash
# The dev container's post-create command (GitHub Codespaces, VS Code Dev Containers): everything a student needs to
# open a lecture notebook and run it. Installs Jupyter (Debian/Ubuntu packages), the real .NET Interactive kernel
# (Microsoft.dotnet-interactive 1.0.712001, into .tools/dotnet-interactive), registers it and the kit's own kernel with
# Jupyter, builds the kit and packs it for the real kernel. Shares scripts/install-tools.sh with ./test.sh.
# Idempotent: run again, it only checks (seconds once everything is there).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

scripts/install-tools.sh apt python3 python3-nbformat python3-jupyter-client python3-nbclient python3-ipykernel jupyter-nbconvert jupyter-notebook
scripts/install-tools.sh dotnet-interactive
dotnet build src/CourseKit.Cli -c Release -nologo -v quiet
scripts/install-tools.sh register-kernels
# The real kernel loads the kit as a package from artifacts/packages (notebooks/NuGet.config); pack it once.
if ! ls artifacts/packages/CourseKit.0.1.0.nupkg >/dev/null 2>&1; then
  dotnet pack src/CourseKit -c Release -o artifacts/packages -nologo -v quiet
fi
echo "post-create: ready. Open notebooks/01-images-and-filtering.ipynb and pick the '.NET (C#) — CourseKit' or '.NET (C#)' kernel."
