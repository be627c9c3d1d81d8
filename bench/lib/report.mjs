// What the bench runners print: figures formatted one way, and the machine's load.
import { execFileSync } from 'node:child_process'

/** A figure as printed: integers with thousands separators, others to 3 decimals. */
export function format(value) {
  if (typeof value !== 'number') return String(value)
  if (Number.isInteger(value)) return value.toLocaleString('en-US')
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 })
}

/** `uptime`'s line (the load averages a figure was taken at). */
export function uptime() {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim()
  } catch {
    return 'uptime unavailable'
  }
}
