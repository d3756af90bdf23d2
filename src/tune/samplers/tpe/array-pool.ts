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
  private readonly f64s = new Slots((n) => new Float64Array(n));
  private readonly u32s = new Slots((n) => new Uint32Array(n));
  private readonly i32s = new Slots((n) => new Int32Array(n));

  /** Makes every array handed out so far available again. */
  reset(): void {
    this.f64s.next = 0;
    this.u32s.next = 0;
    this.i32s.next = 0;
  }

  /** A Float64Array of length n, not cleared. */
  f64(n: number): Float64Array {
    return this.f64s.take(n);
  }

  /** A Uint32Array of length n, not cleared. */
  u32(n: number): Uint32Array {
    return this.u32s.take(n);
  }

  /** An Int32Array of length n, not cleared. */
  i32(n: number): Int32Array {
    return this.i32s.take(n);
  }
}

/** The arrays of one type, handed out in request order from `next` on. */
class Slots<T extends Float64Array | Uint32Array | Int32Array> {
  private readonly arrays: T[] = [];
  next = 0;

  constructor(private readonly make: (n: number) => T) {}

  take(n: number): T {
    let a = this.arrays[this.next];
    if (a === undefined || a.length < n) this.arrays[this.next] = a = this.make(capacity(n));
    this.next++;
    return a.subarray(0, n) as T;
  }
}

/** Room to grow: the observations grow by one per trial. */
function capacity(n: number): number {
  return n + (n >> 2) + 16;
}
