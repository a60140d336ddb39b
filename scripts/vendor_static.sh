#!/usr/bin/env bash
# Rebuild the vendored front-end files under src/werkbrug/static/vendor/ from the npm registry.
# The results are committed, so the site works without internet; run this only to upgrade.
set -euo pipefail
BOOTSTRAP_VERSION="${BOOTSTRAP_VERSION:-5.3.9}"
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="$here/src/werkbrug/static/vendor/bootstrap"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "bootstrap@${BOOTSTRAP_VERSION}" >/dev/null)
tar -xzf "$work/bootstrap-${BOOTSTRAP_VERSION}.tgz" -C "$work"
rm -rf "$dest"
mkdir -p "$dest"
cp "$work/package/dist/css/bootstrap.min.css" "$dest/"
cp "$work/package/dist/js/bootstrap.bundle.min.js" "$dest/"
cp "$work/package/LICENSE" "$dest/LICENSE"
printf 'bootstrap %s (MIT), from the npm registry by scripts/vendor_static.sh\n' "$BOOTSTRAP_VERSION" >"$dest/VERSION"
# Source map comments point at files we do not ship.
sed -i '/sourceMappingURL/d' "$dest/bootstrap.min.css" "$dest/bootstrap.bundle.min.js"
echo "Vendored bootstrap ${BOOTSTRAP_VERSION} into ${dest#"$here"/}"
