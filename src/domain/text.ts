import { InvalidArgumentError } from '../errors/jobledger-error.js'

/**
 * Text the ledger keeps must be well-formed UTF-16: Redis stores UTF-8, which has no encoding
 * for a lone surrogate (half of a pair such as '\uD83D' without its '\uDE00'). Such a string
 * would reach Redis as U+FFFD, so two ids differing only there would share one key in Redis
 * but not in memory. Returns the text, or throws INVALID_ARGUMENT naming `what`.
 */
export function checkWellFormed(text: string, what: string): string {
  if (text.isWellFormed()) return text
  throw new InvalidArgumentError(
    `${what} contains a lone UTF-16 surrogate at index ${loneSurrogateIndex(text)}, which Redis cannot store; pass well-formed text (text.toWellFormed() replaces lone surrogates with U+FFFD).`,
    { details: { what } },
  )
}

/** The index of the first surrogate that is not half of a pair, or -1. */
export function loneSurrogateIndex(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0xd800 || code > 0xdfff) continue
    const next = text.charCodeAt(i + 1)
    if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++
    else return i
  }
  return -1
}

/**
 * `text` cut to at most `maxLength` UTF-16 units, ending in '…' when cut. The cut never
 * falls between the two halves of a surrogate pair, so the result stays well-formed.
 */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text
  let end = maxLength - 1
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return `${text.slice(0, end)}…`
}
