#!/bin/sh
# sweepforge trial wrapper: the one way a trial is executed, on every backend.
#
# It needs POSIX sh and the usual tools only (awk, date, find, mkdir, mv;
# sha256sum or shasum for output hashes; setsid for process-group isolation).
#
# STANDALONE (cluster array tasks, `sh` backend, by hand):
#
#   sh sweepforge-trial.sh TRIAL_DIR -- ARGV...
#
#   TRIAL_DIR   run-dir/trials/<trial-id>/ holding params.json: the trial spec,
#               ONE line of JSON as written by sweepforge (writeTrialSpec). When
#               it is missing and SWEEPFORGE_TRIAL_SPEC holds that line, the
#               wrapper writes it first.
#   ARGV        the trial's command, executed directly (never through a shell).
#
#   Environment read by the wrapper (all optional):
#     SWEEPFORGE_WALLTIME    seconds before the trial's process group is killed
#                            (TERM, then KILL after SWEEPFORGE_KILL_GRACE,
#                            default 10); 0 or unset = no limit
#     SWEEPFORGE_ATTEMPT     attempt number, default 1
#     SWEEPFORGE_BACKEND     local | slurm | pbs | k8s | sh (default sh)
#     SWEEPFORGE_JOB_ID, SWEEPFORGE_ARRAY_INDEX   scheduler identity to record
#   Environment passed through to the trial unchanged: SWEEPFORGE_TRIAL_ID,
#   SWEEPFORGE_TRIAL_INDEX, SWEEPFORGE_SEED, SWEEPFORGE_PARAMS,
#   SWEEPFORGE_PARAM_<NAME>, CUDA_VISIBLE_DEVICES, ... The wrapper sets
#   SWEEPFORGE_OUTPUT_DIR=TRIAL_DIR/output.
#
#   Effects: TRIAL_DIR/stdout.log, stderr.log, output/ and, atomically (temp
#   file + rename), record.json: a complete TrialRecord. Exit status: the
#   trial's exit code, 128+N when it died of signal N. TERM/INT/HUP to the
#   wrapper terminate the trial's process group and record it "interrupted".
#
#   Measured: start/end (date), CPU seconds of the waited-for process tree
#   (the shell builtin `times`), output files with size and sha256, and the
#   peak memory of the trial's processes, sampled from /proc (null where
#   /proc is absent; see sf_memory_start and docs/run.md).
#
# WORKER (the local runner): `sh -s sweepforge-worker RUN_DIR`, started as
#   its own process-group leader, is fed `. '<this file>'; sf_worker_init`
#   then one `sf_work TRIAL_DIR NAME=VALUE... -- ARGV...` command per trial on
#   stdin, every value single-quoted by the runner. It answers on stdout
#   "S <pid>" once the trial started and "E <status> <stopped 0|1>" when it
#   ended, each followed by the two lines of `times` (so the runner reads the
#   trial's CPU time from the pipe, not from files), leaving
#   TRIAL_DIR/.started and .result (exit status and `times` before/after)
#   from which the runner, or a later `--resume` if the runner died, writes
#   record.json. The runner samples the trial's memory itself, from /proc,
#   into TRIAL_DIR/.memory (no sampler fork per trial on this hot path).
#   The trial runs in the worker's process group: the runner kills a
#   trial's tree with TERM to that group, which the worker survives;
#   USR1 or HUP make the worker stop its trial, record it and exit. When the
#   runner has died (an answer cannot be written), the worker lets its trial
#   end, leaves .result and exits without starting the trials queued behind.

# Starts ARGV in its own process group with logs redirected; sets sf_pid.
# Usage: sf_spawn TRIAL_DIR [NAME=VALUE...] -- ARGV...
sf_spawn() {
  sf_dir=$1
  shift
  (
    trap - INT TERM HUP USR1 PIPE
    while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
      # shellcheck disable=SC2163 # "$1" is a NAME=VALUE assignment
      export "$1"
      shift
    done
    shift
    SWEEPFORGE_OUTPUT_DIR=$sf_dir/output
    export SWEEPFORGE_OUTPUT_DIR
    exec </dev/null >"$sf_dir/stdout.log" 2>"$sf_dir/stderr.log"
    if [ -n "$sf_setsid" ]; then exec "$sf_setsid" "$@"; fi
    exec "$@"
  ) &
  sf_pid=$!
}

# Sends a signal to the trial's whole process group (or the leader alone
# when setsid is unavailable).
sf_signal_group() {
  if [ -n "$sf_group" ]; then
    kill "-$1" "-$sf_group" 2>/dev/null
  elif [ -n "$sf_setsid" ]; then
    kill "-$1" "-$sf_pid" 2>/dev/null || kill "-$1" "$sf_pid" 2>/dev/null
  else
    kill "-$1" "$sf_pid" 2>/dev/null
  fi
}

# Waits for the trial, surviving traps that interrupt `wait` (a reaped
# trial fails `kill -0`; a live one was only interrupted); sets sf_status.
sf_wait() {
  wait "$sf_pid"
  sf_status=$?
  while kill -0 "$sf_pid" 2>/dev/null; do
    wait "$sf_pid"
    sf_status=$?
  done
}

sf_on_stop() {
  sf_stop=1
  if [ -n "$sf_pid" ]; then sf_signal_group TERM; fi
}

sf_init() {
  sf_stop=0
  sf_pid=
  sf_setsid=
  sf_group=
  if command -v setsid >/dev/null 2>&1; then sf_setsid=$(command -v setsid); fi
}

# Runner worker: runs one trial, answering "S <pid>" and "E <status>". The
# runner may send the next command ahead; sh reads it when this one returns.
sf_work() {
  sf_wdir=$1
  # Stopped (USR1/HUP) between trials: the runner may have queued this one
  # ahead; it must not start once a stop was asked for.
  if [ "$sf_stop" = 1 ]; then exit 0; fi
  { times; } >"$sf_wdir/.started"
  sf_spawn "$@"
  # A stop that landed between the check above and the fork found no trial
  # to signal: signal it now (TERM is not ignored by the trial from birth).
  if [ "$sf_stop" = 1 ]; then sf_signal_group TERM; fi
  # `times` again: no child was reaped since .started, so it reads the same.
  sf_answer 'S %s\n' "$sf_pid"
  sf_wait
  # Builtins only (no mv): this runs once per trial on the runner's hot path.
  # A torn .result (worker killed mid-write) fails to parse and counts as absent.
  { printf '%s %s\n' "$sf_status" "$sf_stop"; times; } >"$sf_wdir/.result"
  sf_pid=
  sf_answer 'E %s %s\n' "$sf_status" "$sf_stop"
  # A runner that is gone cannot record what the queued trials would do: a
  # resumed run reads .result and starts them itself.
  if [ "$sf_stop" = 1 ] || [ "$sf_orphaned" = 1 ]; then exit 0; fi
}

# Writes one answer line and the two lines of `times` to the runner. A failed
# write means the runner died (SIGPIPE is ignored, see sf_worker_init): the
# worker then sees its trial through to .result and starts nothing more.
sf_answer() {
  sf_format=$1
  shift
  # shellcheck disable=SC2059 # the format is one of sf_work's own literals
  if ! { printf "$sf_format" "$@" && times; } 2>/dev/null; then sf_orphaned=1; fi
}

# A worker is started as its own process-group leader (the runner spawns it
# detached), so its trials share its group without the cost of an exec of
# setsid per trial: TERM to the group ends a trial's whole tree, while the
# worker survives TERM and stops on USR1 (sent by a resumed run) or HUP.
# TERM is caught by a no-op, not ignored: an ignored signal would be
# inherited by a freshly forked trial until it resets it, losing a TERM.
sf_worker_init() {
  sf_init
  sf_setsid=
  sf_group=$$
  sf_orphaned=0
  trap '' INT
  # A killed runner must not kill the worker with SIGPIPE between forking a
  # trial and recording it: the trial would outlive it with no .result.
  trap '' PIPE
  trap ':' TERM
  trap 'sf_on_stop' USR1 HUP
}

# Prints an ISO-8601 UTC time and nanoseconds since the epoch.
sf_now() {
  sf_t=$(date -u '+%Y-%m-%dT%H:%M:%S.%3NZ %s%N')
  case $sf_t in
    *N*) sf_t="$(date -u '+%Y-%m-%dT%H:%M:%SZ') $(date -u '+%s')000000000" ;;
  esac
  printf '%s\n' "$sf_t"
}

# Lists output files as "size sha256 relative-path" lines.
sf_list_outputs() {
  sf_hash=sha256sum
  if ! command -v sha256sum >/dev/null 2>&1; then sf_hash="shasum -a 256"; fi
  (
    cd "$1/output" 2>/dev/null || exit 0
    find . -type f ! -name metrics.json ! -name progress.jsonl ! -name '.*.tmp' |
      LC_ALL=C sort | while IFS= read -r sf_f; do
        sf_size=$(wc -c <"$sf_f" | tr -d ' ')
        sf_sum=$($sf_hash "$sf_f" | cut -c1-64)
        printf '%s %s %s\n' "$sf_size" "$sf_sum" "${sf_f#./}"
      done
  )
}

# Builds the record JSON from the facts file, outputs, metrics and progress.
sf_compose() {
  awk -v specfile="$1/params.json" -v facts="$2" -v outs="$3" -v memory="$1/.memory" \
    -v metrics="$1/output/metrics.json" -v progress="$1/output/progress.jsonl" '
    function esc(s) {
      gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, "\\t", s)
      gsub(/\r/, "\\r", s); gsub(/[\001-\037]/, "", s)
      return "\"" s "\""
    }
    function trim(s) { sub(/^[ \t\r\n]+/, "", s); sub(/[ \t\r\n]+$/, "", s); return s }
    BEGIN {
      getline spec < specfile
      sub(/[ \t\r]*}[ \t\r]*$/, "", spec)
      while ((getline line < facts) > 0) {
        k = substr(line, 1, index(line, "=") - 1); f[k] = substr(line, index(line, "=") + 1)
      }
      out = ""; n = 0
      while ((getline line < outs) > 0) {
        split(line, p, " "); path = substr(line, length(p[1]) + length(p[2]) + 3)
        out = out (n++ ? "," : "") "{\"path\":" esc(path) ",\"size\":" p[1] ",\"sha256\":\"" p[2] "\"}"
      }
      m = ""
      while ((getline line < metrics) > 0) m = m line "\n"
      m = trim(m); if (m !~ /^\{.*\}$/) m = "{}"
      pr = ""; n = 0
      while ((getline line < progress) > 0) {
        line = trim(line); if (line ~ /^\{.*\}$/) pr = pr (n++ ? "," : "") line
      }
      peak = "null"
      while ((getline line < memory) > 0) if (line ~ /^[0-9]+$/ && (peak == "null" || line + 0 > peak + 0)) peak = line
      job = ""
      if (f["jobId"] != "") {
        job = ",\"job\":{\"id\":" esc(f["jobId"])
        if (f["arrayIndex"] ~ /^[0-9]+$/) job = job ",\"arrayIndex\":" f["arrayIndex"]
        job = job "}"
      }
      gpus = ""; n = split(f["gpus"], g, ","); for (i = 1; i <= n; i++) if (g[i] != "") gpus = gpus (gpus != "" ? "," : "") esc(g[i])
      printf "%s,\"attempt\":%d,\"status\":\"%s\",\"exitCode\":%s,\"signal\":%s", spec, f["attempt"], f["status"], f["exitCode"], f["signal"] == "" ? "null" : esc(f["signal"])
      printf ",\"host\":%s,\"backend\":%s%s", esc(f["host"]), esc(f["backend"]), job
      printf ",\"startedAt\":\"%s\",\"endedAt\":\"%s\",\"durationSeconds\":%s", f["startedAt"], f["endedAt"], f["duration"]
      printf ",\"peakMemoryKiB\":%s,\"cpuSeconds\":%s", peak, f["cpu"]
      printf ",\"outputs\":[%s],\"metrics\":%s,\"progress\":[%s]", out, m, pr
      printf ",\"logs\":{\"stdout\":\"stdout.log\",\"stderr\":\"stderr.log\"},\"gpuDevices\":[%s]}\n", gpus
    }'
}

# Peak memory of a trial, sampled: a background loop that, while the trial
# lives, sums the peak resident set (VmHWM) of the trial's live processes and
# appends each new maximum, in KiB, to OUT_FILE. It sleeps 0.05 s before the
# first sample and doubles the gap up to 2 s, so a trivial trial costs one
# fork; spikes of a process that starts and ends between samples are missed.
# The trial's processes: its descendants, plus (GROUP non-empty) members of
# process group GROUP other than LEADER and the sampler's own processes.
# Usage: sf_memory_start ROOT_PID GROUP LEADER OUT_FILE; sets sf_sampler.
sf_memory_start() {
  sf_sampler=
  : >"$4"
  if [ ! -r /proc/self/stat ]; then return 0; fi
  (
    sf_gap=0.05
    sf_peak=0
    while kill -0 "$1" 2>/dev/null; do
      sleep "$sf_gap"
      sf_kib=$(sf_memory_sample "$1" "$2" "$3") || exit 0
      if [ "${sf_kib:-0}" -gt "$sf_peak" ]; then
        sf_peak=$sf_kib
        printf '%s\n' "$sf_peak" >>"$4"
      fi
      case $sf_gap in
        0.05) sf_gap=0.1 ;; 0.1) sf_gap=0.2 ;; 0.2) sf_gap=0.4 ;;
        0.4) sf_gap=0.8 ;; 0.8) sf_gap=1.6 ;; *) sf_gap=2 ;;
      esac
    done
  ) </dev/null >/dev/null 2>&1 &
  sf_sampler=$!
}

# Ends the sampler without waiting for its sleep (KILL: it may ignore TERM).
sf_memory_stop() {
  if [ -n "$sf_sampler" ]; then kill -KILL "$sf_sampler" 2>/dev/null; fi
}

# Reaps the killed sampler, after the trial's `times` were taken, so its own
# CPU time never counts towards a trial.
sf_memory_reap() {
  if [ -n "$sf_sampler" ]; then wait "$sf_sampler" 2>/dev/null; fi
  sf_sampler=
}

# One sample: prints the summed VmHWM in KiB of the trial's live processes.
sf_memory_sample() {
  awk -v root="$1" -v group="$2" -v leader="$3" '
    function stat(file,  line, rest, f) {
      if ((getline line < file) <= 0) { close(file); return 0 }
      close(file)
      rest = line
      sub(/.*\) /, "", rest)
      split(rest, f, " ")
      state = f[1]; ppid = f[2]; pgrp = f[3]
      return substr(line, 1, index(line, " ") - 1)
    }
    BEGIN {
      self = stat("/proc/self/stat")
      for (i = 1; i < ARGC; i++) {
        pid = stat(ARGV[i])
        if (pid == 0 || state == "Z") continue
        parent[pid] = ppid
        if (group != "" && pgrp == group && pid != leader) member[pid] = 1
      }
      # The sampler itself (this awk and the shells above it) is no trial process.
      for (p = self; p != leader && p != root && (p in parent); p = parent[p]) delete member[p]
      for (pid in parent) {
        p = pid
        while (p != root && !(p in member) && (p in parent)) p = parent[p]
        if (p == root || (p in member)) chosen[pid] = 1
      }
      total = 0
      for (pid in chosen) {
        file = "/proc/" pid "/status"
        while ((getline line < file) > 0) if (line ~ /^VmHWM:/) { split(line, f, " "); total += f[2] }
        close(file)
      }
      print total
      exit
    }' /proc/[0-9]*/stat
}

# CPU seconds of waited-for children between two `times` outputs.
sf_cpu_seconds() {
  awk 'function sec(t,  m) { m = t; sub(/m.*/, "", m); sub(/^[0-9]+m/, "", t); sub(/s$/, "", t); return m * 60 + t }
    FNR == 2 { c[NR > 2] = sec($1) + sec($2) }
    END { d = c[1] - c[0]; if (d < 0) d = 0; printf "%.3f\n", d }' "$1" "$2"
}

# Walltime watcher: TERM the group after the limit, KILL after the grace.
sf_watch() {
  (
    sf_sleep=
    trap 'kill "$sf_sleep" 2>/dev/null; exit 0' TERM
    # dash drops a TERM that lands before the trap above is set; the parent
    # sends it only after reaping the trial, so a gone trial means stop.
    if ! kill -0 "$sf_pid" 2>/dev/null; then exit 0; fi
    sleep "$1" & sf_sleep=$!
    wait "$sf_sleep"
    : >"$sf_dir/.timeout"
    sf_signal_group TERM
    sleep "$2" & sf_sleep=$!
    wait "$sf_sleep"
    sf_signal_group KILL
  ) &
  sf_watcher=$!
}

sf_main() {
  if [ "$#" -lt 3 ] || [ "$2" != "--" ]; then
    echo "usage: sweepforge-trial.sh TRIAL_DIR -- ARGV..." >&2
    exit 2
  fi
  sf_tdir=$1
  shift 2
  sf_init
  trap 'sf_on_stop' INT TERM HUP
  if [ ! -f "$sf_tdir/params.json" ]; then
    if [ -z "${SWEEPFORGE_TRIAL_SPEC:-}" ]; then
      echo "sweepforge-trial.sh: $sf_tdir/params.json is missing" >&2
      exit 2
    fi
    mkdir -p "$sf_tdir" && printf '%s\n' "$SWEEPFORGE_TRIAL_SPEC" >"$sf_tdir/params.json"
  fi
  mkdir -p "$sf_tdir/output"
  rm -f "$sf_tdir/.timeout"
  sf_tmp="$sf_tdir/.wrapper.$$"

  sf_t=$(sf_now)
  sf_started=${sf_t% *} sf_start_ns=${sf_t#* }
  { times; } >"$sf_tmp.t0"
  sf_spawn "$sf_tdir" -- "$@"
  sf_memory_start "$sf_pid" "${sf_setsid:+$sf_pid}" "" "$sf_tdir/.memory"
  sf_watcher=
  if [ "${SWEEPFORGE_WALLTIME:-0}" -gt 0 ] 2>/dev/null; then
    sf_watch "$SWEEPFORGE_WALLTIME" "${SWEEPFORGE_KILL_GRACE:-10}"
  fi
  sf_wait
  if [ -n "$sf_watcher" ]; then kill "$sf_watcher" 2>/dev/null; wait "$sf_watcher"; fi
  sf_memory_stop
  { times; } >"$sf_tmp.t1"
  sf_memory_reap
  sf_t=$(sf_now)
  sf_ended=${sf_t% *} sf_end_ns=${sf_t#* }

  sf_signal=
  sf_exit=$sf_status
  if [ "$sf_status" -gt 128 ]; then
    sf_signal=SIG$(kill -l "$((sf_status - 128))" 2>/dev/null || echo "$((sf_status - 128))")
    sf_exit=null
  fi
  if [ "$sf_stop" = 1 ]; then sf_state=interrupted
  elif [ -f "$sf_tdir/.timeout" ]; then sf_state=timeout
  elif [ "$sf_status" -eq 0 ]; then sf_state=succeeded
  else sf_state=failed
  fi
  sf_ms=$(( (sf_end_ns - sf_start_ns) / 1000000 ))
  sf_host=$(hostname 2>/dev/null || uname -n)

  {
    echo "attempt=${SWEEPFORGE_ATTEMPT:-1}"
    echo "status=$sf_state"
    echo "exitCode=$sf_exit"
    echo "signal=$sf_signal"
    echo "host=$sf_host"
    echo "backend=${SWEEPFORGE_BACKEND:-sh}"
    echo "jobId=${SWEEPFORGE_JOB_ID:-}"
    echo "arrayIndex=${SWEEPFORGE_ARRAY_INDEX:-}"
    echo "startedAt=$sf_started"
    echo "endedAt=$sf_ended"
    echo "duration=$((sf_ms / 1000)).$(printf '%03d' $((sf_ms % 1000)))"
    echo "cpu=$(sf_cpu_seconds "$sf_tmp.t0" "$sf_tmp.t1")"
    echo "gpus=${CUDA_VISIBLE_DEVICES:-}"
  } >"$sf_tmp.facts"
  sf_list_outputs "$sf_tdir" >"$sf_tmp.outs"
  sf_compose "$sf_tdir" "$sf_tmp.facts" "$sf_tmp.outs" >"$sf_tmp.json"
  sync "$sf_tmp.json" 2>/dev/null || true
  mv -f "$sf_tmp.json" "$sf_tdir/record.json"
  rm -f "$sf_tmp.t0" "$sf_tmp.t1" "$sf_tmp.facts" "$sf_tmp.outs" "$sf_tdir/.timeout" \
    "$sf_tdir/.memory"
  exit "$sf_status"
}

if [ "${SWEEPFORGE_WRAPPER_LIBRARY:-}" != 1 ]; then
  sf_main "$@"
fi
