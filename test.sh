#!/usr/bin/env bash
# The README's test command. Installs the reference tools the tests compare against (none is part of the product),
# then runs `dotnet test CourseKit.sln` with any arguments given (for example -c Release, --filter, --logger):
#   - Debian packages: python3-nbformat (validates notebooks), python3-jupyter-client, python3-nbclient and
#     jupyter-nbconvert (Jupyter's own client drives the kernels), chromium (draws the executed notebooks offline);
#     installed with apt-get when missing (as root, or through sudo);
#   - the real .NET Interactive kernel, Microsoft.dotnet-interactive 1.0.712001, from NuGet into .tools/dotnet-interactive
#     of this checkout (never into a user's global tools).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

packages=(python3 python3-nbformat python3-jupyter-client python3-nbclient jupyter-nbconvert chromium)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing the reference tools the tests use: ${missing[*]}"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "test.sh: run as root or install sudo, or install these Debian packages: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

tool=.tools/dotnet-interactive
if [ ! -x "$tool/dotnet-interactive" ]; then
  echo "test.sh: installing the real .NET Interactive kernel (Microsoft.dotnet-interactive 1.0.712001) into $tool"
  dotnet tool install --tool-path "$tool" Microsoft.dotnet-interactive --version 1.0.712001 >/dev/null
fi

exec dotnet test CourseKit.sln "$@"
