// Drops what a compiled script never uses, since Redis runs a script's whole text on every
// call: rows of the REFUSED table it never names, and top-level `local function`s of its
// includes that nothing else in it calls. A function's block is its `local function name(`
// line through the first line that is `end` alone, or that one line when it ends with ` end`
// and no indented line follows (the includes' style); the comment lines right above it go with
// it.

/** The REFUSED table with only the rows the rest of the script names as REFUSED.<NAME>. */
export function pruneRefusals(lua) {
  const table = /^local REFUSED = \{\n[\s\S]*?\n\}$/m.exec(lua)
  if (!table) return lua
  const rest = lua.slice(0, table.index) + lua.slice(table.index + table[0].length)
  const rows = table[0].split('\n').filter((row) => {
    const name = /^ {2}([A-Z][A-Z0-9_]*) = /.exec(row)?.[1]
    return name === undefined || new RegExp(`\\bREFUSED\\.${name}\\b`).test(rest)
  })
  return lua.replace(table[0], rows.join('\n'))
}

/** Lines [from, to] of each top-level local function, by name. */
function functionBlocks(lines) {
  const blocks = []
  for (let i = 0; i < lines.length; i++) {
    const name = /^local function ([A-Za-z_]\w*)\(/.exec(lines[i])?.[1]
    if (!name) continue
    let to = i
    // One line only when it ends with ` end` and the next line is not an indented body line.
    const oneLine = / end$/.test(lines[i]) && !/^\s+\S/.test(lines[i + 1] ?? '')
    if (!oneLine) {
      to = lines.indexOf('end', i + 1)
      if (to < 0) throw new Error(`local function ${name} has no closing 'end' line`)
    }
    let from = i
    while (from > 0 && lines[from - 1].startsWith('--')) from--
    blocks.push({ name, from, to })
  }
  return blocks
}

/** The script without the top-level local functions nothing else in it names. */
export function pruneFunctions(lua) {
  let lines = lua.split('\n')
  for (;;) {
    const unused = functionBlocks(lines).filter(({ name, from, to }) => {
      const word = new RegExp(`\\b${name}\\b`)
      return !lines.some((line, i) => (i < from || i > to) && word.test(line))
    })
    if (unused.length === 0) return lines.join('\n')
    const drop = new Set(unused.flatMap(({ from, to }) => range(from, to)))
    lines = lines.filter((line, i) => !drop.has(i) && !(line === '' && lines[i - 1] === ''))
  }
}

function range(from, to) {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}
