#!/usr/bin/env bash
# The README's test command. Installs the reference tools the tests compare against (none is part of the product),
# then runs `dotnet test CourseKit.sln` with any arguments given (for example -c Release, --filter, --logger):
#   - Debian packages: python3-nbformat (validates notebooks), python3-jupyter-client, python3-nbclient and
#     jupyter-nbconvert (Jupyter's own client drives the kernels), chromium (draws the executed notebooks and the course
#     website offline); installed with apt-get when missing (as root, or through sudo);
#   - the real .NET Interactive kernel, Microsoft.dotnet-interactive 1.0.712001, from NuGet into .tools/dotnet-interactive
#     of this checkout (never into a user's global tools).
# Both through scripts/install-tools.sh, which the dev container's post-create command uses too.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

scripts/install-tools.sh apt python3 python3-nbformat python3-jupyter-client python3-nbclient jupyter-nbconvert chromium
scripts/install-tools.sh dotnet-interactive

exec dotnet test CourseKit.sln "$@"
