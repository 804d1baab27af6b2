#!/usr/bin/env bash
# Copies the built CLI jar to DIR (default /tmp/imagecast-bench-cli) with a wrapper that maps a
# class-data-sharing archive per subcommand, as ./imagecast does, and prints the IMAGECAST_CMD to use.
# A frozen copy keeps a benchmark run independent of rebuilds while sources are being edited.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
dir="${1:-/tmp/imagecast-bench-cli}"
jar="$root/cli/target/imagecast-cli.jar"
[[ -f "$jar" ]] || { echo "freeze-cli: $jar is missing; build it: mvn -B -o -pl cli -am package -DskipTests" >&2; exit 1; }
mkdir -p "$dir"
rm -f "$dir"/cli-*.jsa
cp -p "$jar" "$dir/imagecast-cli.jar"
cat >"$dir/imagecast" <<'WRAPPER'
#!/usr/bin/env bash
# The first run of a subcommand dumps its archive; later runs map it. A help text loads too few
# classes to make a useful archive (a send archive dumped from `send --help` was 1.6 MB instead of 10).
dir="$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
for arg in "$@"; do
    case "$arg" in -h | --help | -V | --version) exec java ${IMAGECAST_CLI_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} -jar "$dir/imagecast-cli.jar" "$@" ;; esac
done
archive="$dir/cli-${1//[^a-z-]/}.jsa"
read -r -a opts <<<"${IMAGECAST_CLI_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
opts+=(-Xlog:cds*=off)
if [[ -s "$archive" ]]; then
    exec java "${opts[@]}" -XX:SharedArchiveFile="$archive" -Xshare:auto -jar "$dir/imagecast-cli.jar" "$@"
fi
status=0
java "${opts[@]}" -XX:ArchiveClassesAtExit="$archive.$$" -jar "$dir/imagecast-cli.jar" "$@" || status=$?
if [[ -s "$archive.$$" ]]; then mv -f "$archive.$$" "$archive"; else rm -f "$archive.$$"; fi
exit "$status"
WRAPPER
chmod +x "$dir/imagecast"
echo "IMAGECAST_CMD=$dir/imagecast"
