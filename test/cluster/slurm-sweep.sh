#!/usr/bin/env bash
# Shard and merge on a real Slurm cluster (issue 10): start a one-node cluster from Debian's
# packages (munge, slurmctld, slurmd), submit a small sweep as a job array (sbatch --array, each
# task running `callsim sweep --shard auto` from SLURM_ARRAY_TASK_ID), merge the parts, and check
# the merged document against the same sweep run on this machine without --shard, byte for byte.
#
#   bash test/cluster/slurm-sweep.sh        (as root on Debian; run from anywhere)
#
# Prints one last line: "PASS: ...", "FAIL: ..." (exit 1) or "SKIPPED: ..." (exit 0). It skips
# only when the packages cannot be installed (not root, no apt-get, apt-get failed) or a daemon
# will not start here, and says which. Everything it starts (munged, slurmctld, slurmd) runs from
# a temporary directory with its own key, socket, ports, state and logs, so a cluster already on
# the machine is neither used nor disturbed, and is stopped on exit by its own pid.
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/../.."
repo="$PWD"
started=$SECONDS

skip() {
  echo "SKIPPED: Slurm sweep check: $*"
  exit 0
}
fail() {
  echo "FAIL: Slurm sweep check: $*"
  exit 1
}

# --- packages ---------------------------------------------------------------------------------
missing=()
for cmd in munged slurmctld slurmd sbatch sinfo scontrol; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
done
if [ "${#missing[@]}" -gt 0 ]; then
  [ "$(id -u)" = 0 ] || skip "${missing[*]} missing and not root, so the packages cannot be installed"
  command -v apt-get >/dev/null 2>&1 || skip "${missing[*]} missing and no apt-get to install them"
  echo "installing munge slurmctld slurmd slurm-client with apt-get (missing: ${missing[*]})"
  if ! { apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      munge slurmctld slurmd slurm-client >/dev/null; }; then
    skip "apt-get could not install munge slurmctld slurmd slurm-client"
  fi
fi
# The daemons run as root (SlurmUser=root) and the job steps as the submitting user.
[ "$(id -u)" = 0 ] || skip "not root: slurmd must run as root to start job steps"

# Built every time, so a stale dist/ never answers for the sources (npm test does not emit it).
npm run build --silent || fail "npm run build failed"
echo "built in $((SECONDS - started)) s"

# --- a private one-node cluster ---------------------------------------------------------------
dir="$(mktemp -d /tmp/callsim-slurm.XXXXXX)"
chmod 700 "$dir"
alive() { # PID: running (a zombie awaiting its reaper counts as gone)
  [ -r "/proc/$1/stat" ] && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat" 2>/dev/null
}
cleanup() {
  local status=$? pid pids
  # Only the daemons this script started, by the pids they wrote into its directory.
  pids="$(cat "$dir"/*.pid 2>/dev/null || true)"
  [ -n "${SLURM_CONF:-}" ] && timeout 10 scontrol shutdown >/dev/null 2>&1 || true
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 20); do
    local left=0
    for pid in $pids; do alive "$pid" && left=1; done
    [ "$left" = 0 ] && break
    sleep 0.5
  done
  for pid in $pids; do alive "$pid" && kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log_tail() { # FILE: the last lines of a daemon's log, to say why it stopped
  [ -f "$1" ] && tail -n 15 "$1" | sed 's/^/    /' || true
}

# munge: a fresh key and a socket of our own, so another munged on the machine is left alone.
booted=$SECONDS
mkdir -p "$dir/munge"
dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
chmod 600 "$dir/munge/munge.key"
socket="$dir/munge/munge.socket"
if ! munged --force --socket="$socket" --key-file="$dir/munge/munge.key" \
  --log-file="$dir/munge/munged.log" --pid-file="$dir/munged.pid" \
  --seed-file="$dir/munge/munged.seed"; then
  log_tail "$dir/munge/munged.log"
  skip "munged would not start here (log above)"
fi
munge --socket="$socket" -n | unmunge --socket="$socket" >/dev/null ||
  skip "munged started but cannot encode and decode a credential here"

# Two free TCP ports, so a Slurm already listening on 6817/6818 does not clash.
read -r ctld_port slurmd_port < <(node -e '
  const net = require("net");
  const free = () => new Promise((ok) => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => ok(p)); }); });
  (async () => { const a = await free(); let b = await free(); while (b === a) b = await free(); console.log(a, b); })();')

host="$(hostname -s)"
# slurmd -C prints this machine's NodeName line (CPUs, sockets, cores, RealMemory); keep it as
# measured so the controller does not drain the node for a mismatch.
node_line="$(slurmd -C | grep '^NodeName=' | sed "s/^NodeName=[^ ]*/NodeName=$host/")" ||
  skip "slurmd -C cannot describe this machine"
mkdir -p "$dir/state" "$dir/spool" "$dir/log" "$dir/parts"
export SLURM_CONF="$dir/slurm.conf"
cat >"$SLURM_CONF" <<EOF
# A one-node cluster for test/cluster/slurm-sweep.sh: no cgroups, no accounting.
ClusterName=callsim-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
$node_line NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

slurmctld -c -f "$SLURM_CONF" || { log_tail "$dir/log/slurmctld.log"; skip "slurmctld would not start here (log above)"; }
slurmd -f "$SLURM_CONF" -N "$host" || { log_tail "$dir/log/slurmd.log"; skip "slurmd would not start here (log above)"; }

state=""
for _ in $(seq 1 120); do
  state="$(sinfo -h -N -n "$host" -o %t 2>/dev/null | head -n 1 || true)"
  [ "$state" = idle ] && break
  sleep 1
done
if [ "$state" != idle ]; then
  echo "  slurmctld log:"; log_tail "$dir/log/slurmctld.log"
  echo "  slurmd log:"; log_tail "$dir/log/slurmd.log"
  skip "the node did not become idle within 120 s (state '${state:-none}'; logs above)"
fi
echo "one-node cluster up in $((SECONDS - booted)) s (node $host idle)"

# --- the sweep: four work units (2 points x 2 replications), one per array task ---------------
sweep=(node "$repo/dist/cli/main.js" sweep "$repo/scenarios/small-callback-pool.yaml"
  --set settings.callbackPool.reuse=first,oldest --set horizon=2d --replications 2)
cat >"$dir/sweep.sbatch" <<EOF
#!/bin/bash
set -euo pipefail
$(printf '%q ' "${sweep[@]}") --shard auto --json "$dir/parts/part-\${SLURM_ARRAY_TASK_ID}.json"
EOF
submitted=$SECONDS
# A bound on the wait, so a task that never gets scheduled fails the check instead of hanging CI.
if ! timeout 300 sbatch --quiet --wait --array=0-3 --job-name=callsim-sweep --chdir="$repo" \
  --output="$dir/log/task-%a.out" "$dir/sweep.sbatch"; then
  for f in "$dir"/log/task-*.out; do echo "  $f:"; log_tail "$f"; done
  fail "the array job failed or did not finish within 300 s (task outputs above)"
fi
for f in "$dir"/log/task-*.out; do
  task="${f##*task-}"
  sed "s/^/  task ${task%.out}: /" "$f"
done
echo "array job done in $((SECONDS - submitted)) s"
parts=("$dir"/parts/part-*.json)
[ "${#parts[@]}" = 4 ] || fail "expected 4 parts from the array tasks, found ${#parts[@]}"

node "$repo/dist/cli/main.js" merge "${parts[@]}" -o "$dir/merged.json" ||
  fail "callsim merge refused the parts"
"${sweep[@]}" --json "$dir/whole.json" >/dev/null || fail "the single-machine sweep failed"
if cmp "$dir/merged.json" "$dir/whole.json"; then
  echo "PASS: Slurm sweep check: 4 array tasks merged into the single-machine sweep, byte for byte ($(wc -c <"$dir/whole.json") bytes; $((SECONDS - started)) s in all)"
else
  fail "the merged document differs from the single-machine sweep"
fi
