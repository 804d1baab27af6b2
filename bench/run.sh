#!/usr/bin/env bash
# Entry point of the transfer benchmark: bench/run.sh [--quick] [options]; see bench/README.md.
exec python3 "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/run.py" "$@"
