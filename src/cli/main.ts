#!/usr/bin/env node
import { Output } from './output.js'
import { guardProcess } from './process-guard.js'
import { runCli } from './run-cli.js'
import { handleBrokenPipes, handleStopSignals } from './signals.js'

// Everything is closed when runCli returns; a socket still reconnecting after that must not
// keep the process alive, so exit after a short grace that lets stdout drain.
const EXIT_GRACE_MS = 500

handleBrokenPipes(process)
guardProcess(new Output(process), process.argv.includes('--verbose'))
const stop = handleStopSignals(process)
const code = await runCli(process.argv.slice(2), process, stop)
process.exitCode = code
setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref()
