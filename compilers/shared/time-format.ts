// Durations as the schedulers write them.

/** SLURM --time: whole minutes rounded up, as [D-]HH:MM:SS. */
export function slurmTime(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const days = Math.floor(minutes / 1440);
  const clock = `${pad(Math.floor((minutes % 1440) / 60))}:${pad(minutes % 60)}:00`;
  return days > 0 ? `${days}-${clock}` : clock;
}

/** PBS walltime: HH:MM:SS with hours unbounded. */
export function pbsWalltime(seconds: number): string {
  const total = Math.max(1, Math.ceil(seconds));
  const hours = Math.floor(total / 3600);
  return `${pad(hours)}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}
