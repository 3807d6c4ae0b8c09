#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# duka-admin on a data folder of its own, through the real binary (TAP).
set -u
admin="$1"
dir="$DUKA_TEST_TMPDIR/admin-store"
n=0
fail=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
check () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

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

# Products in and out, all or nothing.
csv="$DUKA_TEST_TMPDIR/products.csv"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" export-products "$csv" 2>&1); rc=$?
check "export-products writes a file" "[ $rc -eq 0 ] && [ -s '$csv' ]"
check "the export has the demo's products" "[ \$(wc -l < '$csv') -ge 301 ]"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" export-products - 2>&1); rc=$?
check "export-products - writes to the terminal" "[ $rc -eq 0 ] && echo \"\$out\" | head -1 | grep -q '^sku,name,category,price'"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" import-products "$csv" 2>&1); rc=$?
check "importing the export changes nothing" "[ $rc -eq 0 ] && echo \"\$out\" | grep -q 'Imported 0 new, 0 changed'"
printf 'sku,name,price\r\nNEW1,Ginger beer,150.00\r\nM001,Espresso,160\r\n' > "$DUKA_TEST_TMPDIR/good.csv"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" import-products "$DUKA_TEST_TMPDIR/good.csv" 2>&1); rc=$?
check "import-products adds and updates" "[ $rc -eq 0 ] && echo \"\$out\" | grep -q 'Imported 1 new, 1 changed and 0 unchanged'"
printf 'sku,name,price\nBAD1,Tea,12,50\nBAD2,,10\nBAD3,Cake,ten\n' > "$DUKA_TEST_TMPDIR/bad.csv"
before=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" export-products - | wc -l)
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" import-products "$DUKA_TEST_TMPDIR/bad.csv" 2>&1); rc=$?
check "a bad file exits 1" "[ $rc -eq 1 ]"
check "every problem is named by line and column" \
  "echo \"\$out\" | grep -q 'Line 2: This row has 4 values' && echo \"\$out\" | grep -q 'Line 3, column “name”' && echo \"\$out\" | grep -q 'Line 4, column “price”'"
after=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" export-products - | wc -l)
check "a bad file writes nothing" "[ $before -eq $after ] && echo \"\$out\" | grep -q 'nothing was imported'"
printf 'sku,name,price,colour\nX,Tea,10,red\n' > "$DUKA_TEST_TMPDIR/col.csv"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" import-products "$DUKA_TEST_TMPDIR/col.csv" 2>&1); rc=$?
check "an unknown column is refused by name" "[ $rc -eq 1 ] && echo \"\$out\" | grep -q 'column “colour”'"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" import-products 2>&1); rc=$?
check "import-products without a file is a usage error" "[ $rc -eq 2 ]"

# Checking, backing up and restoring.
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" verify 2>&1); rc=$?
check "verify says ok" "[ $rc -eq 0 ] && [ \"\$out\" = ok ]"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" backup 2>&1); rc=$?
backup=$(echo "$out" | sed -n 's/^Backed up to //p')
check "backup makes a file" "[ $rc -eq 0 ] && [ -f \"\$backup\" ]"
printf 'sku,name,price\nAFTER1,After the backup,10\n' > "$DUKA_TEST_TMPDIR/after.csv"
LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" import-products "$DUKA_TEST_TMPDIR/after.csv" >/dev/null 2>&1
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" restore "$backup" 2>&1); rc=$?
check "restore succeeds" "[ $rc -eq 0 ]"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" export-products - 2>&1)
check "restore brings back the store as it was" "! echo \"\$out\" | grep -q AFTER1 && echo \"\$out\" | grep -q NEW1"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" verify 2>&1); rc=$?
check "the restored store verifies" "[ $rc -eq 0 ]"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM barcode WHERE gtin = (SELECT min(gtin) FROM barcode)'); c.commit()" "$dir/duka.sqlite3"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" verify 2>&1); rc=$?
check "verify finds a stale barcode index and exits 1" "[ $rc -eq 1 ] && echo \"\$out\" | grep -q 'missing from the barcode index'"

# Past sales, Z reports and the selling checks.
out=$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute(\"SELECT count(*) FROM sale WHERE origin = 'demo'\").fetchone()[0], c.execute('SELECT count(*) FROM cash_session').fetchone()[0])" "$dir/duka.sqlite3")
check "the demo has months of sales and an open cash session" "[ \$(echo \"\$out\" | cut -d' ' -f1) -ge 3000 ] && [ \$(echo \"\$out\" | cut -d' ' -f2) -eq 1 ]"
out=$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute(\"SELECT count(*) FROM refund r JOIN sale s ON s.id = r.sale_id WHERE r.origin = 'demo' AND s.origin = 'demo' AND r.series_id = s.series_id AND r.at > s.at\").fetchone()[0], c.execute(\"SELECT count(*) FROM refund WHERE origin <> 'demo'\").fetchone()[0])" "$dir/duka.sqlite3")
check "the demo has refunds of its sales, later, in the demo series" "[ \$(echo \"\$out\" | cut -d' ' -f1) -ge 20 ] && [ \$(echo \"\$out\" | cut -d' ' -f2) -eq 0 ]"
printf '{"receipt": "OLD-1", "at": "2026-01-05T12:31:00+03:00", "lines": [{"sku": "M001", "quantity": 1, "unit_price": "160"}], "payments": [{"tender": "cash", "amount": "200"}]}\n' > "$DUKA_TEST_TMPDIR/sales.jsonl"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" import-sales "$DUKA_TEST_TMPDIR/sales.jsonl" 2>&1); rc=$?
check "import-sales records a past sale" "[ $rc -eq 0 ] && echo \"\$out\" | grep -q 'Imported 1 sale'"
printf '{"receipt": "OLD-2", "at": "2026-01-05T12:31:00+03:00", "lines": [{"sku": "M001", "quantity": 1, "unit_price": "160"}], "payments": [{"tender": "cash", "amount": "200"}]}\n{"receipt": "OLD-3", "at": "2026-01-05", "lines": [{"sku": "M001", "quantity": -1, "unit_price": "160"}], "payments": [{"tender": "cash", "amount": "200"}]}\n' > "$DUKA_TEST_TMPDIR/bad-sales.jsonl"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" import-sales "$DUKA_TEST_TMPDIR/bad-sales.jsonl" 2>&1); rc=$?
check "a bad sales file names line and field and imports nothing" "[ $rc -eq 1 ] && echo \"\$out\" | grep -q '^line 2, field lines\[0\].quantity: ' && echo \"\$out\" | grep -q 'nothing was imported'"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" report z --till T1 --date 2026-01-05 2>&1); rc=$?
check "report z says when there is no Z report" "[ $rc -eq 1 ] && echo \"\$out\" | grep -q 'No Z report for till T1 on 2026-01-05'"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" report z --date 5/1/2026 2>&1); rc=$?
check "report z refuses a date it cannot read" "[ $rc -eq 2 ]"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('UPDATE stock_level SET on_hand = on_hand + 1000 WHERE rowid IN (SELECT rowid FROM stock_level LIMIT 1)'); c.commit()" "$dir/duka.sqlite3" 2>/dev/null || \
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('UPDATE stock_level SET on_hand = on_hand + 1000 WHERE product_id = (SELECT min(product_id) FROM stock_level)'); c.commit()" "$dir/duka.sqlite3"
out=$(LC_ALL=C.UTF-8 "$admin" --data-dir "$dir" verify 2>&1); rc=$?
check "verify finds stock that does not match its ledger" "[ $rc -eq 1 ] && echo \"\$out\" | grep -q 'Stock on hand does not match its movements'"

# Never the user's own data: HOME is a temporary folder here.
check "nothing written to the default data folder" "[ ! -e \"\$XDG_DATA_HOME/duka\" ]"
# The plan last, so adding a check never means counting them again.
echo "1..$n"
exit $fail
