import { loneSurrogateIndex } from './text.js'

/** The deepest nesting of arrays and objects a JSON value may have (the value itself is level 0). */
export const MAX_JSON_DEPTH = 64

interface Visit {
  value: unknown
  path: string
  depth: number
}

/** Marks the end of an object's children: it is no longer an ancestor of what follows. */
interface Leave {
  leave: object
}

/**
 * Why `value` would not survive a JSON round trip unchanged through either store, or null when
 * it would: null, booleans, finite numbers, well-formed strings, dense arrays and plain objects
 * with well-formed keys, at most MAX_JSON_DEPTH levels deep and at most `maxValues` values in
 * all. Walks with its own stack, so no input can overflow the call stack.
 *
 * @param path how the value is named in the answer, e.g. `data` (children become `data.a[0]`)
 */
export function findNonJson(value: unknown, path: string, maxValues: number): string | null {
  const ancestors = new Set<object>()
  const stack: (Visit | Leave)[] = [{ value, path, depth: 0 }]
  let values = 0
  while (stack.length > 0) {
    const next = stack.pop() as Visit | Leave
    if ('leave' in next) {
      ancestors.delete(next.leave)
      continue
    }
    if (++values > maxValues) {
      return `${path} holds more than ${maxValues} values; store large data elsewhere and pass a reference`
    }
    const problem = scalarProblem(next) ?? containerProblem(next, ancestors)
    if (problem !== null) return problem
    if (typeof next.value === 'object' && next.value !== null) {
      ancestors.add(next.value)
      stack.push({ leave: next.value })
      const children = childrenOf(next.value, next.path, next.depth + 1)
      if (typeof children === 'string') return children
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Visit)
    }
  }
  return null
}

/** The problem of a value that is not an object, or null when it is fine (or an object). */
function scalarProblem({ value, path }: Visit): string | null {
  if (value === null || typeof value === 'boolean') return null
  if (typeof value === 'string') return stringProblem(value, path)
  if (typeof value === 'number') {
    return Number.isFinite(value) ? null : `${path} is ${value}, which JSON cannot hold`
  }
  if (typeof value === 'object') return null
  if (typeof value === 'function') return `${path} is a function`
  return `${path} is ${typeof value === 'bigint' ? 'a bigint' : typeof value}`
}

function containerProblem({ value, path, depth }: Visit, ancestors: Set<object>): string | null {
  if (typeof value !== 'object' || value === null) return null
  if (ancestors.has(value)) return `${path} refers back to itself`
  if (depth >= MAX_JSON_DEPTH) {
    return `${path} is nested deeper than ${MAX_JSON_DEPTH} levels; flatten the data`
  }
  if (Array.isArray(value)) return null
  const proto = Object.getPrototypeOf(value)
  if (proto === Object.prototype || proto === null) return null
  return `${path} is a ${(value as { constructor?: { name?: string } }).constructor?.name || 'class instance'}, not a plain object`
}

function childrenOf(value: object, path: string, depth: number): Visit[] | string {
  if (Array.isArray(value)) {
    const children: Visit[] = []
    for (let i = 0; i < value.length; i++) {
      if (!Object.hasOwn(value, i)) {
        return `${path} has no element at [${i}] (a sparse array); JSON would turn the hole into null, so fill it first`
      }
      children.push({ value: value[i], path: `${path}[${i}]`, depth })
    }
    return children
  }
  const children: Visit[] = []
  for (const [key, child] of Object.entries(value)) {
    const keyProblem = stringProblem(key, `the key ${JSON.stringify(key.slice(0, 40))} of ${path}`)
    if (keyProblem !== null) return keyProblem
    children.push({ value: child, path: `${path}.${key}`, depth })
  }
  return children
}

function stringProblem(text: string, path: string): string | null {
  if (text.isWellFormed()) return null
  return `${path} contains a lone UTF-16 surrogate at index ${loneSurrogateIndex(text)}, which Redis cannot store (text.toWellFormed() replaces it with U+FFFD)`
}
