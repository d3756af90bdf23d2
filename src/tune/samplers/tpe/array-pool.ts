/** Where the TPE code takes its working arrays from. */
export interface ArraySource {
  f64(n: number): Float64Array;
  u32(n: number): Uint32Array;
  i32(n: number): Int32Array;
}

/** New zeroed arrays every time. */
export const FRESH_ARRAYS: ArraySource = {
  f64: (n) => new Float64Array(n),
  u32: (n) => new Uint32Array(n),
  i32: (n) => new Int32Array(n),
};

/**
 * Typed arrays reused from one suggestion to the next. A TPE suggestion over N trials needs
 * dozens of arrays of about N numbers; allocating each (an off-heap backing store, later
 * collected) cost more than filling it. The pool hands its arrays out in request order, as
 * views of the requested length with whatever the previous user left in them; {@link reset}
 * takes them all back, so everything built from them is invalid after it.
 */
export class ArrayPool implements ArraySource {
  private readonly f64s: Float64Array[] = [];
  private readonly u32s: Uint32Array[] = [];
  private readonly i32s: Int32Array[] = [];
  private nf64 = 0;
  private nu32 = 0;
  private ni32 = 0;

  /** Makes every array handed out so far available again. */
  reset(): void {
    this.nf64 = 0;
    this.nu32 = 0;
    this.ni32 = 0;
  }

  /** A Float64Array of length n, not cleared. */
  f64(n: number): Float64Array {
    let a = this.f64s[this.nf64];
    if (a === undefined || a.length < n) this.f64s[this.nf64] = a = new Float64Array(capacity(n));
    this.nf64++;
    return a.subarray(0, n);
  }

  /** A Uint32Array of length n, not cleared. */
  u32(n: number): Uint32Array {
    let a = this.u32s[this.nu32];
    if (a === undefined || a.length < n) this.u32s[this.nu32] = a = new Uint32Array(capacity(n));
    this.nu32++;
    return a.subarray(0, n);
  }

  /** An Int32Array of length n, not cleared. */
  i32(n: number): Int32Array {
    let a = this.i32s[this.ni32];
    if (a === undefined || a.length < n) this.i32s[this.ni32] = a = new Int32Array(capacity(n));
    this.ni32++;
    return a.subarray(0, n);
  }
}

/** Room to grow: the observations grow by one per trial. */
function capacity(n: number): number {
  return n + (n >> 2) + 16;
}
