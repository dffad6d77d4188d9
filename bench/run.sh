#!/usr/bin/env bash
# bench/run.sh - Slipway vs Distribution 2.8 (Debian's docker-registry), side by side on this machine.
#
# usage: bench/run.sh [--auth] [--quick] [extra regbench args, e.g. --reps 3 --skip g]
#
#   default: A = Slipway (--auth none, like the open Distribution) vs B = Distribution → bench/RESULTS.md
#   --auth:  A = Slipway with token auth (regbench logs in as admin) vs B = the same Slipway build with
#            --auth none, to show what authentication costs → bench/RESULTS-auth.md
#   --control: A and B = the same Slipway build, both --auth none (an A/A run: the benchmark's own noise,
#            against which the --auth figures are read) → bench/RESULTS-control.md
#   --auth-vs-distribution: A = Slipway with token auth vs B = the open Distribution, each figure
#            against 10 % → bench/RESULTS-auth-vs-distribution.md
#
# Builds cli/target/slipway.jar if it is missing or older than the sources, starts Slipway (A) and
# docker-registry (B) on free loopback ports with fresh temp data dirs, runs the shared kit's
# bench.sh (regbench: interleaved A/B repetitions), writes bench/work/regbench.{json,txt} and
# bench/RESULTS.md (targets table + raw report), and stops both registries on exit.
#
# Environment knobs:
#   SLIPWAY_JAVA_OPTS   JVM options for Slipway (default: see DEFAULT_JAVA_OPTS below; "" = launcher defaults)
#   SLIPWAY_MALLOC_ENV  glibc tuning for Slipway (default: MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072
#                       MALLOC_TRIM_THRESHOLD_=131072; "" = glibc defaults)
#   SLIPWAY_KIT         the benchmark kit (default: <repo>/../shared/kit)
#   WRK_HEAD            a HEAD-capable wrk binary (default: kit's bin/wrk-head, else built here)
#   BENCH_TMP           parent of the temp data dirs (default: $TMPDIR or /tmp)
#   KEEP_DATA=1         keep the temp data dirs
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
KIT="${SLIPWAY_KIT:-$ROOT/../shared/kit}"
WORK="$BENCH/work"
JAR="$ROOT/cli/target/slipway.jar"
# Heap capped for the 300 MiB RSS target (live set ~25 MiB, but the manifest-bytes cache may hold
# 64 MiB, so not below 128m). SerialGC: no concurrent GC threads, smallest footprint, lowest CPU per
# request on 2 cores. Direct memory capped at 32m because blob GETs allocate unpooled 512 KiB direct
# buffers: a low cap makes the JVM reclaim them early. glibc: at most 2 malloc arenas and a fixed
# mmap threshold, so freed native memory (SQLite, direct buffers) goes back to the OS instead of
# staying in per-thread arenas. Measured on a quick a+c+d run: peak RSS 353 -> 275 MiB.
DEFAULT_JAVA_OPTS="-Xms32m -Xmx128m -XX:+UseSerialGC -XX:MaxDirectMemorySize=32m"
JAVA_OPTS="${SLIPWAY_JAVA_OPTS-$DEFAULT_JAVA_OPTS}"
MALLOC_ENV="${SLIPWAY_MALLOC_ENV-MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=131072}"

MODE=distribution
if [ "${1:-}" = "--auth" ]; then MODE=auth; shift; fi
if [ "${1:-}" = "--control" ]; then MODE=control; shift; fi
if [ "${1:-}" = "--auth-vs-distribution" ]; then MODE=auth-vs-distribution; shift; fi
A_AUTH=no   # Slipway (A) with token auth, regbench logging in
case "$MODE" in auth|auth-vs-distribution) A_AUTH=yes ;; esac
B_SLIPWAY=no   # B is the same Slipway build with --auth none (else Distribution)
case "$MODE" in auth|control) B_SLIPWAY=yes ;; esac

say() { printf '%s run.sh: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

mkdir -p "$WORK"
[ -f "$KIT/bench.sh" ] || die "benchmark kit not found at $KIT (set SLIPWAY_KIT)"
KIT="$(cd "$KIT" && pwd)"
if [ "$A_AUTH" = yes ]; then
  # The kit's regbench derives token scopes with a non-greedy pattern, so for its repository named
  # ".../tags" it asks for the parent repository's scope and every token-auth registry refuses the push.
  # Run a copy with that one pattern made greedy (the shared kit itself is left untouched).
  rm -rf "$WORK/kit-auth" && mkdir -p "$WORK/kit-auth" && cp -r "$KIT/." "$WORK/kit-auth/"
  python3 - "$WORK/kit-auth/regbench.py" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("r'^/v2/(.+?)/(blobs|manifests|tags)/'", "r'^/v2/(.+)/(blobs|manifests|tags)/'")
open(p, 'w').write(s)
PY
  grep -q "r'^/v2/(.+)/(blobs|manifests|tags)/'" "$WORK/kit-auth/regbench.py" || die "could not patch regbench's scope pattern"
  KIT="$WORK/kit-auth"
fi

# ---------------------------------------------------------------- tools
need_apt=()
command -v python3 >/dev/null || need_apt+=(python3)
[ -x /usr/bin/docker-registry ] || need_apt+=(docker-registry)
command -v wrk >/dev/null || need_apt+=(wrk)
command -v iperf3 >/dev/null || need_apt+=(iperf3)
command -v curl >/dev/null || need_apt+=(curl)
command -v ss >/dev/null || need_apt+=(iproute2)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing ${need_apt[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${need_apt[@]}" >/dev/null \
      || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y "${need_apt[@]}" >/dev/null; }
  else
    say "missing tools: ${need_apt[*]} (not root: install them with apt-get)"
  fi
fi
command -v python3 >/dev/null || die "python3 is required"
[ -x /usr/bin/docker-registry ] || die "/usr/bin/docker-registry is required (apt-get install docker-registry)"

# HEAD-capable wrk (stock wrk 4.1.0 hangs on HEAD, wg/wrk#198). The kit's build script is run from a
# copy under bench/work so that the shared kit directory is left untouched.
if [ -z "${WRK_HEAD:-}" ]; then
  if [ -x "$KIT/bin/wrk-head" ]; then
    WRK_HEAD="$KIT/bin/wrk-head"
  elif [ -x "$WORK/wrk-head/bin/wrk-head" ]; then
    WRK_HEAD="$WORK/wrk-head/bin/wrk-head"
  elif [ -f "$KIT/build-wrk-head.sh" ]; then
    deps=()
    for p in gcc make libssl-dev libluajit-5.1-dev luajit; do dpkg -s "$p" >/dev/null 2>&1 || deps+=("$p"); done
    if [ ${#deps[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
      say "installing ${deps[*]} (to build wrk-head)"
      DEBIAN_FRONTEND=noninteractive apt-get install -y "${deps[@]}" >/dev/null || true
    fi
    mkdir -p "$WORK/wrk-head"
    cp "$KIT/build-wrk-head.sh" "$WORK/wrk-head/"
    say "building wrk-head (kit's build-wrk-head.sh, in $WORK/wrk-head)"
    # (the kit script's last step, `wrk-head -v | head -1`, exits non-zero under pipefail even when
    # the build worked, so success is judged by the binary, not by the exit status)
    bash "$WORK/wrk-head/build-wrk-head.sh" >"$WORK/wrk-head/build.log" 2>&1 || true
    if [ -x "$WORK/wrk-head/bin/wrk-head" ]; then
      WRK_HEAD="$WORK/wrk-head/bin/wrk-head"
    else
      say "warning: wrk-head build failed (see $WORK/wrk-head/build.log); HEAD load falls back to python"
    fi
  fi
fi
[ -n "${WRK_HEAD:-}" ] && export WRK_HEAD

# ---------------------------------------------------------------- JDK 21+
java_major() {   # $1 = JDK home; prints the feature version or nothing
  local v
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
  fi
  [ "$v" = 1 ] && v=8
  echo "$v"
}
JDK=""
if [ -n "${JAVA_HOME:-}" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
  JDK="$JAVA_HOME"
else
  best=0
  for d in /usr/lib/jvm/*; do
    [ -d "$d" ] && [ ! -L "$d" ] || continue
    v=$(java_major "$d"); [ -n "$v" ] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best" ]; then best=$v; JDK=$d; fi
  done
fi
[ -n "$JDK" ] || die "no JDK 21+ found (set JAVA_HOME or install one under /usr/lib/jvm)"
export JAVA_HOME="$JDK"
JAVA="$JDK/bin/java"
say "JDK: $JDK ($("$JAVA" -version 2>&1 | head -1))"

# ---------------------------------------------------------------- build
stale=""
if [ ! -f "$JAR" ]; then
  stale="missing"
elif [ -n "$(find "$ROOT" -path "$ROOT/bench" -prune -o \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$JAR" -print -quit)" ]; then
  stale="older than the sources"
fi
if [ -n "$stale" ]; then
  say "building $JAR ($stale)"
  (cd "$ROOT" && { mvn -B -q -o -DskipTests package || mvn -B -q -DskipTests package; }) >"$WORK/build.log" 2>&1 \
    || { tail -40 "$WORK/build.log" >&2; die "build failed (see $WORK/build.log)"; }
fi
[ -f "$JAR" ] || die "$JAR not built"

# ---------------------------------------------------------------- start both registries
TMP="$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/slipway-bench.XXXXXX")"
PID_A=""; PID_B=""
cleanup() {
  local rc=$?
  for p in $PID_A $PID_B; do kill "$p" 2>/dev/null || true; done
  for p in $PID_A $PID_B; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$p" 2>/dev/null || true
  done
  if [ "${KEEP_DATA:-0}" = 1 ]; then say "data kept in $TMP"; else rm -rf "$TMP"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
PORT_A=$(free_port)
PORT_B=$(free_port)
while [ "$PORT_B" = "$PORT_A" ]; do PORT_B=$(free_port); done

mkdir -p "$TMP/slipway" "$TMP/distribution"
# shellcheck disable=SC2086
# shellcheck disable=SC2086
AUTH_A=(--auth none)
# regbench fetches a token once per scope and keeps sending it through the whole run (a full run takes
# ~6 min), where docker would fetch a new one on a 401: tokens here live longer than the default 5 minutes.
if [ "$A_AUTH" = yes ]; then AUTH_A=(--auth token --token-lifetime 1h); fi
env $MALLOC_ENV "$JAVA" $JAVA_OPTS -jar "$JAR" serve --data-dir "$TMP/slipway" --host 127.0.0.1 --port "$PORT_A" \
  "${AUTH_A[@]}" >"$WORK/slipway.log" 2>&1 &
PID_A=$!

cat >"$TMP/distribution.yml" <<EOF
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
  fields:
    service: registry
storage:
  filesystem:
    rootdirectory: $TMP/distribution
  cache:
    blobdescriptor: inmemory
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$PORT_B
  headers:
    X-Content-Type-Options: [nosniff]
health:
  storagedriver:
    enabled: false
EOF
if [ "$B_SLIPWAY" = yes ]; then
  mkdir -p "$TMP/slipway-open"
  # shellcheck disable=SC2086
  env $MALLOC_ENV "$JAVA" $JAVA_OPTS -jar "$JAR" serve --data-dir "$TMP/slipway-open" --host 127.0.0.1 --port "$PORT_B" \
    --auth none >"$WORK/slipway-open.log" 2>&1 &
else
  /usr/bin/docker-registry serve "$TMP/distribution.yml" >"$WORK/distribution.log" 2>&1 &
fi
PID_B=$!

wait_v2() {   # $1 url, $2 pid, $3 name
  local i
  for i in $(seq 120); do
    kill -0 "$2" 2>/dev/null || die "$3 exited during start-up (see its log in $WORK)"
    case "$(curl -s -o /dev/null -w '%{http_code}' "$1/v2/")" in 200|401) return 0 ;; esac
    sleep 0.25
  done
  die "$3 did not answer $1/v2/ within 30 s"
}
wait_v2 "http://127.0.0.1:$PORT_A" "$PID_A" Slipway
wait_v2 "http://127.0.0.1:$PORT_B" "$PID_B" "registry B"
say "Slipway pid $PID_A on 127.0.0.1:$PORT_A (JVM options: ${JAVA_OPTS:-none}; env: ${MALLOC_ENV:-none})"
B_NAME=docker-registry
if [ "$B_SLIPWAY" = yes ]; then B_NAME="Slipway --auth none"; fi
say "B pid $PID_B on 127.0.0.1:$PORT_B ($B_NAME)"
CREDS=()
if [ "$A_AUTH" = yes ]; then
  ADMIN_PASS="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["password"])' "$TMP/slipway/admin-credentials.json")"
  CREDS=(--user admin --pass "$ADMIN_PASS")
  notes_auth=(--note "regbench run from a copy with its token-scope pattern fixed (non-greedy repository match); see bench/run.sh")
fi

# ---------------------------------------------------------------- benchmark
JSON="$WORK/regbench.json"
TEXT="$WORK/regbench.txt"
rm -f "$JSON" "$TEXT"
CMD=(bench/run.sh "$@")
if [ "$MODE" != distribution ]; then CMD=(bench/run.sh "--$MODE" "$@"); fi
STARTED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
rc=0
"$KIT/bench.sh" --registry "http://127.0.0.1:$PORT_A" --registry-b "http://127.0.0.1:$PORT_B" \
  --pid-a "$PID_A" --pid-b "$PID_B" --disk-dir "$TMP" --workdir "$WORK/regbench" \
  --json "$JSON" --text "$TEXT" ${CREDS[@]+"${CREDS[@]}"} "$@" || rc=$?
[ -f "$JSON" ] || die "regbench wrote no JSON (exit $rc)"
[ $rc = 0 ] || say "regbench reported errors (exit $rc); writing RESULTS.md anyway"
notes=(${notes_auth[@]+"${notes_auth[@]}"})
kill -0 "$PID_A" 2>/dev/null || notes+=(--note "Slipway (pid $PID_A) was no longer running at the end of the run; see bench/work/slipway.log")
kill -0 "$PID_B" 2>/dev/null || notes+=(--note "registry B (pid $PID_B) was no longer running at the end of the run")
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
[ -z "$(git -C "$ROOT" status --porcelain -- server oci cli pom.xml 2>/dev/null)" ] || COMMIT="$COMMIT (+ uncommitted changes)"

OUT="$BENCH/RESULTS.md"
if [ "$MODE" != distribution ]; then OUT="$BENCH/RESULTS-$MODE.md"; fi
python3 "$BENCH/results.py" --mode "$MODE" --json "$JSON" --text "$TEXT" --out "$OUT" \
  --command "${CMD[*]}" --started "$STARTED" --jdk "$("$JAVA" -version 2>&1 | head -1)" \
  --java-opts "${JAVA_OPTS:-(launcher defaults)}${MALLOC_ENV:+; env $MALLOC_ENV}" --commit "$COMMIT" ${notes[@]+"${notes[@]}"}
say "wrote $OUT"
exit $rc
