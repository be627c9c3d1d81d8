import { Option } from 'commander'
import { InvalidArgumentError } from '../index.js'
import { VIEWERS, viewableKinds, viewerFor } from './views/index.js'
import type { UnitViewer } from './views/unit-view.js'

/** `--kind` for commands that take an id: which kinds to look the id up in. */
export function kindOption(): Option {
  return new Option(
    '--kind <kind>',
    `only look among units of this kind (${viewableKinds().join(', ')})`,
  )
}

export function viewersForKind(kind: string | undefined): readonly UnitViewer[] {
  if (kind === undefined) return VIEWERS
  const viewer = viewerFor(kind)
  if (!viewer) {
    throw new InvalidArgumentError(
      `--kind must be one of ${viewableKinds().join(', ')}, got ${JSON.stringify(kind)}.`,
    )
  }
  return [viewer]
}
