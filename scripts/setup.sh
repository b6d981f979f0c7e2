#!/usr/bin/env bash
# npm run setup: the Debian packages this project runs for real, then the npm packages.
set -euo pipefail
need=()
command -v hugo >/dev/null 2>&1 || need+=(hugo)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v prosody >/dev/null 2>&1 || need+=(prosody)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
# GNU time: npm run bench reads hugo's peak memory with /usr/bin/time -f %M
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian packages: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
    # The packages start their own system services; the tests start their own on free ports.
    for svc in nginx prosody; do
      if command -v service >/dev/null 2>&1; then service "$svc" stop >/dev/null 2>&1 || true; fi
    done
  else
    echo "setup: missing Debian packages: ${need[*]}" >&2
    echo "setup: run as root: apt-get update && apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi
hugo version
npm ci --no-audit --no-fund
