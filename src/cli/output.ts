import type { Readable, Writable } from 'node:stream'
import { renderTable } from './table.js'
import { sanitize } from './terminal-text.js'

/** The process streams the CLI talks to; tests and embedders can pass their own. */
export interface CliStreams {
  stdout: Writable & { isTTY?: boolean; columns?: number }
  stderr: Writable & { isTTY?: boolean }
  stdin: Readable & { isTTY?: boolean }
}

export interface Section {
  title: string
  headers: string[]
  rows: string[][]
}

const STYLES = {
  bold: ['\x1b[1m', '\x1b[22m'],
  green: ['\x1b[32m', '\x1b[39m'],
  red: ['\x1b[31m', '\x1b[39m'],
  yellow: ['\x1b[33m', '\x1b[39m'],
} as const
type Style = keyof typeof STYLES

/** Columns whose words get a colour by meaning: a state, a status, an outcome. */
const TONED = new Set(['state', 'status', 'outcome'])
const TONES: [RegExp, Style][] = [
  [/\b(failed|errored)\b/, 'red'],
  [/\b(stopped|pending_re_run)\b/, 'yellow'],
  [/\b(succeeded|successful|completed|complete|finished|drained)\b/, 'green'],
]

/** Columns to fit tables into: the terminal's width, else $COLUMNS, else no limit. */
function maxWidthOf(streams: CliStreams, env: NodeJS.ProcessEnv): number {
  if (streams.stdout.isTTY === true) return streams.stdout.columns || 80
  const columns = Number(env.COLUMNS)
  return Number.isSafeInteger(columns) && columns > 0 ? columns : Number.POSITIVE_INFINITY
}

/**
 * Everything the commands print goes through here: tables and label/value blocks on stdout,
 * one-line errors on stderr. All text is sanitized for the terminal (see terminal-text.ts);
 * tables are aligned by display width and fit the terminal. Colour only on a terminal, never
 * with NO_COLOR set (https://no-color.org) or in pipes.
 */
export class Output {
  readonly streams: CliStreams
  readonly isTTY: boolean
  readonly colors: boolean
  readonly maxWidth: number

  constructor(streams: CliStreams, env: NodeJS.ProcessEnv = process.env) {
    this.streams = streams
    this.isTTY = streams.stdout.isTTY === true
    this.colors = this.isTTY && !env.NO_COLOR
    this.maxWidth = maxWidthOf(streams, env)
  }

  /** A line of text; user text in it is shown escaped, newlines are kept. */
  line(text = ''): void {
    this.streams.stdout.write(`${sanitize(text, true)}\n`)
  }

  json(value: unknown): void {
    this.line(JSON.stringify(value, null, 2))
  }

  /** Columns aligned by display width; the header is bold on a terminal. */
  table(headers: readonly string[], rows: readonly (readonly string[])[]): void {
    const toned = headers.map((header) => TONED.has(header))
    const lines = renderTable([headers.map((h) => h.toUpperCase()), ...rows], {
      maxWidth: this.maxWidth,
      style: (text, column, row) =>
        row === 0 ? this.#paint(text, 'bold') : toned[column] ? this.#tone(text) : text,
    })
    for (const line of lines) this.streams.stdout.write(`${line}\n`)
  }

  /** Aligned `label  value` lines; a multi-line value stays in its column. */
  details(pairs: readonly (readonly [string, string])[]): void {
    const lines = renderTable(pairs, {
      maxWidth: this.maxWidth,
      style: (text, column, row) =>
        column === 1 && TONED.has(pairs[row]?.[0] ?? '') ? this.#tone(text) : text,
    })
    for (const line of lines) this.streams.stdout.write(`${line}\n`)
  }

  section(section: Section): void {
    this.line()
    this.streams.stdout.write(`${this.#paint(sanitize(section.title), 'bold')}\n`)
    this.table(section.headers, section.rows)
  }

  /** A one-line message for the user on stderr (errors, hints, confirmations). */
  error(text: string): void {
    this.streams.stderr.write(`jobledger: ${sanitize(text)}\n`)
  }

  /** A word coloured by what it means (failed red, stopped yellow, succeeded green). */
  #tone(text: string): string {
    const tone = TONES.find(([pattern]) => pattern.test(text))
    if (!tone) return text
    return text.replace(tone[0], (word) => this.#paint(word, tone[1]))
  }

  #paint(text: string, style: Style): string {
    if (!this.colors) return text
    const [open, close] = STYLES[style]
    return `${open}${text}${close}`
  }
}
