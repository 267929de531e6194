/**
 * Typed parameter tables. Every demo and widget declares its settable properties here once;
 * the same table drives the widget's controls, URL state (validated and clamped, with notices)
 * and the CLI's `--name value` flags.
 */
interface SpecBase {
  label: string;
  help?: string;
}
export interface NumberSpec extends SpecBase {
  kind: 'number';
  min: number;
  max: number;
  step?: number;
  default: number;
  unit?: string;
  /** 'log' makes a slider move geometrically (learning rates). */
  scale?: 'linear' | 'log';
}
export interface IntSpec extends SpecBase {
  kind: 'int';
  min: number;
  max: number;
  step?: number;
  default: number;
  unit?: string;
}
export interface SelectSpec<O extends string = string> extends SpecBase {
  kind: 'select';
  options: readonly O[];
  optionLabels?: Partial<Record<O, string>>;
  default: O;
}
export interface BooleanSpec extends SpecBase {
  kind: 'boolean';
  default: boolean;
}
export type ParamSpec = NumberSpec | IntSpec | SelectSpec | BooleanSpec;
export type ParamTable = Record<string, ParamSpec>;

export type ParamValue<S extends ParamSpec> = S extends BooleanSpec
  ? boolean
  : S extends SelectSpec<infer O>
    ? O
    : number;
export type ParamValues<T extends ParamTable> = { [K in keyof T]: ParamValue<T[K]> };
export type AnyParamValues = Record<string, number | string | boolean>;

/** A value that was rejected or changed while parsing, explained for the reader. */
export interface ParamNotice {
  name: string;
  given: string;
  used: number | string | boolean;
  reason: string;
}

export function defaultParams<T extends ParamTable>(table: T): ParamValues<T> {
  const out: AnyParamValues = {};
  for (const [name, spec] of Object.entries(table)) out[name] = spec.default;
  return out as ParamValues<T>;
}

/**
 * Validates one raw value (from a URL, a CLI flag or a control) against its spec:
 * numbers are clamped into [min, max] and snapped to integers for 'int'; unknown
 * options and malformed values fall back to the default. Returns a notice when the
 * value used differs from the value given.
 */
export function coerceParam(
  name: string,
  spec: ParamSpec,
  raw: unknown,
): { value: number | string | boolean; notice?: ParamNotice } {
  const given = String(raw);
  const fallback = (reason: string) => ({
    value: spec.default,
    notice: { name, given, used: spec.default, reason },
  });
  switch (spec.kind) {
    case 'boolean': {
      if (raw === true || raw === 'true' || raw === '1') return { value: true };
      if (raw === false || raw === 'false' || raw === '0') return { value: false };
      return fallback(`"${given}" is not true or false; using the default`);
    }
    case 'select': {
      if (typeof raw === 'string' && (spec.options as readonly string[]).includes(raw)) return { value: raw };
      return fallback(`"${given}" is not one of ${spec.options.join(', ')}; using the default`);
    }
    case 'number':
    case 'int': {
      const x = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(x)) return fallback(`"${given}" is not a finite number; using the default`);
      let v = spec.kind === 'int' ? Math.round(x) : x;
      if (v < spec.min) v = spec.min;
      if (v > spec.max) v = spec.max;
      if (v !== x) {
        const reason =
          x < spec.min || x > spec.max
            ? `${given} is outside [${spec.min}, ${spec.max}]; clamped to ${v}`
            : `${given} is not an integer; rounded to ${v}`;
        return { value: v, notice: { name, given, used: v, reason } };
      }
      return { value: v };
    }
  }
}

/**
 * Parses a record of raw strings (URL search params, CLI flags) against a table.
 * Unknown names are reported and ignored; missing names take their defaults.
 */
export function parseParams<T extends ParamTable>(
  table: T,
  raw: Record<string, string | undefined>,
): { values: ParamValues<T>; notices: ParamNotice[] } {
  const values: AnyParamValues = { ...defaultParams(table) };
  const notices: ParamNotice[] = [];
  for (const [name, text] of Object.entries(raw)) {
    if (text === undefined) continue;
    const spec = table[name];
    if (!spec) {
      notices.push({ name, given: text, used: '', reason: `unknown setting "${name}" ignored` });
      continue;
    }
    const { value, notice } = coerceParam(name, spec, text);
    values[name] = value;
    if (notice) notices.push(notice);
  }
  return { values: values as ParamValues<T>, notices };
}

/** Serializes only the values that differ from their defaults, for short shareable URLs. */
export function serializeParams<T extends ParamTable>(
  table: T,
  values: Partial<ParamValues<T>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(table)) {
    const v = (values as AnyParamValues)[name];
    if (v === undefined || v === spec.default) continue;
    out[name] = String(v);
  }
  return out;
}
