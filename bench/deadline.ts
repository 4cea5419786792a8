/** Time limits for the benchmark's waits, so a stuck phase is reported instead of hanging the run. */

/** Resolves with the work's result, or with null once `msLimit` has passed. */
export function withDeadline<T>(work: Promise<T>, msLimit: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), msLimit)));
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/** Like withDeadline, but a missed deadline is an error that names the phase. */
export async function phase<T>(what: string, work: Promise<T>, msLimit: number): Promise<T> {
  const result = await withDeadline(work.then((value) => ({ value })), msLimit);
  if (!result) throw new Error(`bench: ${what} did not finish within ${msLimit / 1000} s`);
  return result.value;
}

/**
 * Polls `check` every 20 ms until it returns something truthy (resolved with it), or throws after
 * `msLimit` (naming `what`, and the last error `check` threw, if any).
 */
export async function pollUntil<T>(check: () => T | Promise<T>, what: string, msLimit = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + msLimit;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`Timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}
