#!/usr/bin/env bash
# Installs what the cross-engine suite (tests/cross/) needs, skipping what is
# already there: Debian's WebKitGTK WebDriver (WebKitWebDriver and the
# MiniBrowser it drives), Firefox ESR, Xvfb for WebKit's window, and
# geckodriver from crates.io at the version pinned below. Browsers and
# drivers come only from Debian and crates.io, never from a download.
#
#     tools/cross-setup.sh            (as root, or with SUDO=sudo)
set -euo pipefail

GECKODRIVER_VERSION=0.37.1
SUDO=${SUDO-}
[ "$(id -u)" = 0 ] || SUDO=${SUDO:-sudo}

minibrowser() {
  ls /usr/lib/*/webkit2gtk-4.1/MiniBrowser /usr/lib/*/webkit2gtk-4.0/MiniBrowser 2>/dev/null | head -n 1
}

missing=()
command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
[ -n "$(minibrowser)" ] || missing+=(webkit2gtk-driver)
command -v firefox-esr >/dev/null || command -v firefox >/dev/null || missing+=(firefox-esr)
command -v Xvfb >/dev/null || missing+=(xvfb)
command -v xauth >/dev/null || missing+=(xauth)
# Fonts with Latin, the euro sign and the no-break spaces Intl writes.
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  echo "cross-setup: apt-get install ${missing[*]}"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

if [ "$(geckodriver --version 2>/dev/null | head -n 1 | cut -d' ' -f2)" != "$GECKODRIVER_VERSION" ]; then
  echo "cross-setup: cargo install geckodriver $GECKODRIVER_VERSION"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
fi
