#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a file with translatable strings is missing from
po/POTFILES.in, or when POTFILES.in lists a file that does not exist."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
listed = set()
for line in (root / "po" / "POTFILES.in").read_text().splitlines():
    line = line.strip()
    if line and not line.startswith("#"):
        listed.add(line)

C_MARK = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"')
UI_MARK = re.compile(r'translatable="yes"')
DATA_MARK = re.compile(r"<(?:summary|description|name|p|li|caption|developer_name|"
                       r"name)\b|^(?:Name|GenericName|Comment|Keywords)=", re.M)

found = set()
for path in sorted((root / "src").rglob("*")):
    rel = path.relative_to(root).as_posix()
    if path.suffix == ".c" and C_MARK.search(path.read_text()):
        found.add(rel)
    elif path.suffix == ".ui" and UI_MARK.search(path.read_text()):
        found.add(rel)
for path in sorted((root / "data").glob("*")):
    rel = path.relative_to(root).as_posix()
    if path.name.endswith((".desktop.in", ".metainfo.xml.in", ".gschema.xml")):
        if DATA_MARK.search(path.read_text()):
            found.add(rel)

# xgettext cannot expand G_GINT64_FORMAT and friends inside a string
# marked for translation: the message would be cut there and never be
# translated.  Use %lld with a cast, or format the number first.
SPLIT_MARK = re.compile(r'(?:_|N_|g_dngettext\s*\(\s*GETTEXT_PACKAGE\s*,)\s*\(?\s*"[^"\n]*%"\s*G_G\w+_FORMAT')
split = []
for path in sorted((root / "src").rglob("*.c")):
    text = path.read_text()
    for m in SPLIT_MARK.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        split.append(f"{path.relative_to(root).as_posix()}:{line}")

tests = 0
failed = 0
def report(ok, what):
    global tests, failed
    tests += 1
    if not ok:
        failed += 1
    print(("ok" if ok else "not ok") + f" {tests} - {what}")

missing = sorted(found - listed)
stale = sorted(p for p in listed if not (root / p).exists())
print("1..3")
report(not missing, "every file with translatable strings is in po/POTFILES.in"
       + ("".join(f"\n# missing: {m}" for m in missing)))
report(not stale, "every file in po/POTFILES.in exists"
       + ("".join(f"\n# stale: {s}" for s in stale)))
report(not split, "no translatable string is cut by a G_*_FORMAT macro"
       + ("".join(f"\n# cut: {p}" for p in split)))
sys.exit(1 if failed else 0)
