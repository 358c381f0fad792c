/**
 * Bounds for the statistical tests of sampling. Each test uses a fixed seed, so it is
 * deterministic; the bounds say how far from theory a correct sampler would stray in 99.9% of
 * seeds, so a failure means a wrong sampler, not bad luck.
 */

/** Two-sided 99.9% standard normal quantile, z(0.9995). */
export const Z999 = 3.2905;

/** Sample mean, sample variance and sample fourth central moment of *xs*. */
export function sampleMoments(xs: readonly number[]): { mean: number; variance: number; m4: number } {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d = (x - mean) ** 2;
    m2 += d;
    m4 += d * d;
  }
  return { mean, variance: m2 / (n - 1), m4: m4 / n };
}

/**
 * Half-width of the 99.9% bound on the sample mean of n draws with variance *variance*:
 * z · σ / √n (central limit theorem).
 */
export function meanBound(variance: number, n: number): number {
  return Z999 * Math.sqrt(variance / n);
}

/**
 * Half-width of the 99.9% bound on the sample variance of n draws: z · √((μ4 − σ⁴) / n), the
 * asymptotic standard error of s² (CLT applied to the squared deviations), with the fourth
 * central moment μ4 and σ⁴ estimated from the sample itself.
 */
export function varianceBound(m4: number, variance: number, n: number): number {
  return Z999 * Math.sqrt((m4 - variance * variance) / n);
}

/**
 * The 99.9% quantile of chi-square with *df* degrees of freedom, by the Wilson-Hilferty
 * approximation (good to well under 1% for df above 30).
 */
export function chiSquare999(df: number): number {
  const a = 2 / (9 * df);
  return df * (1 - a + 3.0902 * Math.sqrt(a)) ** 3;
}
