/** Ledgers created and not yet closed in this process, for leak checks in tests. */
const open = new Set<object>()

export function ledgerOpened(ledger: object): void {
  open.add(ledger)
}

/** False when the ledger was closed before (close() then does nothing). */
export function ledgerClosed(ledger: object): boolean {
  return open.delete(ledger)
}

export function countOpenLedgers(): number {
  return open.size
}
