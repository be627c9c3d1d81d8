import { InvalidArgumentError } from '../errors/jobledger-error.js'

/**
 * A time as text (a query parameter, a CLI option): ms since the epoch, or an ISO date or date-time (UTC unless it says
 * otherwise). A bare date as `to` means the end of that day.
 */
export function parseTimeText(text: string, what: string, endOfDay = false): number {
  if (/^\d{1,15}$/.test(text)) return Number(text)
  const bareDate = /^\d{4}-\d{2}-\d{2}$/.test(text)
  const ms = Date.parse(bareDate ? `${text}T00:00:00Z` : text)
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && Number.isFinite(ms))
    return bareDate && endOfDay ? ms + 86_399_999 : ms
  throw new InvalidArgumentError(
    `${what} must be a time: ms since the epoch or an ISO date like 2026-12-01 or 2026-12-01T20:30Z, got ${JSON.stringify(text)}.`,
  )
}
