#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest against what Duka needs and what it links.

The manifest is checked for its ids and runtime, for permissions that stay
within the reasoned list in flatpak/README.md, and for a module for every
library the meson build resolves that the GNOME runtime does not ship.
Prints TAP; exits non-zero when a check fails.

  check-flatpak.py --manifest M --meson MESON --build-root DIR
  check-flatpak.py --manifest M --dependencies-json FILE
  check-flatpak.py --manifest M --self-test
"""

import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile

APP_ID = 'io.github.dukapos.Duka'
RUNTIME = 'org.gnome.Platform'
SDK = 'org.gnome.Sdk'
RUNTIME_VERSION = '47'
COMMAND = 'duka'

# Every one is needed, and nothing else is allowed; the reason for each is
# in flatpak/README.md.
NEEDED_FINISH_ARGS = frozenset([
    '--share=network',
    '--share=ipc',
    '--socket=fallback-x11',
    '--socket=wayland',
    '--device=dri',
    '--socket=cups',
    '--talk-name=org.freedesktop.secrets',
])
ALLOWED_FINISH_ARGS = NEEDED_FINISH_ARGS

# Named separately so that a future change to the allowed list can never
# let these in by accident.
FORBIDDEN_FINISH_ARGS = (
    '--filesystem=host',
    '--filesystem=host-os',
    '--filesystem=host-etc',
    '--filesystem=home',
    '--filesystem=~',
    '--socket=session-bus',
    '--socket=system-bus',
)

# pkg-config names (and meson's special dependency names) that the GNOME 47
# runtime provides, so no module is needed for them.
RUNTIME_PROVIDES = frozenset([
    'threads', 'dl', 'intl', 'iconv',
    'glib-2.0', 'gobject-2.0', 'gio-2.0', 'gio-unix-2.0', 'gmodule-2.0',
    'gthread-2.0',
    'gtk4', 'gtk4-unix-print', 'gtk4-wayland', 'gtk4-x11',
    'libadwaita-1',
    'sqlite3',
    'libsoup-3.0',
    'json-glib-1.0',
    'libsecret-1',
    'cairo', 'cairo-gobject', 'cairo-pdf', 'cairo-ps', 'cairo-svg',
    'pango', 'pangocairo', 'pangoft2',
    'gdk-pixbuf-2.0',
    'fontconfig', 'freetype2', 'harfbuzz',
    'graphene-1.0', 'graphene-gobject-1.0',
    'libxml-2.0',
    'zlib', 'libpng', 'libjpeg', 'lcms2',
    'openssl', 'libcrypto', 'libssl',
])

# Where the pkg-config name differs from the manifest module that builds it.
MODULE_FOR_DEPENDENCY = {
    'poppler-glib': 'poppler',
    'libsodium': 'libsodium',
}

# Only duka-server links these, and the server is not in the Flatpak.
SERVER_ONLY_DEPENDENCIES = frozenset(['libpq'])

ALWAYS_NEEDED_MODULES = ('poppler',)


class Tap:
    def __init__(self):
        self.results = []

    def check(self, ok, description, diagnostics=(), notes=()):
        """diagnostics explain a failure; notes are printed either way."""
        lines = list(notes) + ([] if ok else list(diagnostics))
        self.results.append((bool(ok), description, lines))
        return ok

    def emit(self, out=sys.stdout):
        print(f'1..{len(self.results)}', file=out)
        for number, (ok, description, lines) in enumerate(self.results, 1):
            print(f'{"ok" if ok else "not ok"} {number} - {description}', file=out)
            for line in lines:
                for part in str(line).splitlines():
                    print(f'# {part}', file=out)

    def failed(self):
        return any(not ok for ok, _, _ in self.results)


def normalize_finish_args(args):
    """Joins "--opt value" pairs into "--opt=value", as flatpak reads both."""
    joined = []
    i = 0
    while i < len(args):
        arg = args[i]
        if (arg.startswith('--') and '=' not in arg and i + 1 < len(args)
                and not args[i + 1].startswith('-')):
            arg = f'{arg}={args[i + 1]}'
            i += 1
        joined.append(arg)
        i += 1
    return joined


def is_forbidden(arg):
    for forbidden in FORBIDDEN_FINISH_ARGS:
        # --filesystem=home:ro and --filesystem=~/Documents are still home.
        if arg == forbidden or arg.startswith(forbidden + ':') \
                or (forbidden == '--filesystem=~' and arg.startswith(forbidden)):
            return True
    return False


def collect_modules(modules, manifest_dir, found):
    """Fills found with name -> module, descending into nested modules."""
    for module in modules:
        if isinstance(module, str):
            path = os.path.join(manifest_dir, module)
            try:
                with open(path, encoding='utf-8') as f:
                    module = json.load(f)
            except (OSError, ValueError):
                name = os.path.splitext(os.path.basename(module))[0]
                found[name] = {'name': name}
                continue
        if not isinstance(module, dict):
            continue
        if 'name' in module:
            found[module['name']] = module
        collect_modules(module.get('modules', []), manifest_dir, found)


def dependencies_from_meson(meson, build_root):
    command = [meson, 'introspect', '--dependencies', build_root]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f'{" ".join(command)} failed:\n{result.stderr}')
    return dependency_names(json.loads(result.stdout))


def dependency_names(entries):
    names = []
    for entry in entries:
        name = entry.get('name') if isinstance(entry, dict) else entry
        if isinstance(name, str) and name:
            names.append(name)
    return sorted(set(names))


def check_manifest(tap, manifest_path, dependencies):
    try:
        with open(manifest_path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        tap.check(False, 'manifest is readable JSON', [str(e)])
        return
    if not tap.check(isinstance(manifest, dict), 'manifest is readable JSON',
                     ['the top level is not an object']):
        return

    for key, want in (('app-id', APP_ID), ('runtime', RUNTIME), ('sdk', SDK),
                      ('runtime-version', RUNTIME_VERSION), ('command', COMMAND)):
        got = manifest.get(key)
        tap.check(got == want, f'{key} is {want}', [f'found {got!r}'])

    finish_args = normalize_finish_args(manifest.get('finish-args', []))
    forbidden = [a for a in finish_args if is_forbidden(a)]
    tap.check(not forbidden,
              'finish-args grant no host or home file system and no session or system bus',
              [f'forbidden: {a}' for a in forbidden])
    unexpected = [a for a in finish_args if a not in ALLOWED_FINISH_ARGS]
    tap.check(not unexpected,
              'finish-args are all in the reasoned list (flatpak/README.md)',
              [f'not allowed: {a}' for a in unexpected])
    missing = sorted(NEEDED_FINISH_ARGS - set(finish_args))
    tap.check(not missing, 'finish-args have every permission Duka needs',
              [f'missing: {a}' for a in missing])

    modules = {}
    collect_modules(manifest.get('modules', []),
                    os.path.dirname(os.path.abspath(manifest_path)), modules)

    for name in ALWAYS_NEEDED_MODULES:
        tap.check(name in modules, f'a "{name}" module is built',
                  [f'modules: {", ".join(sorted(modules)) or "none"}'])

    unpinned = []
    for name, module in sorted(modules.items()):
        for source in module.get('sources', []):
            if isinstance(source, dict) and source.get('type') in ('archive', 'file') \
                    and 'url' in source and not source.get('sha256'):
                unpinned.append(f'{name}: {source["url"]}')
    tap.check(not unpinned, 'every downloaded source is pinned by sha256',
              [f'no sha256: {u}' for u in unpinned])

    top = manifest.get('modules', [])
    duka = top[-1] if top and isinstance(top[-1], dict) else {}
    tap.check(duka.get('name') == 'duka' and duka.get('buildsystem') == 'meson',
              'duka is the last module, built with meson',
              [f'last module: {duka.get("name")!r}, buildsystem {duka.get("buildsystem")!r}'])
    tap.check('-Dprofile=default' in duka.get('config-opts', []),
              'duka is built with -Dprofile=default',
              [f'config-opts: {duka.get("config-opts")!r}'])

    if dependencies is None:
        return
    for dep in dependencies:
        if dep in SERVER_ONLY_DEPENDENCIES:
            tap.check(True, f'dependency {dep}: only the server links it, not in the Flatpak')
        elif dep in RUNTIME_PROVIDES:
            tap.check(True, f'dependency {dep}: provided by the GNOME {RUNTIME_VERSION} runtime')
        else:
            module = MODULE_FOR_DEPENDENCY.get(dep, dep)
            tap.check(module in modules,
                      f'dependency {dep}: built by the "{module}" module',
                      [f'{dep} is not in the GNOME {RUNTIME_VERSION} runtime, so the manifest '
                       f'needs a module named "{module}" (or list it in RUNTIME_PROVIDES '
                       'or MODULE_FOR_DEPENDENCY in this script if that is wrong)'])


def run_checker(manifest_path, dependencies, workdir):
    deps_path = os.path.join(workdir, 'dependencies.json')
    with open(deps_path, 'w', encoding='utf-8') as f:
        json.dump([{'name': d} for d in dependencies], f)
    return subprocess.run([sys.executable, os.path.abspath(__file__),
                           '--manifest', manifest_path,
                           '--dependencies-json', deps_path],
                          capture_output=True, text=True)


def self_test(tap, manifest_path):
    """Proves the checker bites: each broken copy of the manifest must fail."""
    with open(manifest_path, encoding='utf-8') as f:
        good = json.load(f)
    deps = ['glib-2.0', 'gtk4', 'libadwaita-1', 'sqlite3', 'threads',
            'poppler-glib', 'libsodium', 'libpq']

    def without_module(name):
        def mutate(m):
            m['modules'] = [x for x in m['modules']
                            if not (isinstance(x, dict) and x.get('name') == name)]
        return mutate

    def add_finish_arg(arg):
        return lambda m: m['finish-args'].append(arg)

    def set_key(key, value):
        return lambda m: m.__setitem__(key, value)

    def drop_sha256(m):
        for module in m['modules']:
            for source in module.get('sources', []):
                source.pop('sha256', None)

    cases = [
        ('no poppler module', without_module('poppler'), deps),
        ('no poppler module, poppler-glib not linked', without_module('poppler'),
         [d for d in deps if d != 'poppler-glib']),
        ('no libsodium module while libsodium is linked', without_module('libsodium'), deps),
        ('a dependency the runtime lacks and no module builds', None,
         deps + ['libfoo-1.0']),
        ('--filesystem=home', add_finish_arg('--filesystem=home'), deps),
        ('--filesystem=host:ro', add_finish_arg('--filesystem=host:ro'), deps),
        ('--filesystem home as two arguments',
         lambda m: m['finish-args'].extend(['--filesystem', 'home']), deps),
        ('--socket=session-bus', add_finish_arg('--socket=session-bus'), deps),
        ('--socket=system-bus', add_finish_arg('--socket=system-bus'), deps),
        ('a permission outside the list', add_finish_arg('--device=all'), deps),
        ('--socket=cups missing',
         lambda m: m['finish-args'].remove('--socket=cups'), deps),
        ('runtime-version 46', set_key('runtime-version', '46'), deps),
        ('another app-id', set_key('app-id', 'org.example.Duka'), deps),
        ('another command', set_key('command', 'duka-server'), deps),
        ('an archive without sha256', drop_sha256, deps),
    ]

    with tempfile.TemporaryDirectory(prefix='check-flatpak-') as workdir:
        result = run_checker(manifest_path, deps, workdir)
        tap.check(result.returncode == 0, 'the unchanged manifest passes',
                  [result.stdout, result.stderr])

        for description, mutate, case_deps in cases:
            broken = copy.deepcopy(good)
            if mutate is not None:
                mutate(broken)
            path = os.path.join(workdir, 'broken.json')
            with open(path, 'w', encoding='utf-8') as f:
                json.dump(broken, f, indent=4)
            result = run_checker(path, case_deps, workdir)
            caught = [line for line in result.stdout.splitlines()
                      if line.startswith('not ok')]
            tap.check(result.returncode != 0 and caught,
                      f'rejects a manifest with {description}',
                      [result.stdout, result.stderr],
                      notes=[f'checker said: {line}' for line in caught])

        path = os.path.join(workdir, 'broken.json')
        with open(path, 'w', encoding='utf-8') as f:
            f.write('{ "app-id": ')
        result = run_checker(path, deps, workdir)
        tap.check(result.returncode != 0, 'rejects a manifest that is not JSON',
                  [result.stdout, result.stderr])


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--manifest', required=True, help='the Flatpak manifest (JSON)')
    parser.add_argument('--meson', help='the meson program, to introspect --build-root')
    parser.add_argument('--build-root', help='a configured meson build directory of Duka')
    parser.add_argument('--dependencies-json',
                        help='a file with what "meson introspect --dependencies" prints, '
                             'instead of --meson and --build-root')
    parser.add_argument('--self-test', action='store_true',
                        help='check that broken copies of the manifest are rejected')
    args = parser.parse_args()

    tap = Tap()
    if args.self_test:
        self_test(tap, args.manifest)
    else:
        if args.dependencies_json:
            with open(args.dependencies_json, encoding='utf-8') as f:
                dependencies = dependency_names(json.load(f))
        elif args.meson and args.build_root:
            try:
                dependencies = dependencies_from_meson(args.meson, args.build_root)
            except (OSError, RuntimeError, ValueError) as e:
                tap.check(False, 'meson introspect --dependencies', [str(e)])
                dependencies = None
        else:
            parser.error('give --meson and --build-root, --dependencies-json, or --self-test')
        if dependencies is not None:
            tap.check(bool(dependencies), 'the build reports its dependencies',
                      ['meson introspect listed none; is the build directory configured?'])
        check_manifest(tap, args.manifest, dependencies)

    tap.emit()
    return 1 if tap.failed() else 0


if __name__ == '__main__':
    sys.exit(main())
