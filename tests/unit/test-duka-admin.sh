#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# duka-admin init/info on a data folder of its own (TAP).
set -u
admin="$1"
dir="$DUKA_TEST_TMPDIR/admin-store"
n=0
fail=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
check () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

echo "1..8"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" init --demo 2>&1); rc=$?
check "init --demo succeeds" "[ $rc -eq 0 ]"
check "store file created in the named folder" "[ -f '$dir/duka.sqlite3' ]"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" info 2>&1); rc=$?
check "info succeeds" "[ $rc -eq 0 ]"
check "info names the demo business" "echo \"\$out\" | grep -q 'Business: Duka Café & Shop'"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" init --demo 2>&1); rc=$?
check "init twice is refused" "[ $rc -ne 0 ] && echo \"\$out\" | grep -q 'already holds a business'"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" frobnicate 2>&1); rc=$?
check "unknown command is refused with exit 2" "[ $rc -eq 2 ] && echo \"\$out\" | grep -q 'Unknown command'"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" 2>&1); rc=$?
check "no command prints usage" "[ $rc -eq 2 ] && echo \"\$out\" | grep -q 'Commands:'"
# Never the user's own data: HOME is a temporary folder here.
check "nothing written to the default data folder" "[ ! -e \"\$XDG_DATA_HOME/duka\" ]"
exit $fail
