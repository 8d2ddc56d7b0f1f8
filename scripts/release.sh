#!/usr/bin/env bash
# Build the PDF for a release tag `issue-<n>`, reproducibly: the PDF's dates come from the
# tagged commit (SOURCE_DATE_EPOCH), so anyone can rebuild the same bytes from the tag.
# Usage: scripts/release.sh issue-218 [output-dir]   → prints the PDF's path
# The GitHub workflow .github/workflows/release.yml runs exactly this script.
set -euo pipefail
tag="${1:?usage: scripts/release.sh issue-<n> [output-dir]}"
out="${2:-release}"
if [[ ! "$tag" =~ ^issue-([0-9]+)$ ]]; then
  echo "error: tag '$tag' is not of the form issue-<n>" >&2
  exit 2
fi
n="${BASH_REMATCH[1]}"
cd "$(dirname "$0")/.."
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH="$(git log -1 --format=%ct "$tag" 2>/dev/null || git log -1 --format=%ct)"
fi
export SOURCE_DATE_EPOCH
mkdir -p "$out"
node bin/bulletin.js build "$n" -o "$out/bulletin-$n.pdf" >&2
echo "$out/bulletin-$n.pdf"
