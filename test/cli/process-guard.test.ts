// Edge test: the CLI's process guard, in a child process of the built package, turns a
// rejection or exception nobody handled into one typed line on stderr and exit code 1.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const DIST = fileURLToPath(new URL('../../dist/cli/', import.meta.url))

async function runGuarded(fault: string): Promise<{ code: number | null; stderr: string }> {
  const script = `
    const { guardProcess } = await import(${JSON.stringify(`${DIST}process-guard.js`)})
    const { Output } = await import(${JSON.stringify(`${DIST}output.js`)})
    guardProcess(new Output(process))
    ${fault}
  `
  const child = spawn(process.execPath, ['--input-type=module', '-e', script])
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const [code] = await once(child, 'close')
  return { code: code as number | null, stderr }
}

describe('the CLI process guard', () => {
  it('reports an unhandled rejection as one line and exits 1', async () => {
    const { code, stderr } = await runGuarded("Promise.reject(new Error('lost the socket'))")
    expect(code).toBe(1)
    expect(stderr).toBe(
      'jobledger: internal error (INTERNAL): lost the socket (run with --verbose for details)\n',
    )
  })

  it('reports an uncaught exception with its error code', async () => {
    const { code, stderr } = await runGuarded(`
      const { StoreUnavailableError } = await import(${JSON.stringify(fileURLToPath(new URL('../../dist/index.js', import.meta.url)))})
      setTimeout(() => { throw new StoreUnavailableError('Redis is gone') })
    `)
    expect(code).toBe(1)
    expect(stderr).toMatch(/^jobledger: internal error \(STORE_UNAVAILABLE\): Redis is gone/)
    expect(stderr.trim().split('\n')).toHaveLength(1)
  })
})
