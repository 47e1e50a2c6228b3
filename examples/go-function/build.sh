#!/bin/sh
# Builds a static Linux binary for GOARCH (default amd64): dist/exclamation-<arch>.
set -eu
cd "$(dirname "$0")"
ARCH="${GOARCH:-amd64}"
mkdir -p dist
CGO_ENABLED=0 GOOS=linux GOARCH="$ARCH" go build -trimpath -ldflags='-s -w -buildid=' \
  -o "dist/exclamation-$ARCH" .
echo "dist/exclamation-$ARCH"
