#!/usr/bin/env bash
# AIOps NextGen, the whole platform with one command and no Docker:
#
#   ./run.sh [--wipe] [--data-dir DIR] [--only svc1,svc2] [--no-build] [--pg-port N] [--redis-port N]
#
# Builds the jars if any is missing or older than the sources (skip with --no-build; the web console is built
# with the machine's Node 20+ and npm), then runs the
# launcher (launcher/target/launcher-*.jar): embedded PostgreSQL and Redis, every service as its own
# JVM, state kept in ./data. Ctrl-C stops everything. Needs only a JDK 17+ (JAVA_HOME or java on PATH).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VERSION="0.1.0-SNAPSHOT"
MODULES=(cluster-registry observability-collector intelligence-engine intent-service porch-adapter
         realtime-streaming dashboard gateway launcher)

build=1
for arg in "$@"; do
  case "$arg" in
    --no-build | --help | -h) build=0 ;;
  esac
done

if [[ -n "${JAVA_HOME:-}" ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA="$(command -v java || true)"
fi
if [[ -z "$JAVA" || ! -x "$JAVA" ]]; then
  echo "run.sh: no java found: install a JDK 17 or newer, or set JAVA_HOME" >&2
  exit 1
fi
java_version="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
if [[ -z "$java_version" || "${java_version%%.*}" == 1 || "${java_version%%.*}" -lt 17 ]]; then
  echo "run.sh: $JAVA is Java ${java_version:-unknown}; Java 17 or newer is needed" >&2
  exit 1
fi

# True if a jar is missing or a source, resource or pom is newer than the oldest jar.
needs_build() {
  local jars=() m jar
  for m in "${MODULES[@]}"; do
    jar="$ROOT/$m/target/$m-$VERSION.jar"
    [[ -f "$jar" ]] || return 0
    jars+=("$jar")
  done
  local oldest
  oldest="$(ls -1tr "${jars[@]}" | head -n 1)"
  [[ -n "$(find "$ROOT" \
      \( -path "$ROOT/data" -o -path "$ROOT/dashboard/dist" -o -name target -o -name .git -o -name node_modules \) \
      -prune -o \
      \( -path '*/src/main/*' -o -path "$ROOT/dashboard/src/*" -o -path "$ROOT/dashboard/*.json" \
         -o -path "$ROOT/dashboard/*.html" -o -name pom.xml \) -type f -newer "$oldest" -print -quit)" ]]
}

if [[ "$build" == 1 ]] && needs_build; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "run.sh: building the web console needs Node 20+ and npm on PATH (or run with --no-build)" >&2
    exit 1
  fi
  echo "run.sh: building the jars (./mvnw -q -B -DskipTests package); the first build downloads dependencies"
  (cd "$ROOT" && JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA")")")" \
      ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package)
fi

shopt -s nullglob
launcher_jars=("$ROOT"/launcher/target/launcher-*.jar)
shopt -u nullglob
if [[ ${#launcher_jars[@]} -eq 0 ]]; then
  echo "run.sh: $ROOT/launcher/target/launcher-*.jar not found; run without --no-build" >&2
  exit 1
fi

export AIOPS_HOME="$ROOT"
# the launcher itself is small; its children get their own flags (see ServiceSupervisor.JVM_FLAGS)
# shellcheck disable=SC2086
exec "$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 ${AIOPS_LAUNCHER_JAVA_OPTS:-} \
  -jar "${launcher_jars[0]}" "$@"
