#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs a test with HOME and the XDG folders in a temporary directory that is
# removed afterwards, so GTK's caches and Duka's data never touch the
# developer's own.
set -eu
dir=$(mktemp -d "${TMPDIR:-/tmp}/duka-test.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
mkdir -p "$dir/tmp" "$dir/home" "$dir/data" "$dir/config" "$dir/cache" "$dir/runtime" "$dir/state"
chmod 700 "$dir/runtime"
export TMPDIR="$dir/tmp"
export HOME="$dir/home"
export XDG_DATA_HOME="$dir/data"
export XDG_CONFIG_HOME="$dir/config"
export XDG_CACHE_HOME="$dir/cache"
export XDG_STATE_HOME="$dir/state"
# Keep the session's runtime dir when there is one: the private D-Bus
# session and the keyring live there.
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$dir/runtime}"
export DUKA_TEST_TMPDIR="$dir"
"$@"
