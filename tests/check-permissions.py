#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The permission registry is complete (TAP).

Every public core function that takes a DukaActor changes data on someone's
behalf, so it must be listed in src/core/duka-permissions.c and must call
duka_permission_check() itself; every listed entry point must exist."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
core = root / "src" / "core"

declared = {}
for header in sorted(core.glob("*.h")):
    # The actor type and the permission check itself are the plumbing.
    if header.name.endswith("-private.h") or header.name in ("duka-actor.h", "duka-permissions.h"):
        continue
    text = header.read_text()
    for m in re.finditer(r"\b(duka_\w+)\s*\(([^;{]*?)\)\s*(?:G_GNUC_\w+\s*)*;", text, re.S):
        if "DukaActor" in m.group(2):
            declared[m.group(1)] = header.name

registry = (core / "duka-permissions.c").read_text()
listed = set(re.findall(r'\{\s*"(duka_\w+)",\s*DUKA_PERMISSION_\w+\s*\}', registry))

bodies = {}
for source in sorted(core.glob("*.c")):
    text = source.read_text()
    for m in re.finditer(r"^(duka_\w+) \(.*?\n\{\n(.*?)\n\}\n", text, re.S | re.M):
        bodies[m.group(1)] = m.group(2)

results = []
for name in sorted(declared):
    results.append((name in listed,
                    f"{name} ({declared[name]}) is in the permission registry"))
    results.append(("duka_permission_check (actor, G_STRFUNC" in bodies.get(name, ""),
                    f"{name} checks its permission in core"))
for name in sorted(listed):
    results.append((name in declared, f"registry entry {name} is a public call taking a DukaActor"))

if not declared:
    results.append((False, "found public calls taking a DukaActor"))

print(f"1..{len(results)}")
failed = 0
for i, (ok, what) in enumerate(results, 1):
    print(("ok" if ok else "not ok") + f" {i} - {what}")
    failed += not ok
sys.exit(1 if failed else 0)
