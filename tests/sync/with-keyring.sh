#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs a command in a private D-Bus session with a fresh gnome-keyring
# unlocked with a throwaway password, so tests never touch a person's own
# keyring.  Run it inside tests/with-temp-home.sh (the keyring lives in
# XDG_DATA_HOME).  Skips (exit 77) when the tools are missing.
set -eu

if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "1..0 # SKIP dbus-run-session or gnome-keyring-daemon is not installed"
  exit 77
fi

exec dbus-run-session -- sh -c '
  set -eu
  # The daemon is not under test: fatal warnings and malloc checks are
  # for the test program only.
  eval "$(printf test | env -u G_DEBUG -u MALLOC_CHECK_ -u MALLOC_PERTURB_ \
    gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  exec "$@"
' duka-keyring "$@"
