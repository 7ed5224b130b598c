/** Refs grouped by object, the groups and each group's refs in the order they came: one query or batch call per object. */
export function groupByObject<R extends { object: string }>(refs: readonly R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const ref of refs) {
    const group = groups.get(ref.object);
    if (group) group.push(ref);
    else groups.set(ref.object, [ref]);
  }
  return groups;
}
