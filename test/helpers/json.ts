// Paths into parsed JSON/YAML documents, for the fuzz and hostile-input tests.

export type JsonPath = (string | number)[];

/**
 * Every path in a value, depth first: each container and each leaf (the root is `[]`), or the
 * leaves alone (scalars and nulls; empty containers have none).
 */
export function jsonPaths(value: unknown, leavesOnly = false, prefix: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  const container = value !== null && typeof value === 'object';
  if (!leavesOnly || !container) out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => jsonPaths(v, leavesOnly, [...prefix, i], out));
  else if (container) for (const [k, v] of Object.entries(value)) jsonPaths(v, leavesOnly, [...prefix, k], out);
  return out;
}
