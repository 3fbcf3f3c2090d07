#!/usr/bin/env bash
# System packages the tests need, installed only when missing: a Java runtime (Spark) and Debian's
# Chromium (browser tests). Needs root (CI and the dev machines run as root); skips politely otherwise.
set -uo pipefail
need=()
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "install-system-deps: missing ${need[*]} and not root; tests needing them will skip" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
  || echo "install-system-deps: could not install ${need[*]}; tests needing them will skip" >&2
exit 0
