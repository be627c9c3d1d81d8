/**
 * Throws one clear error naming every optional peer dependency of `entry` that cannot be
 * resolved from here, with the command that installs them.
 */
export function requireOptionalPeers(entry: string, peers: readonly string[]): void {
  const missing = peers.filter((peer) => !resolvable(peer))
  if (missing.length === 0) return
  throw new Error(
    `${entry} needs ${missing.join(' and ')}, which ${missing.length === 1 ? 'is' : 'are'} not installed: run npm install --save-dev ${missing.join(' ')}.`,
  )
}

function resolvable(specifier: string): boolean {
  try {
    import.meta.resolve(specifier)
    return true
  } catch {
    return false
  }
}
