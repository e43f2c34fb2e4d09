#!/usr/bin/env bash
# Stops the cluster started by slurm-start.sh: cancels jobs first (running
# steps outlive the daemons otherwise), then the daemons by pid file.
set -uo pipefail

dir=${SWEEPFORGE_SLURM_DIR:-/tmp/sweepforge-slurm}
export SLURM_CONF=$dir/slurm.conf

if [ -f "$dir/run/slurmctld.pid" ]; then
  squeue -h -t R,CG,PD -o %i 2>/dev/null | xargs -r scancel 2>/dev/null
  for _ in $(seq 1 100); do
    [ -z "$(squeue -h -t R,CG -o %i 2>/dev/null)" ] && break
    sleep 0.2
  done
fi

for pidfile in "$dir/run/slurmd-localhost.pid" "$dir/run/slurmctld.pid" /run/munge/munged.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null || continue
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
done
