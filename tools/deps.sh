#!/bin/sh
# Install the Debian packages kehu needs (as root), or print the apt-get line.
# KEHU_DEPS_EXTRA adds packages (CI adds the test-only ones).
set -e
pkgs="gcc make libc6-dev libgsl-dev libsqlite3-dev $KEHU_DEPS_EXTRA"
missing=""
for p in $pkgs; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq $missing >/dev/null
else
    echo "kehu needs these Debian packages; run:"
    echo "  sudo apt-get install -y$missing"
    exit 1
fi
