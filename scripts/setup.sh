#!/usr/bin/env bash
# npm run setup: the Debian packages this project runs for real, current Hugo from Debian unstable
# (unpacked into .tools/, the system untouched), then the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian stable's packages, checked by file so that a machine that has them skips apt-get.
#   hugo                 0.111.3, the theme's min_version line (HUGO_BIN=/usr/bin/hugo)
#   chromium             the browser of the Playwright and Lighthouse runs
#   fonts-liberation2    Liberation Sans and Mono: the fonts of the visual goldens (e2e/support/fonts.ts)
#   fonts-dejavu-core    DejaVu: the fallback for glyphs Liberation lacks (arrows, symbols)
#   nginx, prosody, openssl, time (GNU time: npm run bench reads hugo's peak memory)
#   prosody-modules      community modules the e2e Prosody loads for data/xeps.toml (cloud_notify, vjud)
#   libnginx-mod-http-brotli-static  brotli_static: nginx serves the build's .br twins (tests and production)
#   openssh-server, rsync  the remote publish tests (a real sshd on a loopback port; rsync on both ends)
need=()
[ -x /usr/bin/hugo ] || need+=(hugo)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -f /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf ] || need+=(fonts-liberation2)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || need+=(libnginx-mod-http-brotli-static)
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v rsync >/dev/null 2>&1 || need+=(rsync)
command -v prosody >/dev/null 2>&1 || need+=(prosody)
[ -f /usr/lib/prosody/modules/mod_cloud_notify/mod_cloud_notify.lua ] || need+=(prosody-modules)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
[ -x /usr/bin/time ] || need+=(time)
# current Hugo (below) links these; Debian stable's hugo brings them too, named here so that it stays true
[ -e "/usr/lib/$(uname -m)-linux-gnu/libsass.so.1" ] || need+=(libsass1)
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
    echo "setup: run as root: apt-get update && apt-get install -y --no-install-recommends ${need[*]}" >&2
    exit 1
  fi
fi

# Current Hugo (the default of every script; HUGO_BIN picks another) from Debian unstable: the package
# is fetched with apt-get download through a private sources list and lists folder (the mirror is the
# one the system's own apt sources name) and unpacked with dpkg-deb into .tools/hugo. The system's
# sources, lists and packages stay as they are. Runs on bookworm with bookworm's libraries.
bash scripts/fetch-hugo.sh

/usr/bin/hugo version
.tools/hugo/usr/bin/hugo version
npm ci --no-audit --no-fund
node scripts/run.mjs --compile   # the npm scripts compiled once (scripts/run.mjs); later runs recompile only what changed
