export { type Clock, ManualClock, systemClock } from '../../domain/clock.js'
