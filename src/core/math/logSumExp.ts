/**
 * log Σ_i exp(a_i), computed stably by factoring out the maximum. Returns -Infinity for an
 * empty or all -Infinity input and +Infinity if any term is +Infinity.
 * @param values the terms a_i
 * @param start first index used (default 0)
 * @param length number of terms used (default: to the end)
 */
export function logSumExp(values: ArrayLike<number>, start = 0, length = values.length - start): number {
  let max = -Infinity;
  for (let i = start; i < start + length; i++) if (values[i] > max) max = values[i];
  if (max === -Infinity || max === Infinity) return max;
  let s = 0;
  for (let i = start; i < start + length; i++) s += Math.exp(values[i] - max);
  return max + Math.log(s);
}

/** log(e^a + e^b) for two terms, without allocating. */
export function logAddExp(a: number, b: number): number {
  const m = Math.max(a, b);
  if (m === -Infinity || m === Infinity) return m;
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}
