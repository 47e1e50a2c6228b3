#!/usr/bin/env bash
# Installs what the test suite drives for real (Debian 12): the CNCF registry, htpasswd, skopeo,
# umoci, podman with runc, a static busybox for the seeded bases, Maven with Debian's plugin
# repository (offline builds), the JDK, Go (Go function examples), and the npm dependencies.
# Idempotent: apt runs only when a package is missing, `npm ci` only when node_modules is not
# what package-lock.json describes.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  docker-registry apache2-utils skopeo umoci podman runc uidmap busybox-static
  maven openjdk-17-jdk-headless
  libmaven-shade-plugin-java libmaven-jar-plugin-java libmaven-compiler-plugin-java
  libmaven-resources-plugin-java libsurefire-java libmaven-install-plugin-java
  golang-go openssl rsync curl git ca-certificates time
)

SUDO=()
if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo); fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-test-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update
  "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "install-test-deps: Debian packages present"
fi

if npm ls --all >/dev/null 2>&1; then
  echo "install-test-deps: node_modules matches package-lock.json"
else
  npm ci
fi
# Node 22 and 24 for the action and gitlab-ci-local tests, in their own package (see its description).
if ! (cd test/runtimes && npm ls --all >/dev/null 2>&1); then
  npm ci --prefix test/runtimes
fi
