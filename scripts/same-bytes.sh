#!/usr/bin/env bash
# Builds the shipped content at two versions of the code and says whether the sites are the same,
# byte for byte. For restructurings that must not change what readers get:
#
#   scripts/same-bytes.sh BEFORE [AFTER]
#
# BEFORE and AFTER are git revisions; AFTER defaults to the working tree as it is (uncommitted
# changes included). Both are built on the same day (SOURCE_DATE_EPOCH, default today) in fresh
# worktrees, with no cache. Pagefind's filter and metadata files are left out of the comparison:
# they differ between two builds of the same site (Pagefind issue #638).
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:?usage: scripts/same-bytes.sh BEFORE [AFTER]}
after=${2:-$(git stash create)}
after=${after:-HEAD}
python=${PYTHON:-$PWD/.venv/bin/python}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date -u -d "$(date -u +%F)" +%s)}
work=$(mktemp -d)
cleanup() {
  git worktree remove --force "$work/before" 2>/dev/null || true
  git worktree remove --force "$work/after" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for side in before after; do
  rev=${!side}
  git worktree add --quiet --detach "$work/$side" "$rev"
  echo "building $side ($(git rev-parse --short "$rev"))…"
  (cd "$work/$side" && "$python" build.py --root . build >"$work/$side.log" 2>&1) || {
    cat "$work/$side.log"; echo "the $side build failed"; exit 2; }
done
if diff -r -q -x 'filter' -x '*.pf_meta' -x 'pagefind-entry.json' "$work/before/site" "$work/after/site"; then
  echo "same bytes: $(find "$work/after/site" -type f | wc -l) files"
else
  echo "the sites differ (above)"
  exit 1
fi
