// Edge test: packs the package, installs the tarball into a scratch project from the npm cache
// (offline, with the versions of this checkout's lock), and runs there, as a user would: every
// README example marked `<!-- example: NAME -->` as ESM, as CommonJS, and compiled by
// TypeScript under `strict` with `nodenext` (a CommonJS .ts and an ESM .mts) and `bundler`;
// `npx jobledger --version`; and jobledger/testing without vitest. One install for all.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installTarball, packTarball, REPO, run } from './support/consumer-install.js'
import { asCommonJsSource, asJavaScript, readmeExamples } from './support/readme-examples.js'

const EXAMPLES = readmeExamples(join(REPO, 'README.md'))
const VERSION = (
  JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }
).version
const TSC = join(REPO, 'node_modules/typescript/bin/tsc')

// skipLibCheck as most projects have it (and tsc --init sets it): checking every dependency's
// declarations would triple the time of this test for little the examples do not already show.
const STRICT = { strict: true, target: 'es2022', outDir: 'out', skipLibCheck: true }

/** Each consumer: its package type, its files for one example, and its tsconfig if any. */
const CONSUMERS = {
  esm: {
    type: 'module',
    files: (name: string, src: string) => ({ [`${name}.js`]: asJavaScript(src, 'esm') }),
  },
  cjs: {
    type: 'commonjs',
    files: (name: string, src: string) => ({ [`${name}.js`]: asJavaScript(src, 'cjs') }),
  },
  'ts-nodenext': {
    type: 'commonjs',
    tsconfig: { ...STRICT, module: 'nodenext', moduleResolution: 'nodenext' },
    files: (name: string, src: string) => ({
      [`${name}.ts`]: asCommonJsSource(src),
      [`${name}.mts`]: src,
    }),
  },
  'ts-bundler': {
    type: 'module',
    tsconfig: { ...STRICT, module: 'esnext', moduleResolution: 'bundler' },
    files: (name: string, src: string) => ({ [`${name}.ts`]: src }),
  },
} as const

/** What runs for an example: [consumer, file] with NAME for the example's name. */
const RUNS: [consumer: keyof typeof CONSUMERS, file: string][] = [
  ['esm', 'NAME.js'],
  ['cjs', 'NAME.js'],
  ['ts-nodenext', 'out/NAME.js'],
  ['ts-nodenext', 'out/NAME.mjs'],
  ['ts-bundler', 'out/NAME.js'],
]

let scratch: string
let app: string

function writeConsumers(): void {
  for (const [name, consumer] of Object.entries(CONSUMERS)) {
    const dir = join(app, name)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: consumer.type }))
    for (const example of EXAMPLES) {
      for (const [file, text] of Object.entries(consumer.files(example.name, example.source))) {
        writeFileSync(join(dir, file), text)
      }
    }
    if ('tsconfig' in consumer) {
      const tsconfig = { compilerOptions: consumer.tsconfig, include: ['*.ts', '*.mts'] }
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig))
    }
  }
}

async function compileTypeScript(): Promise<void> {
  const projects = Object.entries(CONSUMERS)
    .filter(([, consumer]) => 'tsconfig' in consumer)
    .map(([name]) => join(app, name))
  await run(process.execPath, [TSC, '-b', ...projects], { cwd: app }).catch(
    (error: { stdout?: string }) => {
      throw new Error(`The README examples do not typecheck:\n${error.stdout ?? String(error)}`)
    },
  )
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'jobledger-consumer-'))
  app = join(scratch, 'app')
  await installTarball(app, await packTarball(scratch))
  writeConsumers()
  await compileTypeScript()
}, 180_000)

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

describe('the packed package, installed from its tarball', () => {
  it('has README examples to run', () => {
    expect(EXAMPLES.map((example) => example.name)).toContain('distributed-jobs')
  })

  it.each(
    EXAMPLES.flatMap((example) => RUNS.map(([consumer, file]) => [example.name, consumer, file])),
  )('runs the README example %s as %s (%s)', async (example, consumer, file) => {
    const { stdout, stderr } = await run(process.execPath, [file.replace('NAME', example)], {
      cwd: join(app, consumer),
      timeout: 30_000,
    })
    expect(stderr).toBe('')
    expect(stdout.length).toBeGreaterThan(0)
  })

  it('puts the jobledger command on the PATH of npx', async () => {
    const { stdout } = await run('npx', ['--offline', 'jobledger', '--version'], { cwd: app })
    expect(stdout.trim()).toBe(VERSION)
  })

  it('starts a private redis-server from jobledger/testing without vitest installed', async () => {
    const script = `import { startRedisServer } from 'jobledger/testing'
const redis = await startRedisServer()
console.log(redis.url)
await redis.stop()`
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: app,
    })
    expect(stdout.trim()).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/)
  })

  it('names what to install when jobledger/testing/conformance lacks its peers', async () => {
    const script = `import('jobledger/testing/conformance').catch((error) => console.log(error.message))`
    const { stdout } = await run(process.execPath, ['-e', script], { cwd: app })
    expect(stdout.trim()).toBe(
      'jobledger/testing/conformance needs vitest and fast-check, which are not installed: run npm install --save-dev vitest fast-check.',
    )
  })

  it("require('jobledger') and require('jobledger/dashboard') work from CommonJS", async () => {
    const script = `const { createLedger } = require('jobledger')
const { createDashboard } = require('jobledger/dashboard')
const ledger = createLedger()
const app = createDashboard(ledger)
app.fetch(new Request('http://127.0.0.1/api/units?kind=job')).then(async (response) => {
  console.log(response.status, JSON.stringify(await response.json()))
  app.close()
  await ledger.close()
})`
    const { stdout, stderr } = await run(process.execPath, ['-e', script], { cwd: app })
    expect(stderr).toBe('')
    expect(stdout.trim()).toBe('200 {"items":[],"cursor":null}')
  })
})
