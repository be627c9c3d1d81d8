import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

/** The built `jobledger` binary (test/setup/build-dist.ts builds it before the run). */
export const CLI_PATH = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url))

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

export interface RunningCli {
  child: ChildProcessWithoutNullStreams
  /** Resolves with the first line the command prints on stdout. */
  firstLine: Promise<string>
  result: Promise<CliResult>
}

/** The environment of the child: this one without any JOBLEDGER_* setting, plus `env`. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('JOBLEDGER_')),
  )
  return { ...base, ...env }
}

/** Starts `jobledger ...args` with pipes for stdio (so stdin and stdout are not terminals). */
export function startCli(args: readonly string[], env: Record<string, string> = {}): RunningCli {
  const child = spawn(process.execPath, [CLI_PATH, ...args], { env: childEnv(env) })
  child.stdin.end()
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const firstLine = new Promise<string>((resolve, reject) => {
    const onData = () => {
      const end = stdout.indexOf('\n')
      if (end < 0) return
      child.stdout.off('data', onData)
      resolve(stdout.slice(0, end))
    }
    child.stdout.on('data', onData)
    child.once('exit', () => reject(new Error(`exited before printing a line: ${stderr}`)))
  })
  firstLine.catch(() => {})
  const result = once(child, 'close').then(([code]) => ({
    code: code as number | null,
    stdout,
    stderr,
  }))
  return { child, firstLine, result }
}

/** Runs `jobledger ...args` to completion. */
export function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  return startCli(args, env).result
}

/** The lines of a stream's text, without the trailing empty one. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 0)
}
