import { carriedUnitOf } from '../../facades/carried-unit.js'
import type { DashboardContext } from '../face.js'
import { pageHref, unitPaths } from '../unit-links.js'

/** Links from a queue item to the staged job (its stage and group) or callback its data carries. */
export function CarriedLinks({ context, data }: { context: DashboardContext; data: unknown }) {
  const unit = carriedUnitOf(data)
  if (unit === null) return <span class="muted">—</span>
  if (unit.kind === 'staged-job') {
    return (
      <span>
        staged job{' '}
        <a
          class="token"
          data-link="staged-job"
          href={pageHref(context, unitPaths.stagedJob(unit.groupId, unit.jobId))}
        >
          {unit.jobId}
        </a>{' '}
        of{' '}
        <a data-link="stage" href={pageHref(context, unitPaths.stage(unit.groupId, unit.stage))}>
          {`stage ${unit.stage}`}
        </a>{' '}
        of group{' '}
        <a class="token" data-link="group" href={pageHref(context, unitPaths.group(unit.groupId))}>
          {unit.groupId}
        </a>
      </span>
    )
  }
  const holder = unit.unit === 'job' ? unitPaths.job(unit.id) : unitPaths.group(unit.id)
  return (
    <span>
      callback <span class="token">{unit.name}</span> of {unit.unit}{' '}
      <a class="token" data-link={unit.unit} href={pageHref(context, holder)}>
        {unit.id}
      </a>
      {unit.scope === '' ? '' : ` (${unit.scope})`}
    </span>
  )
}
