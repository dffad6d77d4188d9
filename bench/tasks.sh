#!/usr/bin/env bash
# bench/tasks.sh - what the task engine adds on top of docker itself (issue 4's targets).
#
# usage: bench/tasks.sh [--reps N] [--queue N]
#
#   1. build+push overhead: the same small Dockerfile context (a fresh file each repetition, so every
#      build really runs) built and pushed by `slipway build` vs by `docker build && docker push`
#      directly; median of N (default 5). Target: slipway <= 1.2 x direct + 1 s.
#   2. queue latency: from the run's createTime (the API accepted `slipway run`) to its first step's
#      container start (docker events); p50 of N runs. Target: <= 500 ms.
#   3. many runs: N (default 50) trivial runs queued at once; every one must end Succeeded (none lost,
#      none stuck); reports the time until the last one ended.
#
# Starts its own Slipway (built if stale, auth on, fresh temp data dir) on a free loopback port, logs in
# as admin with a private CLI and docker config, builds a busybox base image locally (no Docker Hub) and
# pushes it there. Writes bench/RESULTS-tasks.md. Needs docker (dockerd running), curl, jq, busybox-static.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
REPS=5
QUEUE=50
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) REPS="$2"; shift 2 ;;
    --queue) QUEUE="$2"; shift 2 ;;
    *) echo "usage: bench/tasks.sh [--reps N] [--queue N]" >&2; exit 2 ;;
  esac
done

say() { printf '%s tasks.sh: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
DOCKER=/usr/bin/docker
$DOCKER info >/dev/null 2>&1 || die "no docker engine answers (start dockerd, or run ./test.sh once)"
for t in curl jq python3; do command -v $t >/dev/null || die "$t is missing"; done
[ -x /bin/busybox ] || die "/bin/busybox is missing (apt-get install -y busybox-static)"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/slipway-tasks-bench.XXXXXX")"
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [ -n "${EVENTS_PID:-}" ] && kill "$EVENTS_PID" 2>/dev/null || true
  $DOCKER images --format '{{.Repository}}:{{.Tag}}' | grep -F "$REG/" | xargs -r $DOCKER rmi -f >/dev/null 2>&1 || true
  [ "${KEEP_DATA:-}" = 1 ] || rm -rf "$TMP"
}
REG=unset
trap cleanup EXIT

export SLIPWAY_CONFIG_DIR="$TMP/cli" DOCKER_CONFIG="$TMP/docker" DOCKER_BUILDKIT=0
mkdir -p "$DOCKER_CONFIG"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
REG="127.0.0.1:$PORT"
say "starting slipway on $REG (data in $TMP/data)"
"$ROOT/slipway" serve --data-dir "$TMP/data" --host 127.0.0.1 --port "$PORT" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 240); do
  curl -s -o /dev/null "http://$REG/v2/" && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.log" >&2; die "the server stopped"; }
  sleep 0.5
done
PASS=$(jq -r .password "$TMP/data/admin-credentials.json")
slipway() { "$ROOT/slipway" "$@"; }
echo "$PASS" | slipway login "$REG" -u admin --password-stdin >/dev/null

say "building the base image"
mkdir -p "$TMP/base" && cp /bin/busybox "$TMP/base/busybox"
printf 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n' >"$TMP/base/Dockerfile"
$DOCKER build -q --network none -t "$REG/bench/base:1" "$TMP/base" >/dev/null
$DOCKER push -q "$REG/bench/base:1" >/dev/null

now() { date +%s.%N; }
calc() { awk "BEGIN { print ($1) }"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# ------------------------------------------------------------ 1. build + push overhead
CTX="$TMP/ctx"
mkdir -p "$CTX"
printf 'FROM %s\nCOPY stamp.txt /stamp.txt\nRUN cat /stamp.txt > /copy.txt\n' "$REG/bench/base:1" >"$CTX/Dockerfile"
: >"$TMP/direct.txt"; : >"$TMP/slipway.txt"
for i in $(seq 1 "$REPS"); do
  echo "direct $i $(now)" >"$CTX/stamp.txt"
  t0=$(now)
  $DOCKER build -q --network none -t "$REG/bench/direct:$i" "$CTX" >/dev/null
  $DOCKER push -q "$REG/bench/direct:$i" >/dev/null
  t1=$(now); calc "$t1 - $t0" >>"$TMP/direct.txt"

  echo "slipway $i $(now)" >"$CTX/stamp.txt"
  t0=$(now)
  (cd "$CTX" && slipway build -r "$REG" -t "bench/slipway:$i" . >"$TMP/build-$i.log" 2>&1) \
    || { cat "$TMP/build-$i.log" >&2; die "slipway build failed"; }
  t1=$(now); calc "$t1 - $t0" >>"$TMP/slipway.txt"
  say "rep $i: direct $(tail -1 "$TMP/direct.txt" | cut -c1-5) s, slipway $(tail -1 "$TMP/slipway.txt" | cut -c1-5) s"
done
DIRECT=$(median <"$TMP/direct.txt")
SLIP=$(median <"$TMP/slipway.txt")
LIMIT=$(calc "1.2 * $DIRECT + 1")
BUILD_OK=$(calc "$SLIP <= $LIMIT")

# ------------------------------------------------------------ 2. queue latency
: >"$TMP/latency.txt"
$DOCKER events --since "$(date +%s)" --filter event=start --format '{{.Actor.Attributes.name}} {{.TimeNano}}' >"$TMP/events.txt" &
EVENTS_PID=$!
sleep 1
for i in $(seq 1 "$REPS"); do
  out=$(slipway run -r "$REG" --no-wait --cmd "$REG/bench/base:1 true" /dev/null 2>&1) || { echo "$out" >&2; die "slipway run failed"; }
  id=$(echo "$out" | sed -n 's/.*Queued a run with ID: \([a-z0-9]*\).*/\1/p' | head -1)
  [ -n "$id" ] || die "no run id in: $out"
  for _ in $(seq 1 120); do
    st=$(slipway task show-run -r "$REG" --run-id "$id" --query status -o tsv)
    case "$st" in Succeeded|Failed|Error|Timeout|Canceled) break ;; esac
    sleep 0.5
  done
  [ "$st" = Succeeded ] || die "run $id ended $st"
  created=$(slipway task show-run -r "$REG" --run-id "$id" --query createTime -o tsv)
  created_ns=$(python3 -c "import sys,datetime; print(int(datetime.datetime.fromisoformat(sys.argv[1].replace('Z','+00:00')).timestamp()*1e9))" "$created")
  started_ns=$(grep -m1 "^$id-" "$TMP/events.txt" | awk '{print $2}')
  [ -n "$started_ns" ] || die "no container start event for run $id"
  calc "($started_ns - $created_ns) / 1000000" >>"$TMP/latency.txt"
done
kill "$EVENTS_PID" 2>/dev/null || true
LAT=$(median <"$TMP/latency.txt")
LAT_OK=$(calc "$LAT <= 500")

# ------------------------------------------------------------ 3. many queued runs
say "queueing $QUEUE runs"
ids=()
t0=$(now)
for i in $(seq 1 "$QUEUE"); do
  out=$(slipway run -r "$REG" --no-wait --cmd "$REG/bench/base:1 echo run-$i" /dev/null 2>&1) || { echo "$out" >&2; die "queueing run $i failed"; }
  ids+=("$(echo "$out" | sed -n 's/.*Queued a run with ID: \([a-z0-9]*\).*/\1/p' | head -1)")
done
deadline=$(( $(date +%s) + 900 ))
while :; do
  list=$(slipway task list-runs -r "$REG" --top 1000 -o json)
  pending=$(echo "$list" | jq --argjson ids "$(printf '%s\n' "${ids[@]}" | jq -R . | jq -s .)" \
    '[.[] | select(.runId as $r | $ids | index($r)) | select(.status == "Queued" or .status == "Running")] | length')
  [ "$pending" = 0 ] && break
  [ "$(date +%s)" -lt "$deadline" ] || die "$pending runs still queued or running after 15 minutes"
  sleep 1
done
t1=$(now)
QUEUE_TIME=$(calc "$t1 - $t0")
found=$(echo "$list" | jq --argjson ids "$(printf '%s\n' "${ids[@]}" | jq -R . | jq -s .)" '[.[] | select(.runId as $r | $ids | index($r))] | length')
succeeded=$(echo "$list" | jq --argjson ids "$(printf '%s\n' "${ids[@]}" | jq -R . | jq -s .)" '[.[] | select(.runId as $r | $ids | index($r)) | select(.status == "Succeeded")] | length')
QUEUE_OK=$([ "$found" = "$QUEUE" ] && [ "$succeeded" = "$QUEUE" ] && echo 1 || echo 0)

yes_no() { [ "$1" = 1 ] && echo yes || echo "**no**"; }
OUT="$BENCH/RESULTS-tasks.md"
{
  echo "# Slipway tasks: what the engine adds on top of docker"
  echo
  echo "- **Date**: $(date -u +%Y-%m-%dT%H:%M:%SZ); commit $(git -C "$ROOT" rev-parse --short HEAD); command \`bench/tasks.sh --reps $REPS --queue $QUEUE\`"
  echo "- Machine: $(nproc) CPUs, load average at end $(cut -d' ' -f1-3 /proc/loadavg); docker $($DOCKER version -f '{{.Server.Version}}')"
  echo
  echo "| figure | value | target | met? |"
  echo "|---|---|---|---|"
  printf '| build + push, small context: docker build && docker push (median of %s) | %.2f s | - | - |\n' "$REPS" "$DIRECT"
  printf '| build + push, small context: slipway build (median of %s) | %.2f s | <= 1.2 x direct + 1 s = %.2f s | %s |\n' "$REPS" "$SLIP" "$LIMIT" "$(yes_no "$BUILD_OK")"
  printf '| run accepted -> first step container started (p50 of %s) | %.0f ms | <= 500 ms | %s |\n' "$REPS" "$LAT" "$(yes_no "$LAT_OK")"
  printf '| %s trivial runs queued at once: ended Succeeded | %s of %s (all done after %.1f s) | all, none stuck | %s |\n' "$QUEUE" "$succeeded" "$QUEUE" "$QUEUE_TIME" "$(yes_no "$QUEUE_OK")"
  echo
  echo "Raw seconds: direct [$(paste -sd' ' "$TMP/direct.txt")], slipway [$(paste -sd' ' "$TMP/slipway.txt")]; latency ms [$(paste -sd' ' "$TMP/latency.txt")]."
} >"$OUT"
cat "$OUT"
