#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK and NuGet, when it is missing:
# LibreOffice Calc (recalculates the exported workbooks) and Chromium (the dashboard's browser test).
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing ${need[*]} (Debian packages) for the test suite" >&2
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}"
