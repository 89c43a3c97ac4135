#!/usr/bin/env bash
# Puts the `gpunomics` command on the PATH: publishes the command line (Release, with its data files)
# to ~/.local/lib/gpunomics and links ~/.local/bin/gpunomics to it. Run again to update.
# Published for this machine's platform, compiled ahead of time (ReadyToRun): commands start faster, since
# less code is compiled as they run (docs/performance.md, "Start-up").
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${PREFIX:-$HOME/.local}"
lib="$prefix/lib/gpunomics"
# Published beside the installed copy, which is replaced only once the publish has succeeded.
rm -rf "$lib.new"
dotnet publish src/Gpunomics.Cli -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
  -o "$lib.new" --nologo -v quiet -clp:ErrorsOnly
rm -rf "$lib"
mv "$lib.new" "$lib"
mkdir -p "$prefix/bin"
ln -sf "$lib/gpunomics" "$prefix/bin/gpunomics"
echo "installed: $prefix/bin/gpunomics"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "add $prefix/bin to your PATH to run it as 'gpunomics'" ;; esac
