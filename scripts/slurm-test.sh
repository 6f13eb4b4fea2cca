#!/usr/bin/env bash
# A PLMKit batch through a real one-node Slurm on this machine (make slurm-test; not part of make test).
#
# Installs Debian's slurm-wlm and munge when missing, writes a one-node slurm.conf into a scratch
# folder, starts munged (unless one runs), slurmctld and slurmd, submits the job array that
# `plm batch --slurm` writes for the bundled SampleData nights plus one simulated three-day recording
# (10 Hz; its row has no lights, so its nights are found as `plm analyze` finds them), waits for it,
# collects, checks that the database equals a local `plm batch` run of the same manifest, and stops
# the daemons it started. The batch folders' names hold a space, so the job script's quoting is
# exercised by bash and by sbatch.
#
# Usage: PLM=/path/to/plm [NIGHTS=DIR] [ARRAY_SIZE=N] bash scripts/slurm-test.sh [WORK_DIR]
#        (defaults: NIGHTS=SampleData, pairs DIR/*/{left,right}.csv.gz; ARRAY_SIZE=3; WORK_DIR=out/slurm-test)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PLM="${PLM:-$ROOT/.build/release/plm}"
WORK="$(mkdir -p "${1:-$ROOT/out/slurm-test}" && cd "${1:-$ROOT/out/slurm-test}" && pwd)"
ARRAY_SIZE="${ARRAY_SIZE:-3}"
NIGHTS="${NIGHTS:-$ROOT/SampleData}"
[ -x "$PLM" ] || { echo "slurm-test: no plm executable at $PLM (run: swift build -c release --product plm)" >&2; exit 66; }
[ "$(id -u)" = 0 ] || { echo "slurm-test: run as root (it installs packages and starts slurmd)" >&2; exit 77; }

# 1. Packages.
need=()
command -v slurmctld >/dev/null 2>&1 || need+=(slurm-wlm)
command -v munged >/dev/null 2>&1 || need+=(munge)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
if [ ${#need[@]} -gt 0 ]; then
    echo "slurm-test: installing ${need[*]} ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# 2. A one-node cluster in the scratch folder.
CLUSTER="$WORK/cluster run"
LOCAL="$WORK/local run"
rm -rf "$WORK/slurm-state" "$CLUSTER" "$LOCAL"
mkdir -p "$WORK/slurm-state/spool" "$WORK/slurm-state/save"
HOST="$(hostname -s)"
FREE_MB="$(awk '/MemAvailable/ {print int($2/1024)}' /proc/meminfo)"
export SLURM_CONF="$WORK/slurm-state/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=plmtest
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
StateSaveLocation=$WORK/slurm-state/save
SlurmdSpoolDir=$WORK/slurm-state/spool
SlurmctldPidFile=$WORK/slurm-state/slurmctld.pid
SlurmdPidFile=$WORK/slurm-state/slurmd.pid
SlurmctldLogFile=$WORK/slurm-state/slurmctld.log
SlurmdLogFile=$WORK/slurm-state/slurmd.log
NodeName=$HOST CPUs=$(nproc) RealMemory=$((FREE_MB / 2)) State=UNKNOWN
PartitionName=plm Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF

# 3. Daemons; stop on exit only the ones started here.
started=()
stop_daemons() {
    local pids=()
    for pidfile in "${started[@]}"; do
        if [ -s "$pidfile" ]; then pids+=("$(cat "$pidfile")"); kill "${pids[-1]}" 2>/dev/null || true; fi
    done
    # slurmctld takes a few seconds to save its state and exit: wait for each, at most 20 s.
    for pid in "${pids[@]}"; do
        for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    done
    echo "slurm-test: stopped the daemons it started (${#pids[@]})"
}
trap stop_daemons EXIT
MUNGE_PID=/run/munge/munged.pid
if ! { [ -s "$MUNGE_PID" ] && kill -0 "$(cat "$MUNGE_PID")" 2>/dev/null; }; then
    mkdir -p /run/munge && chown munge:munge /run/munge && chmod 0755 /run/munge
    runuser -u munge -- /usr/sbin/munged
    started+=("$MUNGE_PID")
fi
slurmctld -f "$SLURM_CONF"
started+=("$WORK/slurm-state/slurmctld.pid")
slurmd -f "$SLURM_CONF"
started+=("$WORK/slurm-state/slurmd.pid")
for _ in $(seq 60); do
    state="$(sinfo -h -o %T 2>/dev/null || true)"
    [ "$state" = idle ] && break
    sleep 1
done
[ "$state" = idle ] || { echo "slurm-test: the node did not come up (sinfo: '$state'); see $WORK/slurm-state/*.log" >&2; exit 69; }
echo "slurm-test: one-node Slurm up ($HOST, $(nproc) CPUs)"

# 4. The job array over the nights. Folders named *-mg hold milli-g files (SampleData/README.md):
#    the manifest says so in its units column, and the array tasks read the edited manifest. A
#    three-day recording (no lights: its nights are found) is appended when THREE_DAYS is not 0.
"$PLM" batch "$NIGHTS" --pattern '*/{leg}.csv.gz' --out "$CLUSTER" --slurm --array-size "$ARRAY_SIZE"
awk -F, 'BEGIN { OFS = "," } NR > 1 && $1 ~ /-mg$/ { $9 = "mg" } { print }' "$CLUSTER/manifest.csv" > "$WORK/manifest.tmp"
if [ "${THREE_DAYS:-1}" != 0 ]; then
    [ -s "$WORK/three-days/left.csv.gz" ] || "$PLM" simulate --three-days --rate 10 --seed 3 --gzip --out "$WORK/three-days" >/dev/null
    echo "three-days,$WORK/three-days/left.csv.gz,$WORK/three-days/right.csv.gz,,,,,," >> "$WORK/manifest.tmp"
fi
mv "$WORK/manifest.tmp" "$CLUSTER/manifest.csv"
RECORDINGS="$(($(wc -l < "$CLUSTER/manifest.csv") - 1))"
t0="$(date +%s.%N)"
JOB="$(sbatch --parsable "$CLUSTER/slurm/batch.sbatch")"
echo "slurm-test: submitted array job $JOB ($ARRAY_SIZE tasks, $RECORDINGS recordings)"
for _ in $(seq 1200); do
    [ -z "$(squeue -h -j "$JOB" 2>/dev/null)" ] && break
    # Collecting while tasks still run is allowed: do it once midway.
    "$PLM" batch collect "$CLUSTER" >/dev/null 2>&1 || true
    sleep 0.5
done
t1="$(date +%s.%N)"
[ -z "$(squeue -h -j "$JOB" 2>/dev/null)" ] || { echo "slurm-test: job $JOB still queued after 10 min" >&2; exit 75; }
"$PLM" batch collect "$CLUSTER"
"$PLM" batch collect "$CLUSTER" | grep -q ", 0 stored now;" || { echo "slurm-test: a second collect stored again" >&2; exit 1; }
[ ! -e "$CLUSTER/plm.sqlite-journal" ] || { echo "slurm-test: a journal was left behind" >&2; exit 1; }
ls "$CLUSTER/slurm/"task-*.log >/dev/null 2>&1 || { echo "slurm-test: no task log in $CLUSTER/slurm" >&2; exit 1; }

# 5. The same manifest locally, and the comparison.
t2="$(date +%s.%N)"
"$PLM" batch "$CLUSTER/manifest.csv" --out "$LOCAL" --quiet
t3="$(date +%s.%N)"
for side in cluster local; do
    "$PLM" batch export "$WORK/$side run" --csv "$WORK/$side-nights.csv" >/dev/null
    sqlite3 -csv "$WORK/$side run/plm.sqlite" \
        "SELECT id, status, leftPath, leftBytes, leftXXH64, rightPath, rightBytes, rightXXH64, settingsHash, errorMessage, exitClass, toolVersion, nightCount FROM recordings ORDER BY id" \
        > "$WORK/$side-recordings.csv"
done
cmp "$WORK/cluster-nights.csv" "$WORK/local-nights.csv"
cmp "$WORK/cluster-recordings.csv" "$WORK/local-recordings.csv"
ROWS="$(sqlite3 "$CLUSTER/plm.sqlite" "SELECT COUNT(*) FROM recordings WHERE status = 'done'")"
[ "$ROWS" = "$RECORDINGS" ] || { echo "slurm-test: $ROWS of $RECORDINGS recordings done" >&2; exit 1; }
NIGHT_ROWS="$(($(wc -l < "$WORK/cluster-nights.csv") - 1))"
echo "slurm-test: nights table: $NIGHT_ROWS rows ($(sqlite3 "$CLUSTER/plm.sqlite" "SELECT group_concat(recordingId || ' ' || nightDate || ' ' || windowSource, '; ') FROM nights"))"
awk -v n="$RECORDINGS" -v s="$t0" -v e="$t1" -v ls="$t2" -v le="$t3" 'BEGIN {
    printf "slurm-test: Slurm array: %d recordings in %.1f s (%.1f recordings/min, submit to last task done)\n", n, e - s, n * 60 / (e - s)
    printf "slurm-test: local plm batch: %d recordings in %.1f s (%.1f recordings/min)\n", n, le - ls, n * 60 / (le - ls)
}'
echo "slurm-test: PASS: the collected database equals the local run ($RECORDINGS recordings, $NIGHT_ROWS nights; nights and recordings tables identical)"
