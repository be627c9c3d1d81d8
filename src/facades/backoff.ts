/**
 * A retry pause with "equal jitter": drawn uniformly from [ms / 2, ms], so that clients that
 * failed together (one store outage) do not all retry at the same instant.
 */
export function withJitter(ms: number, random: () => number): number {
  return ms / 2 + random() * (ms / 2)
}
