#!/bin/sh
# Writes OUTDIR/BuildCodeVersion.swift, which fixes the code version of the HRA library at build
# time: `let buildCodeVersion = CodeVersion.release + "+<commit>[-dirty]"`, where <commit> is the
# 40-hex commit checked out in PACKAGE_DIR and -dirty says that tracked files differ from it
# (untracked files do not count); "+unknown" when PACKAGE_DIR is not the top of a git checkout
# (a source tarball, or no git). The file is rewritten only when its content changes, so that an
# incremental build recompiles nothing when the version is unchanged.
#
# Run on every build by the CodeVersionPlugin build-tool plugin (Plugins/CodeVersionPlugin),
# which SwiftPM applies to the HRA target. STAMP, when given, is replaced on every run: it is the
# input of the plugin's build command, so that the build system runs this script again at the next
# build (see the plugin). By hand:
#   Scripts/code-version.sh . /tmp/out && cat /tmp/out/BuildCodeVersion.swift
# HRA_CODE_VERSION_SUFFIX, when set and non-empty, replaces what git says (e.g. a packager
# building from a tarball of a known commit).
set -eu
if [ $# -ne 2 ] && [ $# -ne 3 ]; then
  echo "usage: code-version.sh PACKAGE_DIR OUTDIR [STAMP]" >&2
  exit 2
fi
pkg=$1
out=$2
stamp=${3:-}
PATH=${PATH:-}:/usr/local/bin:/usr/bin:/bin
export PATH

suffix=unknown
if [ -n "${HRA_CODE_VERSION_SUFFIX:-}" ]; then
  suffix=$HRA_CODE_VERSION_SUFFIX
elif command -v git >/dev/null 2>&1 \
  && top=$(git -C "$pkg" rev-parse --show-toplevel 2>/dev/null) \
  && [ "$(cd "$top" && pwd -P)" = "$(cd "$pkg" && pwd -P)" ] \
  && commit=$(git -C "$pkg" rev-parse --verify --quiet HEAD 2>/dev/null); then
  # --no-optional-locks: read-only, no index refresh written into the checkout during a build.
  if changes=$(git --no-optional-locks -C "$pkg" status --porcelain --untracked-files=no 2>/dev/null); then
    if [ -n "$changes" ]; then suffix=$commit-dirty; else suffix=$commit; fi
  else
    suffix=$commit-dirty  # the state of the working tree cannot be read: not claimed clean
  fi
fi
case $suffix in
  *[!A-Za-z0-9._-]*) echo "code-version.sh: unusable version suffix '$suffix'" >&2; exit 1 ;;
esac

mkdir -p "$out"
file=$out/BuildCodeVersion.swift
tmp=$out/.BuildCodeVersion.swift.$$
cat >"$tmp" <<SWIFT
// Generated at build time by Scripts/code-version.sh; do not edit.

/// The code version of this build (see \`CodeVersion.current\`).
let buildCodeVersion = CodeVersion.release + "+$suffix"
SWIFT
if cmp -s "$tmp" "$file"; then
  rm -f "$tmp"
else
  mv -f "$tmp" "$file"
fi
if [ -n "$stamp" ]; then
  # A new file (new inode and time) each run: the build system sees its input changed.
  echo "$$ $(date)" >"$stamp.$$"
  mv -f "$stamp.$$" "$stamp"
fi
