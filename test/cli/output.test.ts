// Unit test of the CLI's one printing path (src/cli/output.ts): what a terminal shows of user
// text. Run in-process with fake streams, since a child's stdout is never a terminal here.
import { Readable, Writable } from 'node:stream'
import stringWidth from 'string-width'
import { describe, expect, it } from 'vitest'
import { Output } from '../../src/cli/output.js'

function capture(isTTY: boolean, columns?: number) {
  const chunks: string[] = []
  const stdout = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk))
        done()
      },
    }),
    { isTTY, columns },
  )
  const streams = { stdout, stderr: stdout, stdin: Readable.from([]) }
  return { streams, text: () => chunks.join('') }
}

function output(options: { isTTY?: boolean; columns?: number; env?: Record<string, string> }) {
  const { streams, text } = capture(options.isTTY ?? false, options.columns)
  return { out: new Output(streams, options.env ?? {}), text }
}

/** The display column where `needle` starts on `line`. */
function columnOf(line: string, needle: string): number {
  return stringWidth(line.slice(0, line.indexOf(needle)))
}

const HOSTILE = 'bad\x1b]0;pwned\x07\x1b[31mred\rX\x9b2J\u202eevil'

describe('CLI output', () => {
  it('shows control and escape characters in user text escaped, in tables, details and lines', () => {
    const { out, text } = output({})
    out.table(['part', 'reason'], [['1', HOSTILE]])
    out.details([['stop reason', HOSTILE]])
    out.line(`Job ${HOSTILE} stopped.`)
    out.error(HOSTILE)
    const printed = text()
    // biome-ignore lint/suspicious/noControlCharactersInRegex: none may be printed
    expect(printed).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/)
    expect(printed).toContain('bad\\u001b]0;pwned\\u0007\\u001b[31mred\\rX\\u009b2J\\u202eevil')
  })

  it('aligns table columns by display width, with CJK text and emoji', () => {
    const { out, text } = output({})
    out.table(
      ['part', 'reason', 'at'],
      [
        ['1', '日本語のエラー', 'x'],
        ['22', 'ok 😀', 'y'],
        ['333', 'plain', 'z'],
      ],
    )
    const [header, ...lines] = text().trimEnd().split('\n')
    const column = columnOf(header!, 'AT')
    expect(lines.map((line, i) => columnOf(line, ['x', 'y', 'z'][i]!))).toEqual([
      column,
      column,
      column,
    ])
  })

  it('keeps multi-line text inside its cell', () => {
    const { out, text } = output({})
    out.table(
      ['part', 'reason', 'at'],
      [
        ['1', 'first line\nsecond line', 'x'],
        ['2', 'one line', 'y'],
      ],
    )
    const lines = text().trimEnd().split('\n')
    expect(lines).toHaveLength(4)
    const reasonColumn = columnOf(lines[0]!, 'REASON')
    expect(columnOf(lines[2]!, 'second line')).toBe(reasonColumn)
    expect(lines[2]!.slice(0, reasonColumn).trim()).toBe('')
    expect(lines[2]).not.toContain('x')
    expect(columnOf(lines[3]!, 'y')).toBe(columnOf(lines[1]!, 'x'))
  })

  it('truncates long cells to the terminal width with an ellipsis', () => {
    const { out, text } = output({ isTTY: true, columns: 40, env: { NO_COLOR: '1' } })
    out.table(
      ['part', 'reason'],
      [
        ['1', 'x'.repeat(200)],
        ['2', '日本語'.repeat(30)],
      ],
    )
    const lines = text().trimEnd().split('\n')
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(40)
    expect(lines[1]).toMatch(/…$/)
    expect(lines[2]).toMatch(/…$/)
  })

  it('truncates to $COLUMNS in a pipe when it is set, and not at all otherwise', () => {
    const narrow = output({ env: { COLUMNS: '30' } })
    narrow.out.table(['part', 'reason'], [['1', 'y'.repeat(100)]])
    expect(stringWidth(narrow.text().trimEnd().split('\n')[1]!)).toBe(30)
    const wide = output({})
    wide.out.table(['part', 'reason'], [['1', 'y'.repeat(100)]])
    expect(wide.text()).toContain('y'.repeat(100))
  })

  it('styles headers on a terminal, and never with NO_COLOR or in a pipe', () => {
    const styled = output({ isTTY: true, columns: 80 })
    styled.out.table(['state'], [['failed']])
    styled.out.details([['state', 'finished (succeeded)']])
    expect(styled.text()).toContain('\x1b[1mSTATE')
    expect(styled.text()).toContain('\x1b[31mfailed\x1b[39m')
    expect(styled.text()).toContain('\x1b[32mfinished\x1b[39m (succeeded)')
    const noColor = output({ isTTY: true, columns: 80, env: { NO_COLOR: '1' } })
    noColor.out.table(['state'], [['failed']])
    expect(noColor.text()).not.toContain('\x1b')
    const piped = output({})
    piped.out.table(['state'], [['failed']])
    expect(piped.text()).not.toContain('\x1b')
  })
})
