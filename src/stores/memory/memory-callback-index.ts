import type {
  CallbackIndexStore,
  CallbackUnit,
  CallbackUnitKind,
} from '../../store/callback-index-store.js'

const SEPARATOR = '\n'

/** The callback index in process memory: member `<kind>\n<id>` → next check time. */
export class MemoryCallbackIndex implements CallbackIndexStore {
  readonly #units = new Map<string, number>()

  async mark(kind: CallbackUnitKind, id: string, checkAt: number): Promise<void> {
    this.#units.set(`${kind}${SEPARATOR}${id}`, checkAt)
  }

  async due(before: number, limit: number): Promise<CallbackUnit[]> {
    return [...this.#units]
      .filter(([, checkAt]) => checkAt <= before)
      .sort(([a, x], [b, y]) => x - y || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, limit)
      .map(([member, checkAt]) => unitOf(member, checkAt))
  }

  async forget(kind: CallbackUnitKind, id: string): Promise<void> {
    this.#units.delete(`${kind}${SEPARATOR}${id}`)
  }

  async size(): Promise<number> {
    return this.#units.size
  }

  clear(): number {
    const size = this.#units.size
    this.#units.clear()
    return size
  }
}

export function unitOf(member: string, checkAt: number): CallbackUnit {
  const at = member.indexOf(SEPARATOR)
  return { kind: member.slice(0, at) as CallbackUnitKind, id: member.slice(at + 1), checkAt }
}
