import type { DashboardContext } from '../face.js'
import type { FailureReasons, ReasonGroups } from '../routes/failure-reasons.js'
import { hrefOf } from './components.js'

/** "Why it failed": failed parts by reason and errored items by message, with counts. */
export function FailureReasonsSection(props: {
  context: DashboardContext
  token: string
  reasons: FailureReasons
}) {
  const { context, token, reasons } = props
  if (reasons.parts.scanned === 0 && reasons.items.scanned === 0) return null
  const api = hrefOf(context.basePath, ['api', 'jobs', token, 'failure-reasons'])
  return (
    <section class="failure-reasons">
      <h2>Why it failed</h2>
      {reasons.parts.scanned === 0 ? null : (
        <ReasonTable title="Failed parts by reason" unit="parts" groups={reasons.parts} />
      )}
      {reasons.items.scanned === 0 ? null : (
        <ReasonTable title="Errored items by message" unit="items" groups={reasons.items} />
      )}
      <p class="links">
        <a href={api}>JSON</a>
      </p>
    </section>
  )
}

function ReasonTable(props: { title: string; unit: string; groups: ReasonGroups }) {
  const { title, unit, groups } = props
  return (
    <>
      <h3>{title}</h3>
      <table class="units reasons">
        <thead>
          <tr>
            <th scope="col">Count</th>
            <th scope="col">Reason</th>
            <th scope="col">{`Example ${unit}`}</th>
          </tr>
        </thead>
        <tbody>
          {groups.groups.map((group) => (
            <tr>
              <td class="count">{group.count}</td>
              <td class="reason">{group.reason}</td>
              <td class="token">{group.examples.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {groups.otherReasons === 0 ? null : (
        <p class="muted">{`…and ${groups.otherCount} more ${unit} under ${groups.otherReasons} other reasons.`}</p>
      )}
      <p class="muted scope">
        {groups.partial
          ? `Partial: grouped the first ${groups.scanned} ${unit} only (10 pages of 1,000).`
          : `All ${groups.scanned} ${unit} grouped.`}
      </p>
    </>
  )
}
