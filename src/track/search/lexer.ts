import { InvalidParameterValueError } from "../errors.js";

/** A token of the filter / order-by grammar. `pos` is its offset in the input. */
export type Token =
  | { kind: "word"; text: string; pos: number }
  /** An identifier with a quoted part: `metrics.\`my key\`` -> prefix "metrics", key "my key". */
  | { kind: "quoted-ident"; prefix: string | null; key: string; pos: number }
  | { kind: "string"; value: string; quote: "'" | '"'; pos: number }
  | { kind: "number"; text: string; pos: number }
  | { kind: "op"; text: string; pos: number }
  | { kind: "punct"; text: "(" | ")" | ","; pos: number }
  | { kind: "eof"; pos: number };

const WORD_START = /[A-Za-z_]/;
const WORD_CHAR = /[A-Za-z0-9_.]/;
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/;

/**
 * Reads a quoted string starting at `start`. As in MLflow (whose SQL lexer keeps the text between
 * the outer quotes verbatim), a doubled quote does not end the string and is kept as is:
 * `'it''s'` is the 5-character value `it''s`.
 */
function readQuoted(input: string, start: number, quote: string): { value: string; end: number } {
  let i = start + 1;
  for (;;) {
    const close = input.indexOf(quote, i);
    if (close < 0)
      throw new InvalidParameterValueError(
        `Invalid filter string '${input}': unterminated ${quote} quote at position ${start}`,
      );
    if (quote !== "`" && input[close + 1] === quote) {
      i = close + 2;
      continue;
    }
    return { value: input.slice(start + 1, close), end: close + 1 };
  }
}

/**
 * Splits a filter or order-by string into tokens. Keywords (AND, OR, LIKE, ...) come out as
 * words and are recognised case-insensitively by the parser. Quoted strings have no escapes (as
 * in MLflow): a value cannot contain its own quote character.
 */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const pos = i;
    if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ kind: "punct", text: ch, pos });
      i++;
    } else if (ch === "'" || ch === '"') {
      const q = readQuoted(input, i, ch);
      tokens.push({ kind: "string", value: q.value, quote: ch, pos });
      i = q.end;
    } else if (ch === "`") {
      const q = readQuoted(input, i, "`");
      tokens.push({ kind: "quoted-ident", prefix: null, key: q.value, pos });
      i = q.end;
    } else if (WORD_START.test(ch)) {
      let j = i + 1;
      while (j < input.length && WORD_CHAR.test(input[j]!)) j++;
      const word = input.slice(i, j);
      const next = input[j];
      if (word.endsWith(".") && (next === "`" || next === '"')) {
        const q = readQuoted(input, j, next);
        tokens.push({ kind: "quoted-ident", prefix: word.slice(0, -1), key: q.value, pos });
        i = q.end;
      } else {
        tokens.push({ kind: "word", text: word, pos });
        i = j;
      }
    } else if (/[-\d.]/.test(ch) && NUMBER.test(input.slice(i))) {
      const m = NUMBER.exec(input.slice(i))!;
      tokens.push({ kind: "number", text: m[0], pos });
      i += m[0].length;
    } else if (/[=!<>]/.test(ch)) {
      let j = i + 1;
      while (j < input.length && /[=!<>]/.test(input[j]!)) j++;
      tokens.push({ kind: "op", text: input.slice(i, j), pos });
      i = j;
    } else {
      throw new InvalidParameterValueError(
        `Invalid filter string '${input}': unexpected character '${ch}' at position ${pos}`,
      );
    }
  }
  tokens.push({ kind: "eof", pos: input.length });
  return tokens;
}
