#!/usr/bin/env bash
# Installs the tools around the kit that are not part of it, when they are missing; shared by ./test.sh (the tests'
# reference tools) and .devcontainer/post-create.sh (a student's or instructor's one-click environment), so both get
# the same versions the same way. Idempotent: what is installed already is left alone, so a second run takes seconds.
#
#   scripts/install-tools.sh apt PACKAGE...      Debian/Ubuntu packages, with apt-get (as root, or through sudo)
#   scripts/install-tools.sh dotnet-interactive  the real .NET Interactive kernel, Microsoft.dotnet-interactive 1.0.712001,
#                                                into .tools/dotnet-interactive of this checkout (never a user's global tools)
#   scripts/install-tools.sh register-kernels    registers the kit's kernel and the real .NET Interactive kernel with
#                                                Jupyter (for the current user; $HOME/.local/share/jupyter/kernels)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

readonly DOTNET_INTERACTIVE_VERSION=1.0.712001
readonly TOOL=.tools/dotnet-interactive

apt_packages() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "install-tools: installing ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-tools: run as root or install sudo, or install these packages: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

dotnet_interactive() {
  if [ -x "$TOOL/dotnet-interactive" ]; then return 0; fi
  echo "install-tools: installing the real .NET Interactive kernel (Microsoft.dotnet-interactive $DOTNET_INTERACTIVE_VERSION) into $TOOL"
  dotnet tool install --tool-path "$TOOL" Microsoft.dotnet-interactive --version "$DOTNET_INTERACTIVE_VERSION" >/dev/null
}

register_kernels() {
  # The kit's own kernel ('.NET (C#) — CourseKit'): its kernelspec starts the built coursekit tool (built by the caller;
  # `dotnet run` only when it is not, since a second build check costs a minute on a 2-core machine).
  local cli=src/CourseKit.Cli/bin/Release/net10.0/CourseKit.Cli
  if [ -x "$cli" ]; then "$cli" kernel install --user; else dotnet run --project src/CourseKit.Cli -c Release -- kernel install --user; fi
  # The real kernel ('.NET (C#)'): `jupyter install` writes argv "dotnet interactive …", which only works for a
  # global tool; point it at the tool path instead, as the tests do (tests/CourseKit.Tests/Kernel/DotnetInteractive.cs).
  "$TOOL/dotnet-interactive" jupyter install >/dev/null
  local kernels="${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}/kernels"
  local full; full="$(pwd)/$TOOL/dotnet-interactive"
  for spec in "$kernels"/.net-*/kernel.json; do
    [ -f "$spec" ] || continue
    python3 - "$spec" "$full" <<'PY'
import json, sys
path, tool = sys.argv[1], sys.argv[2]
spec = json.load(open(path))
argv = spec["argv"]
if argv[:2] == ["dotnet", "interactive"]:
    spec["argv"] = [tool] + argv[2:]
    json.dump(spec, open(path, "w"), indent=1)
PY
  done
  echo "install-tools: kernels registered in $kernels: $(ls -A "$kernels" | tr '\n' ' ')"
}

case "${1:-}" in
  apt) shift; apt_packages "$@" ;;
  dotnet-interactive) dotnet_interactive ;;
  register-kernels) register_kernels ;;
  *) echo "usage: $0 apt PACKAGE... | dotnet-interactive | register-kernels" >&2; exit 2 ;;
esac
