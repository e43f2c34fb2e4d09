#!/usr/bin/env bash
# Starts a private single-host SLURM cluster on loopback for the integration
# tests: munged, slurmctld and slurmd with every file under one folder in /tmp.
# Installs nothing (.ci/run installs slurmctld slurmd slurm-client munge
# slurm-wlm-torque). Prints the SLURM_CONF to export; idempotent.
#
#   bash .ci/slurm-start.sh            # folder: $SWEEPFORGE_SLURM_DIR or /tmp/sweepforge-slurm
#   export SLURM_CONF=/tmp/sweepforge-slurm/slurm.conf
set -euo pipefail

dir=${SWEEPFORGE_SLURM_DIR:-/tmp/sweepforge-slurm}
conf=$dir/slurm.conf
export SLURM_CONF=$conf

for tool in munged slurmctld slurmd sinfo; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
    echo "slurm-start: $tool is not installed (apt-get install slurmctld slurmd slurm-client munge)" >&2
    exit 1
  fi
done

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# A second slurmctld would kill the first: reuse a cluster that is up.
if running "$dir/run/slurmctld.pid" && running "$dir/run/slurmd-localhost.pid"; then
  echo "$conf"
  exit 0
fi

rm -rf "$dir/state" "$dir/spool" "$dir/log" "$dir/run"
mkdir -p "$dir/state" "$dir/spool/localhost" "$dir/log" "$dir/run"

cat >"$dir/plugstack.conf" <<PLUG
required /usr/lib/x86_64-linux-gnu/slurm-wlm/spank_pbs.so
PLUG

# MaxArraySize is deliberately low (highest index 49) so tests split arrays.
cat >"$conf" <<CONF
ClusterName=ci
SlurmctldHost=localhost(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=cred_expire=10
MpiDefault=none
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
DefMemPerCPU=100
SchedulerParameters=batch_sched_delay=0,sched_interval=2
MaxArraySize=50
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd-%n.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd-%n.log
SlurmctldDebug=info
SlurmdDebug=info
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/log/jobcomp.txt
MinJobAge=3600
EnforcePartLimits=ALL
ReturnToService=2
PlugStackConfig=$dir/plugstack.conf
JobSubmitPlugins=pbs
SlurmdParameters=config_overrides
NodeName=localhost NodeAddr=127.0.0.1 CPUs=8 RealMemory=8000 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF

if ! running /run/munge/munged.pid; then
  install -d -o munge -g munge -m 0755 /run/munge
  runuser -u munge -- /usr/sbin/munged --force
fi
/usr/sbin/slurmctld -f "$conf"
/usr/sbin/slurmd -f "$conf" -N localhost

# Ready when the node has registered (state idle); up to 30 s.
for _ in $(seq 1 150); do
  state=$(sinfo -h -n localhost -o %t 2>/dev/null || true)
  case $state in idle|mix|alloc) echo "$conf"; exit 0 ;; esac
  sleep 0.2
done
echo "slurm-start: node did not become idle; see $dir/log" >&2
exit 1
