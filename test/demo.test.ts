// Edge test: runs the built demo placeholder (`npm run demo`) as a child process, with small
// numbers, and checks that its report agrees with what its workers did.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const DEMO = fileURLToPath(new URL('../dist/demo/run.js', import.meta.url))

describe('the demo tour of a distributed job', () => {
  it('settles every part, counts exactly the injected failures and has one finisher', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      DEMO,
      '--items',
      '300',
      '--workers',
      '3',
      '--fail-rate',
      '0.1',
    ])
    expect(stdout).toMatch(/^job: 300\/300 \(100%\) parts settled, \d+ failed$/m)
    expect(stdout).toMatch(/^parts\s+300$/m)
    const succeeded = Number(/^succeeded\s+(\d+)$/m.exec(stdout)?.[1])
    const [, failed, injected] = /^failed\s+(\d+) \(workers injected (\d+)\)$/m.exec(stdout) ?? []
    expect(Number(failed)).toBe(Number(injected))
    expect(Number(failed)).toBeGreaterThan(0)
    expect(succeeded + Number(failed)).toBe(300)
    expect(stdout).toMatch(/^told "finished"\s+1 worker \(worker \d\)$/m)
  })

  it('refuses a bad option with exit code 2 and one line', async () => {
    const run = promisify(execFile)(process.execPath, [DEMO, '--items', 'many'])
    await expect(run).rejects.toMatchObject({
      code: 2,
      stderr: 'demo: --items must be a whole number above 0\n',
    })
  })
})
