// A private redis-server run under valgrind's callgrind, for counting the instructions it
// executes: unlike its CPU time, the count does not move with the machine's load.
// instructions() answers the counts since its previous call (callgrind_control --dump): all
// of them, and those inside EVALSHA (the scripts with their commands, without the reading of
// requests and writing of replies, whose cost per call moves with how the calls were batched).
import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../../dist/testing/redis-server.js'

export async function startCallgrindServer() {
  const dir = mkdtempSync(join(tmpdir(), 'callgrind-redis-'))
  const port = await freePort()
  const child = spawn(
    'valgrind',
    [
      '--tool=callgrind',
      '--compress-strings=no',
      '--compress-pos=no',
      `--callgrind-out-file=${join(dir, 'out')}`,
      'redis-server',
      ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  await ready(child)
  let dumps = 0
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid,
    /** The path of dump `n` (1 = the first instructions() call). */
    dumpFile: (n) => join(dir, `out.${n}`),
    instructions() {
      execFileSync('callgrind_control', ['--dump', String(child.pid)], { stdio: 'ignore' })
      dumps++
      const text = readFileSync(join(dir, `out.${dumps}`), 'utf8')
      return {
        total: Number(/^totals: (\d+)/m.exec(text)[1]),
        scripts: callsTo(text, 'evalShaCommand'),
      }
    },
    async stop() {
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await exited
      for (const file of readdirSync(dir)) rmSync(join(dir, file))
      rmSync(dir, { recursive: true })
    },
  }
}

/** The instructions spent inside calls to `fn` (the cost line after each `calls=` to it). */
function callsTo(text, fn) {
  let sum = 0
  let target = null
  let costNext = false
  for (const line of text.split('\n')) {
    if (line.startsWith('cfn=')) target = line.slice(4)
    else if (line.startsWith('calls=')) costNext = target === fn
    else if (costNext) {
      sum += Number(line.split(' ')[1])
      costNext = false
    }
  }
  return sum
}

function ready(child) {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`no ready server in 30 s:\n${output}`)), 30_000)
    child.stdout.on('data', (chunk) => {
      output += chunk
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => reject(new Error(`valgrind exited with ${code}:\n${output}`)))
  })
}
