#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The real duka program (TAP): two tills with their own data folders run
# side by side on one session bus; a store from a newer Duka is refused with
# a message and left untouched; --version answers.
set -u
duka="$1"
admin="$2"
n=0
fail=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
skip () { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
check () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

# Waits up to 10 s for COUNT visible windows whose title matches NAME.
wait_windows () {
  i=0
  while [ $i -lt 100 ]; do
    found=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | wc -l)
    [ "$found" -ge "$2" ] && return 0
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}

echo "1..7"
tmp="$DUKA_TEST_TMPDIR"

out=$("$duka" --version 2>&1)
check "--version prints the version" "echo \"\$out\" | grep -Eq '^duka [0-9]+\.[0-9]+\.[0-9]+$'"

"$admin" --data-dir "$tmp/till-a" init --demo >/dev/null
"$admin" --data-dir "$tmp/till-b" init --demo >/dev/null

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  skip "two tills side by side" "no session bus (run build-aux/test)"
  skip "both tills keep running" "no session bus"
else
  "$duka" --data-dir "$tmp/till-a" 2>"$tmp/a.err" &
  pid_a=$!
  wait_windows "^Duka$" 1
  "$duka" --data-dir "$tmp/till-b" 2>"$tmp/b.err" &
  pid_b=$!
  check "two tills side by side open two windows" "wait_windows '^Duka$' 2"
  check "both tills keep running" "kill -0 $pid_a && kill -0 $pid_b"
  kill $pid_a $pid_b 2>/dev/null
  wait $pid_a $pid_b 2>/dev/null
fi

# A store from the future: user_version one past what this Duka knows.
mkdir -p "$tmp/future"
"$admin" --data-dir "$tmp/future" init >/dev/null
python3 - "$tmp/future/duka.sqlite3" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
v = db.execute("PRAGMA user_version").fetchone()[0]
db.execute("PRAGMA journal_mode = DELETE")
db.execute(f"PRAGMA user_version = {v + 1}")
db.close()
PY
sum_before=$(md5sum < "$tmp/future/duka.sqlite3")
LC_ALL=C.UTF-8 "$duka" --data-dir "$tmp/future" 2>"$tmp/future.err" &
pid=$!
check "a newer store shows a dialog instead of the window" \
  "wait_windows '^Duka Cannot Open Its Data\$' 1 && ! xdotool search --onlyvisible --name '^Duka\$' >/dev/null 2>&1"
check "the message says to update Duka" "grep -q 'newer version of Duka' '$tmp/future.err'"
kill $pid 2>/dev/null
wait $pid 2>/dev/null
sum_after=$(md5sum < "$tmp/future/duka.sqlite3")
check "the newer store is left untouched" "[ '$sum_before' = '$sum_after' ]"
check "duka-admin refuses it too" \
  "! '$admin' --data-dir '$tmp/future' info >/dev/null 2>&1"
exit $fail
