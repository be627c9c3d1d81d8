import type { Readable, Writable } from 'node:stream'

/** The process streams the CLI talks to; tests and embedders can pass their own. */
export interface CliStreams {
  stdout: Writable & { isTTY?: boolean }
  stderr: Writable & { isTTY?: boolean }
  stdin: Readable & { isTTY?: boolean }
}

export interface Section {
  title: string
  headers: string[]
  rows: string[][]
}

const BOLD = '\x1b[1m'
const RESET = '\x1b[0m'

/**
 * Everything the commands print goes through here: tables and label/value blocks on stdout,
 * one-line errors on stderr. Styling only when stdout is a terminal; pipes get plain text.
 */
export class Output {
  readonly streams: CliStreams
  readonly isTTY: boolean

  constructor(streams: CliStreams) {
    this.streams = streams
    this.isTTY = streams.stdout.isTTY === true
  }

  line(text = ''): void {
    this.streams.stdout.write(`${text}\n`)
  }

  json(value: unknown): void {
    this.line(JSON.stringify(value, null, 2))
  }

  /** Columns padded to their widest cell; the header is bold on a terminal. */
  table(headers: readonly string[], rows: readonly (readonly string[])[]): void {
    const widths = headers.map((header, i) =>
      Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
    )
    const format = (cells: readonly string[]) =>
      cells
        .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd()
    this.line(this.#bold(format(headers.map((header) => header.toUpperCase()))))
    for (const row of rows) this.line(format(row))
  }

  /** Aligned `label  value` lines. */
  details(pairs: readonly (readonly [string, string])[]): void {
    const width = Math.max(0, ...pairs.map(([label]) => label.length))
    for (const [label, value] of pairs) this.line(`${label.padEnd(width)}  ${value}`)
  }

  section(section: Section): void {
    this.line()
    this.line(this.#bold(section.title))
    this.table(section.headers, section.rows)
  }

  /** A one-line message for the user on stderr (errors, hints, confirmations). */
  error(text: string): void {
    this.streams.stderr.write(`jobledger: ${text}\n`)
  }

  #bold(text: string): string {
    return this.isTTY ? `${BOLD}${text}${RESET}` : text
  }
}
