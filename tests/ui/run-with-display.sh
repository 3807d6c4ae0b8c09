#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The ui suite needs an X display.  build-aux/test provides one; when
# `meson test` is run by hand without one, start a private Xvfb.
set -eu
if [ -n "${DISPLAY:-}" ]; then
  exec "$@"
fi
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "Bail out! no DISPLAY and no xvfb-run; run build-aux/test" >&2
  exit 1
fi
exec xvfb-run -a -s '-screen 0 1280x800x24 -nolisten tcp' "$@"
