import { createRequire } from 'node:module'

/** The installed package's version, read from its package.json (../../ from src/cli and dist/cli). */
export function packageVersion(): string {
  const pkg = createRequire(import.meta.url)('../../package.json') as { version: string }
  return pkg.version
}
