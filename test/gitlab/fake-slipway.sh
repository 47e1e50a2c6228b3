#!/bin/sh
# Stands in for the Slipway CLI when testing the GitLab template's wiring: records its arguments
# NUL-separated in $FAKE_SLIPWAY_ARGS and SOURCE_DATE_EPOCH and CI_COMMIT_TIMESTAMP in
# $FAKE_SLIPWAY_ARGS.epoch, and writes the dotenv report named by --dotenv.
set -eu
printf '%s\0' "$@" > "$FAKE_SLIPWAY_ARGS"
printf '%s %s' "${SOURCE_DATE_EPOCH:-unset}" "$CI_COMMIT_TIMESTAMP" > "$FAKE_SLIPWAY_ARGS.epoch"
dotenv=
previous=
for arg in "$@"; do
  if [ "$previous" = "--dotenv" ]; then dotenv=$arg; fi
  previous=$arg
done
digest="sha256:$(printf '%064d' 7)"
printf 'SLIPWAY_IMAGE=%s:one\nSLIPWAY_DIGEST=%s\nSLIPWAY_IMAGE_REF=%s@%s\n' \
  "$CI_REGISTRY_IMAGE" "$digest" "$CI_REGISTRY_IMAGE" "$digest" > "$dotenv"
