#!/usr/bin/env bash
# Runs the gpunomics command from its Release build (src/Gpunomics.Cli/bin/Release), building it first only when it
# may be out of date:   bash scripts/gpunomics.sh COMMAND [OPTIONS]
# 'dotnet run' spends seconds checking that the build is up to date on every run. Here a stamp written after each
# successful build records the hash of the content of every source, data and build file (so an edited, added,
# removed or renamed file is a change, whatever its timestamp) and the size and time of every file of the build
# output (so a build from other sources in between, by 'dotnet test' say, is a change too). When both match, the
# built program runs at once. Otherwise 'dotnet build' brings it up to date, rebuilding everything when a changed
# file is not newer than the last build (copied with its old time, say), which an incremental build would miss.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cli="$root/src/Gpunomics.Cli"
out="$cli/bin/Release/net10.0"
stamp="$cli/obj/gpunomics-run.stamp"

# "sha1  path" for every input file.
file_hashes() {
  local paths=()
  for p in src data Directory.Build.props Directory.Packages.props global.json .editorconfig; do
    if [ -e "$root/$p" ]; then paths+=("$p"); fi
  done
  (cd "$root" && find "${paths[@]}" \( -name bin -o -name obj \) -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha1sum)
}
# The inputs' hashes with the size and time of every file of the build output.
fingerprint() {
  {
    echo "$1"
    if [ -d "$out" ]; then (cd "$out" && find . -type f -printf '%P %s %T@\n' | LC_ALL=C sort); fi
  } | sha1sum | cut -d' ' -f1
}

files=$(file_hashes)
if [ ! -f "$out/gpunomics.dll" ] || [ ! -f "$stamp" ] || [ "$(fingerprint "$files")" != "$(head -n1 "$stamp")" ]; then
  incremental=()
  if [ -f "$stamp" ]; then
    # A changed or added file no newer than the stamp (written after the last build) may be no newer than that
    # build's outputs either, and an incremental build would keep them: rebuild everything then.
    while IFS= read -r path; do
      if [ ! "$root/$path" -nt "$stamp" ]; then incremental=(--no-incremental); break; fi
    done < <(LC_ALL=C comm -13 <(tail -n +2 "$stamp" | LC_ALL=C sort) <(LC_ALL=C sort <<< "$files") | cut -c43-)
  fi
  echo "building gpunomics (Release${incremental:+, everything}): no build yet, or its sources have changed" >&2
  rm -f "$stamp"
  dotnet build "$cli" -c Release "${incremental[@]}" --nologo -v quiet -clp:ErrorsOnly >&2
  # Hashed before the build: a file changed while it runs makes the next run build again.
  { fingerprint "$files"; echo "$files"; } > "$stamp"
fi
exec dotnet "$out/gpunomics.dll" "$@"
