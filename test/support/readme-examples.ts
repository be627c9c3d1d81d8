import { readFileSync } from 'node:fs'
import ts from 'typescript'

/** A README code block marked `<!-- example: NAME -->`: a whole program run as written. */
export interface ReadmeExample {
  name: string
  source: string
}

const MARKED_BLOCK = /<!-- example: ([\w-]+) -->\n```ts\n([\s\S]*?)\n```/g

/** Every marked example of the README, in order; the names are unique. */
export function readmeExamples(readmePath: string): ReadmeExample[] {
  const text = readFileSync(readmePath, 'utf8')
  const examples = [...text.matchAll(MARKED_BLOCK)].map(([, name, source]) => ({
    name: name!,
    source: source!,
  }))
  const names = examples.map((example) => example.name)
  const repeated = names.filter((name, i) => names.indexOf(name) !== i)
  if (repeated.length > 0) throw new Error(`README examples named twice: ${repeated.join(', ')}`)
  return examples
}

/**
 * The example as a CommonJS program: its imports stay at the top, the rest runs in an async
 * function (CommonJS has no top-level await), whose failure sets the exit code.
 */
export function asCommonJsSource(source: string): string {
  const lines = source.split('\n')
  const body = lines.findIndex((line) => !/^import .* from '[^']+'$/.test(line) && line !== '')
  const imports = lines.slice(0, body).join('\n')
  const rest = lines.slice(body).join('\n')
  return `${imports}\n\nasync function main() {\n${rest}\n}\n\nmain().catch((error) => {\n  console.error(error)\n  process.exitCode = 1\n})\n`
}

/** The example without its types, as JavaScript in the given module format. */
export function asJavaScript(source: string, format: 'esm' | 'cjs'): string {
  const module = format === 'esm' ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS
  const input = format === 'esm' ? source : asCommonJsSource(source)
  return ts.transpileModule(input, {
    compilerOptions: { module, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText
}
