/** HubSpot batch endpoints take at most 100 records (associations: 1,000). */
export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Refs grouped by object type, in the order they came. */
export function byObject<R extends { object: string }>(refs: readonly R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const ref of refs) {
    const group = groups.get(ref.object);
    if (group) group.push(ref);
    else groups.set(ref.object, [ref]);
  }
  return groups;
}
