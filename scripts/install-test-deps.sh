#!/usr/bin/env bash
# Installs what the test suite drives for real (Debian 12): the CNCF registry, htpasswd, skopeo,
# umoci, podman with runc, a static busybox for the seeded bases, Maven with Debian's plugin
# repository (offline builds), the JDK, Go (Go function examples), the docker CLI (driven against
# podman's Docker API service), strace (what a run reads), and the npm dependencies.
# Idempotent: apt runs only when a package is missing, `npm ci` only when node_modules is not
# what package-lock.json describes.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  docker-registry apache2-utils skopeo umoci podman runc uidmap busybox-static
  maven openjdk-17-jdk-headless
  libmaven-shade-plugin-java libmaven-jar-plugin-java libmaven-compiler-plugin-java
  libmaven-resources-plugin-java libsurefire-java libmaven-install-plugin-java
  golang-go openssl rsync curl git ca-certificates time zip strace
  gcc libc6-dev python3-dev python3-pip python3-setuptools python3-wheel
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross mmdebstrap
)

SUDO=()
if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo); fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done

apt_updated=false
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-test-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update
  apt_updated=true
  "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "install-test-deps: Debian packages present"
fi

# The docker CLI, for the docker-command: docker tests (they run podman's Docker API service as
# the engine). Debian 12 has no client-only package: docker.io also brings dockerd, containerd
# and a service that starts on install, none of which the tests want, so only its /usr/bin/docker
# (linked against libc alone) is taken. A docker already on PATH is kept.
if command -v docker >/dev/null 2>&1; then
  echo "install-test-deps: docker CLI present ($(command -v docker))"
else
  echo "install-test-deps: installing the docker CLI from Debian's docker.io package"
  if [ "$apt_updated" = false ]; then "${SUDO[@]}" apt-get update; fi
  deb_dir=$(mktemp -d)
  (cd "$deb_dir" && apt-get download docker.io)
  dpkg-deb --fsys-tarfile "$deb_dir"/docker.io_*.deb | tar -x -C "$deb_dir" ./usr/bin/docker
  "${SUDO[@]}" install -m 0755 "$deb_dir/usr/bin/docker" /usr/local/bin/docker
  rm -rf "$deb_dir"
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
