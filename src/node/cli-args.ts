/** Minimal `--name value` / `--flag` parsing with typed defaults and clear errors. */
import { parseArgs } from 'node:util';

type Spec = Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>;
type Values<S extends Spec> = {
  [K in keyof S]: (S[K]['type'] extends 'boolean' ? boolean : string) |
    (S[K] extends { default: string | boolean } ? never : undefined);
};

export function parseCli<S extends Spec>(
  spec: S, usage: string, argv = process.argv.slice(2),
): Values<S> {
  try {
    const { values } = parseArgs({ args: argv, options: spec, strict: true,
      allowPositionals: false });
    return values as unknown as Values<S>;
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${usage}`);
    process.exit(2);
  }
}

export function positiveNumber(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`${flag} expects a positive number; got "${value}".`);
    process.exit(2);
  }
  return n;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s).padStart(2, '0')}s`;
}
