import type { SignalTimes } from '../../domain/signals.js'
import type { RegisteredCallbacks } from '../../facades/callback-reads.js'
import { JsonView } from './json-view.js'

/**
 * A job's durable callbacks: per signal, each name with its arguments and where its dispatch
 * is: waiting for the signal, due (fired, dispatch not confirmed) or dispatched (confirmed).
 */
export function JobCallbacksSection(props: {
  callbacks: RegisteredCallbacks[]
  signals: SignalTimes
}) {
  const { callbacks, signals } = props
  if (callbacks.length === 0) return null
  return (
    <section class="callbacks">
      <h2>Callbacks</h2>
      <table class="units callbacks">
        <thead>
          <tr>
            <th scope="col">Signal</th>
            <th scope="col">Callback</th>
            <th scope="col">Arguments</th>
            <th scope="col">Dispatch</th>
          </tr>
        </thead>
        <tbody>
          {callbacks.flatMap((entry) =>
            entry.callbacks.map((callback) => (
              <tr data-callback={`${entry.signal}:${callback.name}`}>
                <td>{entry.signal}</td>
                <td class="token">{callback.name}</td>
                <td class="data">
                  <JsonView value={callback.args} />
                </td>
                <td class="dispatch">{dispatchState(entry, callback.name, signals)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </section>
  )
}

function dispatchState(entry: RegisteredCallbacks, name: string, signals: SignalTimes): string {
  if (signals[entry.signal] === null) return `waits for ${entry.signal}`
  return entry.due.includes(name) ? 'due' : 'dispatched'
}
