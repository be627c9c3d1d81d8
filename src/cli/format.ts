/** How long ago `timestamp` was, in the largest whole unit: `42s`, `5m`, `3h`, `2d`. */
export function formatAge(timestamp: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - timestamp) / 1000))
  if (seconds < 60) return `${seconds}s`
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`
  return `${Math.floor(seconds / 86_400)}d`
}

/** `7/10 (70%)`; `0/0` when nothing was counted yet. */
export function formatProgress(done: number, total: number): string {
  if (total === 0) return `${done}/${total}`
  return `${done}/${total} (${Math.floor((done / total) * 100)}%)`
}

export function formatTime(timestamp: number | null, now: number): string {
  if (timestamp === null) return '-'
  return `${new Date(timestamp).toISOString()} (${formatAge(timestamp, now)} ago)`
}

/** Milliseconds as `850ms`, `12.3s` or `4m05s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`
  const seconds = Math.round(ms / 1000)
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`
}
