/**
 * Workflow time, read in this one place: inside the sandbox `Date` is pinned
 * to the time of the workflow task being replayed, so this is deterministic.
 */
export function workflowNow(): Date {
  // eslint-disable-next-line no-restricted-syntax
  return new Date();
}
