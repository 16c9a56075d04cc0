import { parseArgs } from 'node:util';

type Spec = Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>;

/** Command-line options (`--chats 100 --db pglite`); numbers are given as strings and read with num(). */
export function options<S extends Spec>(spec: S) {
  return parseArgs({ options: spec, allowPositionals: false, strict: true }).values as unknown as {
    [K in keyof S]: S[K]['type'] extends 'boolean' ? boolean : string | undefined;
  };
}

export function num(v: string | undefined, name: string): number {
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n)) throw new Error(`--${name} must be a number`);
  return n;
}
