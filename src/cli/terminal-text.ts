import stringWidth from 'string-width'

/**
 * Characters a terminal acts on instead of showing: C0 and C1 controls (escape sequences
 * start with ESC or CSI), DEL, and the bidirectional overrides that reorder what follows.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const ACTIVE = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g
const SHORT_ESCAPES: Record<string, string> = { '\t': '\\t', '\r': '\\r', '\n': '\\n' }

/**
 * User text made inert for a terminal: every control, escape and bidi-override character is
 * shown escaped (`\u001b`, `\r`), so a failure reason cannot retitle, recolour or clear the
 * screen. Newlines are kept when `keepNewlines` (multi-line cells and messages).
 */
export function sanitize(text: string, keepNewlines = false): string {
  return text.replace(ACTIVE, (char) => {
    if (char === '\n' && keepNewlines) return char
    return SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
}

/** Columns the text takes on a terminal (CJK and emoji count two). */
export function displayWidth(text: string): number {
  return stringWidth(text)
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/** The text cut to at most `width` columns, ending in `…` when it was cut. */
export function truncateToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text
  let kept = ''
  let used = 0
  for (const { segment } of graphemes.segment(text)) {
    const next = displayWidth(segment)
    if (used + next > width - 1) break
    kept += segment
    used += next
  }
  return `${kept}…`
}

/** The text followed by spaces up to `width` columns. */
export function padToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)))
}
