#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what is missing, starts a Docker engine when none
# answers, then runs `mvn verify` (unit, API, storage contract, real-client and crash tests).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# command → Debian package
declare -A need=(
  [/usr/bin/docker]=docker.io [/usr/sbin/dockerd]=docker.io [/usr/bin/skopeo]=skopeo [/usr/bin/buildah]=buildah
  [/usr/bin/umoci]=umoci [/usr/sbin/runc]=runc [/bin/busybox]=busybox-static [/usr/bin/docker-registry]=docker-registry
  [/usr/bin/jq]=jq [/usr/bin/curl]=curl [/usr/bin/python3]=python3 [/usr/bin/mvn]=maven
  [/usr/bin/git]=git [/usr/lib/git-core/git-http-backend]=git
)
missing=()
for cmd in "${!need[@]}"; do
  [[ -x $cmd ]] || missing+=("${need[$cmd]}")
done
if ((${#missing[@]})); then
  pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  echo "test.sh: installing $pkgs"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
fi

java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}' | cut -d. -f1; }
if [[ -z ${JAVA_HOME:-} || $(java_major "$JAVA_HOME/bin/java" 2>/dev/null || echo 0) -lt 21 ]]; then
  for j in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    if [[ -x $j/bin/java && $(java_major "$j/bin/java") -ge 21 ]]; then export JAVA_HOME=${j%/}; break; fi
  done
fi
[[ -n ${JAVA_HOME:-} && $(java_major "$JAVA_HOME/bin/java") -ge 21 ]] || { echo "test.sh: needs a JDK 21+ (set JAVA_HOME)" >&2; exit 1; }
echo "test.sh: JAVA_HOME=$JAVA_HOME"

# A Docker engine for the real-client tests (vfs storage and no bridge: works inside containers and CI).
if ! /usr/bin/docker info >/dev/null 2>&1; then
  echo "test.sh: starting dockerd"
  as_root sh -c 'nohup dockerd --storage-driver=vfs --iptables=false --bridge=none >/tmp/slipway-dockerd.log 2>&1 &'
  for _ in $(seq 1 60); do /usr/bin/docker info >/dev/null 2>&1 && break; sleep 1; done
  /usr/bin/docker info >/dev/null 2>&1 || { echo "test.sh: dockerd did not start:" >&2; tail -20 /tmp/slipway-dockerd.log >&2; exit 1; }
fi

exec mvn -B -ntp verify "$@"
