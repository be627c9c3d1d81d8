#!/usr/bin/env node
// Empties dist/ before a build, so a module removed from src/ is never shipped from an old build.
import { rmSync } from 'node:fs'

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true })
