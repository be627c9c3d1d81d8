#!/usr/bin/env node
import { runCli } from './run-cli.js'

// Everything is closed when runCli returns; a socket still reconnecting after that must not
// keep the process alive, so exit after a short grace that lets stdout drain.
const EXIT_GRACE_MS = 500

const interrupt = new AbortController()
process.once('SIGINT', () => interrupt.abort())

const code = await runCli(process.argv.slice(2), process, interrupt.signal)
process.exitCode = code
setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref()
