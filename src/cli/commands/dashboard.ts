import { Option } from 'commander'
import type { ServeDashboardOptions } from '../../dashboard.js'
import { InvalidArgumentError } from '../../index.js'
import { CliError } from '../cli-error.js'
import type { CliCommand } from '../command.js'
import { EXIT } from '../exit-codes.js'
import { parsePort } from '../parse.js'

interface DashboardCommandOptions {
  port: number
  host: string
  readWrite?: boolean
  authToken?: string
  allowedHost?: string[]
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}

/** `jobledger dashboard`: serves the web dashboard until Ctrl-C. */
export const dashboardCommand: CliCommand = {
  name: 'dashboard',
  register(program, run) {
    program
      .command('dashboard')
      .description('serve the web dashboard until Ctrl-C (read-only unless --read-write)')
      .addOption(
        new Option('--port <port>', 'port to listen on (0 picks a free one)')
          .default(7821)
          .argParser(parsePort),
      )
      .addOption(new Option('--host <host>', 'address to listen on').default('127.0.0.1'))
      .option('--read-write', 'allow changes from the dashboard (stopping jobs)')
      .addOption(
        new Option(
          '--auth-token <token>',
          'require Authorization: Bearer <token> (needed off loopback)',
        ).env('JOBLEDGER_DASHBOARD_TOKEN'),
      )
      .option(
        '--allowed-host <host>',
        'also answer requests for this Host (name or name:port; repeatable), e.g. behind a proxy',
        collect,
      )
      .action(
        run(async ({ ledger, out, target, signal }, options: DashboardCommandOptions) => {
          // Loaded here, so the other commands never load the HTTP stack.
          const { isLoopback, serveDashboard } = await import('../../dashboard.js')
          if (!isLoopback(options.host) && options.authToken === undefined) {
            throw new InvalidArgumentError(
              `Refusing to serve the dashboard on ${options.host} without authentication: pass --auth-token T (or JOBLEDGER_DASHBOARD_TOKEN), or use --host 127.0.0.1.`,
            )
          }
          const serveOptions: ServeDashboardOptions = {
            port: options.port,
            host: options.host,
            readOnly: options.readWrite !== true,
            ...(options.authToken === undefined ? {} : { auth: { bearer: options.authToken } }),
            ...(options.allowedHost === undefined ? {} : { allowedHosts: options.allowedHost }),
          }
          const served = await serveDashboard(ledger(), serveOptions).catch((error: unknown) => {
            throw explainListenError(error, options.host, options.port)
          })
          out.line(`Dashboard on ${served.url} (${target.description}); Ctrl-C stops it.`)
          try {
            if (!signal.aborted) {
              await new Promise((resolve) =>
                signal.addEventListener('abort', resolve, { once: true }),
              )
            }
          } finally {
            await served.close()
          }
          out.line('Dashboard stopped.')
          return EXIT.ok
        }),
      )
  },
}

const LISTEN_ERRORS: Record<string, (host: string, port: number) => string> = {
  EADDRINUSE: (host, port) =>
    `Port ${port} on ${host} is already in use; stop what listens there, or pick another port with --port (0 picks a free one).`,
  EACCES: (host, port) =>
    `Not allowed to listen on port ${port} on ${host}; pick a port above 1023 with --port.`,
  EADDRNOTAVAIL: (host) =>
    `${host} is not an address of this machine; pass one of its addresses with --host, e.g. 127.0.0.1.`,
}

function explainListenError(error: unknown, host: string, port: number): unknown {
  const explain = LISTEN_ERRORS[String((error as NodeJS.ErrnoException | null)?.code)]
  return explain ? new CliError(explain(host, port), EXIT.failure, { cause: error }) : error
}
