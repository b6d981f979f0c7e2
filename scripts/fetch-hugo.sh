#!/usr/bin/env bash
# Current Hugo from Debian unstable into .tools/hugo (git-ignored), for npm run setup.
# apt-get download with a private sources list, lists and cache under .tools/apt: the mirror is taken
# from the system's own apt sources, the system's sources, lists and installed packages stay untouched.
# Skips the download when .tools/hugo already holds the version unstable offers. MIN is the oldest
# version accepted (the tests assume what it has).
set -euo pipefail
cd "$(dirname "$0")/.."
MIN=0.169.0
tools=$PWD/.tools
apt=$tools/apt
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/deb"

# the mirror: the first Debian URI of the system's sources (deb822 .sources or one-line .list)
mirror=$(
  { grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' || true
    grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | sed -E 's/^deb (\[[^]]*\] )?//' | awk '{print $1}' || true
  } | grep -v -e security -e '^$' | head -n 1 || true
)
if [ -z "$mirror" ]; then
  echo "fetch-hugo: no Debian mirror found in /etc/apt/sources.list or /etc/apt/sources.list.d/" >&2
  exit 1
fi
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror unstable main" > "$apt/sources.list"
opts=(-q -o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o Debug::NoLocking=1
  -o APT::Sandbox::User=root)
apt-get "${opts[@]}" update >/dev/null
version=$(apt-cache "${opts[@]}" show hugo | awk '/^Version:/ {print $2}' | sort -V | tail -n 1)
if [ -z "$version" ]; then
  echo "fetch-hugo: Debian unstable ($mirror) lists no hugo package" >&2
  exit 1
fi
upstream=${version%%-*}
if [ "$(printf '%s\n%s\n' "$MIN" "$upstream" | sort -V | head -n 1)" != "$MIN" ]; then
  echo "fetch-hugo: Debian unstable has hugo $upstream, older than the $MIN the project needs" >&2
  exit 1
fi
have=$("$tools/hugo/usr/bin/hugo" version 2>/dev/null | sed -nE 's/^hugo v([0-9.]+).*/\1/p' || true)
if [ "$have" = "$upstream" ]; then
  echo "fetch-hugo: .tools/hugo has hugo $have (current in Debian unstable)"
  exit 0
fi
(cd "$apt/deb" && rm -f hugo_*.deb && apt-get "${opts[@]}" download "hugo=$version" >/dev/null)
rm -rf "$tools/hugo.new"
dpkg-deb -x "$apt/deb/hugo_${version}_$(dpkg --print-architecture).deb" "$tools/hugo.new"
rm -rf "$tools/hugo"
mv "$tools/hugo.new" "$tools/hugo"
echo "fetch-hugo: hugo $upstream from Debian unstable in .tools/hugo"
