/**
 * Polls `probe` until `check` accepts its value or `timeoutMs` passes, and returns the last value
 * either way, so the test's own assertion reports what was really there.
 */
export async function waitFor<T>(
  probe: () => Promise<T> | T,
  check: (value: T) => boolean,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    value = await probe();
  }
  return value;
}
