/**
 * Transcendental functions built only from + − × ÷ and sqrt, which IEEE 754 rounds exactly, so
 * they give the same bits in every JavaScript engine. `Math.exp`, `Math.log`, `Math.pow`, `**` and
 * the trigonometric functions are not specified to the last bit: Chromium and Node have been seen
 * to disagree, which broke browser replays of server matches. The engine uses these instead (a
 * lint rule forbids the others under shared/). Kernels and constants follow fdlibm; accuracy is
 * about one ulp, determinism is exact.
 */

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700e0;
const SQRT1_2 = 0.7071067811865476;

/** 2^k for an integer k, by exact multiplications by two. */
function pow2(k: number): number {
  let result = 1;
  let base = k >= 0 ? 2 : 0.5;
  let n = Math.abs(k);
  while (n > 0) {
    if (n % 2 === 1) result *= base;
    base *= base;
    n = Math.floor(n / 2);
  }
  return result;
}

export function exp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const k = Math.round(x * INV_LN2);
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (1.66666666666666019037e-1 + t * (-2.77777777770155933842e-3 + t * (6.61375632143793436117e-5 + t * (-1.65339022054652515390e-6 + t * 4.13813679705723846039e-8))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  // Split the scale so 2^k never overflows or underflows on its own.
  const half = Math.trunc(k / 2);
  return y * pow2(half) * pow2(k - half);
}

export function log(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let m = x;
  let k = 0;
  // Bring m into [√½, √2): each step is an exact scaling by two.
  while (m >= 1024) { m /= 1024; k += 10; }
  while (m < 1 / 1024) { m *= 1024; k -= 10; }
  while (m >= 2 * SQRT1_2) { m /= 2; k += 1; }
  while (m < SQRT1_2) { m *= 2; k -= 1; }
  const f = m - 1;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (3.999999999940941908e-1 + w * (2.222219843214978396e-1 + w * 1.531383769920937332e-1));
  const t2 = z * (6.666666666666735130e-1 + w * (2.857142874366239149e-1 + w * (1.818357216161805012e-1 + w * 1.479819860511658591e-1)));
  const R = t2 + t1;
  const hfsq = 0.5 * f * f;
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
}

/** x^y; integer exponents by exact repeated squaring, others through exp and log. */
export function pow(x: number, y: number): number {
  if (y === 0) return 1;
  if (Number.isInteger(y) && Math.abs(y) <= 1024) {
    let result = 1;
    let base = x;
    let n = Math.abs(y);
    while (n > 0) {
      if (n % 2 === 1) result *= base;
      base *= base;
      n = Math.floor(n / 2);
    }
    return y < 0 ? 1 / result : result;
  }
  if (x === 0) return y > 0 ? 0 : Infinity;
  if (x < 0) return NaN;
  return exp(y * log(x));
}

export function tanh(x: number): number {
  if (x > 20) return 1;
  if (x < -20) return -1;
  const e = exp(2 * x);
  return (e - 1) / (e + 1);
}

const PIO2_HI = 1.57079632673412561417e0;
const PIO2_LO = 6.07710050650619224932e-11;

function kernelCos(x: number): number {
  const z = x * x;
  const r = z * (4.16666666666666019037e-2 + z * (-1.38888888888741095749e-3 + z * (2.48015872894767294178e-5 + z * (-2.75573143513906633035e-7 + z * (2.08757232129817482790e-9 + z * -1.13596475577881948265e-11)))));
  return 1 - (0.5 * z - z * r);
}

function kernelSin(x: number): number {
  const z = x * x;
  const r = 8.33333333332248946124e-3 + z * (-1.98412698298579493134e-4 + z * (2.75573137070700676789e-6 + z * (-2.50507602534068634195e-8 + z * 1.58969099521155010221e-10)));
  return x + x * z * (-1.66666666666666324348e-1 + z * r);
}

/** cos(x) for |x| up to a few thousand (the engine only needs cos(2πu) with u in [0, 1)). */
export function cos(x: number): number {
  // Whole turns first (2π = 4 × π/2), then quadrants.
  const q = Math.round(x / (4 * PIO2_HI));
  const a = x - q * 4 * PIO2_HI - q * 4 * PIO2_LO;
  const n = Math.round(a / PIO2_HI);
  const r = a - n * PIO2_HI - n * PIO2_LO;
  switch (((n % 4) + 4) % 4) {
    case 0: return kernelCos(r);
    case 1: return -kernelSin(r);
    case 2: return -kernelCos(r);
    default: return kernelSin(r);
  }
}
