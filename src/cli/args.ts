import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from '../errors.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with our error style: an unknown option is a usage error naming the command. */
export function parse<O extends Options>(
  command: string,
  argv: string[],
  options: O,
  allowPositionals = true,
) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw usageError(
      `${command}: ${(err as Error).message.replace(/\. To specify a positional[\s\S]*$/, '').replace(/\s*\n\s*/g, ' ')}`,
    );
  }
  if (!allowPositionals && parsed.positionals.length)
    throw usageError(`${command}: unexpected argument "${parsed.positionals[0]}"`);
  return parsed;
}

export function intOption(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw usageError(`--${name} ${value}: expected a whole number ≥ ${min}`);
  return n;
}

export const list = (v: string | undefined): string[] =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
