#!/usr/bin/env bash
# Puts the `gpunomics` command on the PATH: publishes the command line (Release, with its data files)
# to ~/.local/lib/gpunomics and links ~/.local/bin/gpunomics to it. Run again to update.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${PREFIX:-$HOME/.local}"
dotnet publish src/Gpunomics.Cli -c Release -o "$prefix/lib/gpunomics" --nologo -v quiet -clp:ErrorsOnly
mkdir -p "$prefix/bin"
ln -sf "$prefix/lib/gpunomics/gpunomics" "$prefix/bin/gpunomics"
echo "installed: $prefix/bin/gpunomics"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "add $prefix/bin to your PATH to run it as 'gpunomics'" ;; esac
