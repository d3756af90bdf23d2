/**
 * The frontend messages of a script (Parse, Bind, Describe, Execute, then Sync) encoded into one
 * buffer, byte for byte what pg's serializer sends (text parameters, text results): one buffer
 * and one socket write per script, instead of an allocation per message, a corked write of each
 * and a vectored write of dozens of small buffers. Not reentrant: `finish` hands the bytes out
 * before the next script starts.
 */
export class PipelineWriter {
  private buf = Buffer.allocUnsafe(16384);
  private at = 0;

  /** Parse of a named statement (or the unnamed one, ""), parameter types left to the server. */
  parse(name: string, text: string): void {
    const start = this.begin(0x50, 8 + 3 * (name.length + text.length));
    this.cstring(name);
    this.cstring(text);
    this.int16(0);
    this.end(start);
  }

  /** Bind of the unnamed portal to `statement`, every parameter and result in text format. */
  bind(statement: string, values: readonly (string | null)[]): void {
    const n = values.length;
    const start = this.begin(0x42, 16 + 3 * statement.length + 2 * n);
    this.cstring("");
    this.cstring(statement);
    this.int16(n);
    for (let i = 0; i < n; i++) this.int16(0);
    this.int16(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null) {
        this.ensure(4);
        this.int32At(this.at, -1);
        this.at += 4;
        continue;
      }
      this.ensure(4 + 3 * v.length);
      const bytes = this.utf8At(this.at + 4, v);
      this.int32At(this.at, bytes);
      this.at += 4 + bytes;
    }
    this.int16(1);
    this.int16(0);
    this.end(start);
  }

  /** Describe and Execute of the unnamed portal (all rows). */
  describeExecute(): void {
    this.ensure(DESCRIBE_EXECUTE.length);
    this.at += DESCRIBE_EXECUTE.copy(this.buf, this.at);
  }

  /** Execute of the unnamed portal (all rows), without a Describe (the rows' fields are known). */
  execute(): void {
    this.ensure(EXECUTE.length);
    this.at += EXECUTE.copy(this.buf, this.at);
  }

  /** Ends the script with Sync and returns its bytes (a copy: the scratch buffer is reused). */
  finish(): Buffer {
    this.ensure(SYNC.length);
    this.at += SYNC.copy(this.buf, this.at);
    const out = Buffer.allocUnsafe(this.at);
    this.buf.copy(out, 0, 0, this.at);
    this.at = 0;
    return out;
  }

  /** Drops what was written (a script that could not be encoded). */
  reset(): void {
    this.at = 0;
  }

  private begin(code: number, room: number): number {
    this.ensure(5 + room);
    const start = this.at;
    this.buf[start] = code;
    this.at += 5;
    return start;
  }

  /** Writes the length of the message that starts at `start` (code excluded). */
  private end(start: number): void {
    this.int32At(start + 1, this.at - start - 1);
  }

  private cstring(s: string): void {
    this.ensure(1 + 3 * s.length);
    this.at += this.utf8At(this.at, s);
    this.buf[this.at++] = 0;
  }

  private int16(v: number): void {
    this.ensure(2);
    this.buf[this.at] = (v >>> 8) & 0xff;
    this.buf[this.at + 1] = v & 0xff;
    this.at += 2;
  }

  /**
   * Byte stores instead of Buffer's checked writers: these few lines are all the optimising
   * compiler has to compile (once per process) on this path.
   */
  private int32At(at: number, v: number): void {
    const b = this.buf;
    b[at] = (v >>> 24) & 0xff;
    b[at + 1] = (v >>> 16) & 0xff;
    b[at + 2] = (v >>> 8) & 0xff;
    b[at + 3] = v & 0xff;
  }

  /** Writes `s` as UTF-8 at `at` (room for 3 bytes per unit ensured), returns its byte count. */
  private utf8At(at: number, s: string): number {
    const b = this.buf;
    const n = s.length;
    // Parameters are mostly numbers and ASCII JSON: copied unit by unit, else Buffer's encoder.
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return b.write(s, at, "utf8");
      b[at + i] = c;
    }
    return n;
  }

  private ensure(room: number): void {
    if (this.at + room <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.at + room));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }
}

/** Describe of the unnamed portal, then Execute of it with no row limit. */
const DESCRIBE_EXECUTE = Buffer.from([0x44, 0, 0, 0, 6, 0x50, 0, 0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0]);
const EXECUTE = DESCRIBE_EXECUTE.subarray(7);
const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);
