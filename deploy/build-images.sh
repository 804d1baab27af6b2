#!/usr/bin/env bash
# Builds the four service images from their target/quarkus-app (mvn -B package -DskipTests first),
# named and tagged as deploy/images.env says. Needs docker or podman.
#   deploy/build-images.sh [session-service node-registry log-service sender-service]
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
# shellcheck source=images.env
source "$ROOT/deploy/images.env"
ENGINE="${CONTAINER_ENGINE:-$(command -v docker || command -v podman || true)}"
[[ -n "$ENGINE" ]] || { echo "build-images: neither docker nor podman found (set CONTAINER_ENGINE)" >&2; exit 1; }

services=("$@")
((${#services[@]})) || services=(session-service node-registry log-service sender-service)
for svc in "${services[@]}"; do
    [[ -f "$ROOT/$svc/target/quarkus-app/quarkus-run.jar" ]] ||
        { echo "build-images: $svc/target/quarkus-app is missing; run: mvn -B -pl $svc -am package -DskipTests" >&2; exit 1; }
    image="$IMAGECAST_IMAGE_REGISTRY/$svc:$IMAGECAST_IMAGE_TAG"
    echo "build-images: $image"
    "$ENGINE" build -f "$ROOT/$svc/src/main/docker/Dockerfile.jvm" -t "$image" "$ROOT/$svc"
done
