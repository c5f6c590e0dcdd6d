// How deep the property and fuzz suites go. `npm test` runs every property at a fortieth of its full
// case count (at least 10), so the everyday loop stays under a minute on two cores;
// `npm run test:deep` (KPLAN_TEST_DEPTH=deep, also run by .ci/run) runs the full counts.

export const DEEP = process.env.KPLAN_TEST_DEPTH === 'deep';

/**
 * The case count for a property whose full depth is `full` cases: `full / share` in `npm test`
 * (a fortieth unless the caller asks for less), at least 10.
 */
export function runs(full: number, share = 40): number {
  return DEEP ? full : Math.max(10, Math.ceil(full / share));
}
