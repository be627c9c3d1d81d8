import type { DashboardFace } from './face.js'
import { jobsFace } from './faces/jobs.js'
import { unitsApi } from './routes/units.js'

/**
 * Every face the dashboard shows, in navigation order. A new face adds its routes
 * (routes/<face>.ts), pages (pages/<face>.tsx), live source and card in faces/<face>.ts,
 * and one line here.
 */
export const FACES: readonly DashboardFace[] = [{ name: 'units', api: unitsApi }, jobsFace]
