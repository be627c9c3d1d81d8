import { displayWidth, padToWidth, sanitize, truncateToWidth } from './terminal-text.js'

const GAP = '  '
/** A cell shows at most this many lines; the last says how many more there were. */
const MAX_CELL_LINES = 10
/** Columns are never squeezed below this (or their header, or their widest cell if smaller). */
const MIN_COLUMN_WIDTH = 8

export interface TableLayout {
  /** Total columns available; Infinity for no limit. */
  maxWidth: number
  /** Styles a cell's visible text (after truncation, before padding); `row` 0 is the first. */
  style(text: string, column: number, row: number): string
}

function cellLines(cell: string): string[] {
  const lines = sanitize(cell, true).split('\n')
  if (lines.length <= MAX_CELL_LINES) return lines
  const more = lines.length - (MAX_CELL_LINES - 1)
  return [...lines.slice(0, MAX_CELL_LINES - 1), `… (${more} more lines)`]
}

/** Natural widths, then the widest columns squeezed until the table fits `maxWidth`. */
function columnWidths(table: string[][][], maxWidth: number): number[] {
  const count = Math.max(0, ...table.map((row) => row.length))
  const natural = Array.from({ length: count }, (_, c) =>
    Math.max(0, ...table.map((row) => Math.max(0, ...(row[c] ?? []).map(displayWidth)))),
  )
  const header = table[0] ?? []
  const floor = natural.map((width, c) =>
    Math.min(width, Math.max(MIN_COLUMN_WIDTH, displayWidth(header[c]?.[0] ?? ''))),
  )
  const widths = [...natural]
  const available = maxWidth - GAP.length * (count - 1)
  for (;;) {
    const excess = widths.reduce((sum, width) => sum + width, 0) - available
    if (excess <= 0) return widths
    const widest = widths.reduce(
      (best, width, c) => (width - floor[c]! > widths[best]! - floor[best]! ? c : best),
      0,
    )
    if (widths[widest]! <= floor[widest]!) return widths
    widths[widest] = Math.max(floor[widest]!, widths[widest]! - excess)
  }
}

/**
 * Rows as terminal lines: cells sanitized, columns aligned by display width, long cells cut
 * with `…` to fit `maxWidth`, multi-line cells kept in their column.
 */
export function renderTable(rows: readonly (readonly string[])[], layout: TableLayout): string[] {
  const table = rows.map((row) => row.map(cellLines))
  const widths = columnWidths(table, layout.maxWidth)
  return table.flatMap((row, r) => {
    const height = Math.max(1, ...row.map((lines) => lines.length))
    return Array.from({ length: height }, (_, i) =>
      row
        .map((lines, c) => {
          const text = truncateToWidth(lines[i] ?? '', widths[c]!)
          const styled = text === '' ? '' : layout.style(text, c, r)
          return c === row.length - 1
            ? styled
            : styled + padToWidth('', widths[c]! - displayWidth(text))
        })
        .join(GAP)
        .trimEnd(),
    )
  })
}
