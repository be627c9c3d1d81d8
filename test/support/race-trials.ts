/**
 * Trials per conformance race test on the test stores: a CI-sized count in `npm test`;
 * `npm run test:races` runs the full 20 (RACE_TRIALS).
 */
export const RACE_TRIALS = Math.max(1, Number(process.env.RACE_TRIALS ?? 5))
