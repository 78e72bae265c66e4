/** How the benchmark compares the gateways' answers before it measures them. */

/** Object keys sorted, so two gateways' answers compare by content, not by key order. */
export const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : value;

/** An answer's data in canonical form, or `failed: …` for a non-200 or an answer with errors. */
export const dataOf = (x: { status: number; body: { data?: unknown; errors?: unknown[] } }): string =>
  x.status === 200 && !x.body.errors
    ? JSON.stringify(canonical(x.body.data))
    : `failed: ${JSON.stringify(x.body).slice(0, 300)}`;
