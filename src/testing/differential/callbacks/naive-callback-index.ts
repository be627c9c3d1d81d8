import type {
  CallbackIndexStore,
  CallbackUnit,
  CallbackUnitKind,
} from '../../../store/callback-index-store.js'

/**
 * The callback index as the plainest data: a list of entries, scanned whole. The oracle of the
 * callback differential: order by next check, ties by `<kind>\n<id>` compared by code point.
 */
export class NaiveCallbackIndex implements CallbackIndexStore {
  readonly #entries: CallbackUnit[] = []

  async mark(kind: CallbackUnitKind, id: string, checkAt: number): Promise<void> {
    const found = this.#entries.find((entry) => entry.kind === kind && entry.id === id)
    if (found) found.checkAt = checkAt
    else this.#entries.push({ kind, id, checkAt })
  }

  async due(before: number, limit: number): Promise<CallbackUnit[]> {
    return this.#entries
      .filter((entry) => entry.checkAt <= before)
      .sort((a, b) => a.checkAt - b.checkAt || compareMembers(a, b))
      .slice(0, limit)
      .map((entry) => ({ ...entry }))
  }

  async forget(kind: CallbackUnitKind, id: string): Promise<void> {
    const at = this.#entries.findIndex((entry) => entry.kind === kind && entry.id === id)
    if (at >= 0) this.#entries.splice(at, 1)
  }

  async size(): Promise<number> {
    return this.#entries.length
  }
}

function compareMembers(a: CallbackUnit, b: CallbackUnit): number {
  const x = [...`${a.kind}\n${a.id}`].map((c) => c.codePointAt(0)!)
  const y = [...`${b.kind}\n${b.id}`].map((c) => c.codePointAt(0)!)
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!
  return x.length - y.length
}
