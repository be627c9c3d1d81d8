import type { QueueState } from '../../domain/queue-item.js'
import type { DashboardContext } from '../face.js'
import type { QueueView } from '../routes/queues.js'
import { ActionForm } from './actions.js'
import { hrefOf, LiveText } from './components.js'

const AGE_UNITS = [
  { label: 'minutes', ms: 60_000 },
  { label: 'hours', ms: 3_600_000 },
  { label: 'days', ms: 86_400_000 },
] as const

/**
 * The queue page's bulk actions for the tab shown: on failed, retry them all (the live count
 * first, then a confirmation); on finished and failed, clean those older than an age (count
 * first, then a confirmation of that count).
 */
export function QueueBulkActions(props: {
  context: DashboardContext
  queue: QueueView
  state: QueueState
}) {
  const { context, queue, state } = props
  if (state !== 'failed' && state !== 'finished') return null
  return (
    <section class="bulk" aria-label="Bulk actions">
      {state === 'failed' ? <RetryAllForm context={context} queue={queue} /> : null}
      <CleanForm context={context} queue={queue} state={state} />
    </section>
  )
}

function RetryAllForm({ context, queue }: { context: DashboardContext; queue: QueueView }) {
  const key = `queue:${queue.name}`
  return (
    <>
      <h2>Retry failed items</h2>
      <p>
        <LiveText liveKey={key} field="failed" text={queue.counts.failed} /> failed now. Retry moves
        them, oldest first, back to the end of the waiting line with attempts reset (at most 10,000
        per click).
      </p>
      <ActionForm
        action={hrefOf(context.basePath, ['api', 'queues', queue.name, 'retry-failed'])}
        label="Retry all failed"
        tone="plain"
        confirm={{
          text: `Retry {limit} failed items of ${queue.name}? They go back to waiting and run again.`,
          button: 'Retry them',
        }}
      >
        <input
          type="hidden"
          name="limit"
          data-number
          data-live={key}
          data-field="failed"
          value={String(queue.counts.failed)}
        />
      </ActionForm>
    </>
  )
}

function CleanForm(props: {
  context: DashboardContext
  queue: QueueView
  state: 'failed' | 'finished'
}) {
  const { context, queue, state } = props
  const path = ['api', 'queues', queue.name, 'clean']
  return (
    <>
      <h2>{`Clean ${state} items`}</h2>
      <form
        class="action danger clean"
        data-action={hrefOf(context.basePath, path)}
        data-count-action={hrefOf(context.basePath, path)}
        data-confirm={`Delete {limit} ${state} items of ${queue.name}, with their data? This cannot be undone.`}
        data-confirm-button="Delete them"
      >
        <input type="hidden" name="state" value={state} />
        <label>
          Older than
          <input type="number" name="age" min="0" step="1" value="1" required />
        </label>
        <label>
          <span class="sr-only">Unit</span>
          <select name="unit" data-number>
            {AGE_UNITS.map((unit) => (
              <option value={String(unit.ms)} selected={unit.label === 'hours'}>
                {unit.label}
              </option>
            ))}
          </select>
        </label>
        <input type="hidden" name="limit" data-number />
        <button type="button" class="plain" data-role="recount">
          Count
        </button>
        <span data-role="count" role="status"></span>
        <button type="submit" class="danger" disabled>
          Delete counted items
        </button>
        <span class="flash" data-role="flash" role="status"></span>
      </form>
    </>
  )
}
