/**
 * Pure encoding of one widget's settings in the page's query string. Every key of widget
 * `id` is `${id}.${name}`; `${id}.seed` and `${id}.present` are reserved. Only values that
 * differ from the widget's defaults (table defaults overridden by the chapter's preset) are
 * written, so a link stays short and reproduces exactly this widget.
 */
import {
  coerceParam,
  parseParams,
  serializeParams,
  type ParamNotice,
  type ParamTable,
  type ParamValues,
} from '../../core/params';

export const DEFAULT_SEED = 1;
export const MAX_SEED = 0xffffffff;
const SEED = 'seed';
const PRESENT = 'present';

export function widgetKey(id: string, name: string): string {
  return `${id}.${name}`;
}

export interface WidgetUrlState<T extends ParamTable> {
  values: ParamValues<T>;
  notices: ParamNotice[];
  seed: number;
  presenting: boolean;
}

export interface WidgetDefaults<T extends ParamTable> {
  /** The table with each default replaced by the (validated) preset value. */
  table: T;
  seed: number;
  /** Preset values that did not fit the table (a chapter typo), explained. */
  notices: ParamNotice[];
}

/**
 * Folds a chapter preset into the table's defaults. A preset `seed` sets the default seed.
 * Invalid preset values are clamped like URL values and reported.
 */
export function applyPreset<T extends ParamTable>(table: T, preset?: Record<string, unknown>): WidgetDefaults<T> {
  const out: Record<string, unknown> = { ...table };
  const notices: ParamNotice[] = [];
  let seed = DEFAULT_SEED;
  for (const [name, raw] of Object.entries(preset ?? {})) {
    if (raw === undefined) continue;
    if (name === SEED) {
      const parsed = parseSeed(raw);
      seed = parsed.value ?? DEFAULT_SEED;
      if (parsed.notice) notices.push({ ...parsed.notice, used: seed });
      continue;
    }
    const spec = table[name];
    if (!spec) {
      notices.push({ name, given: String(raw), used: '', reason: `unknown preset "${name}" ignored` });
      continue;
    }
    const { value, notice } = coerceParam(name, spec, raw);
    out[name] = { ...spec, default: value };
    if (notice) notices.push(notice);
  }
  return { table: out as T, seed, notices };
}

/** Seeds are unsigned 32-bit integers (what createRng uses). */
export function parseSeed(raw: unknown): { value: number | null; notice?: ParamNotice } {
  const given = String(raw);
  const x = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(x)) {
    return { value: null, notice: { name: SEED, given, used: '', reason: `"${given}" is not a number; using the default seed` } };
  }
  const v = Math.min(MAX_SEED, Math.max(0, Math.round(x)));
  if (v !== x) {
    return { value: v, notice: { name: SEED, given, used: v, reason: `seeds are whole numbers in [0, ${MAX_SEED}]; using ${v}` } };
  }
  return { value: v };
}

/** Reads widget `id`'s settings from a query string, validating and clamping with notices. */
export function readWidgetUrlState<T extends ParamTable>(
  search: string,
  id: string,
  defaults: WidgetDefaults<T>,
): WidgetUrlState<T> {
  const query = new URLSearchParams(search);
  const prefix = `${id}.`;
  const raw: Record<string, string> = {};
  let seedText: string | undefined;
  let presentText: string | undefined;
  for (const [key, text] of query) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    if (name === SEED) seedText = text;
    else if (name === PRESENT) presentText = text;
    else raw[name] = text;
  }
  const { values, notices } = parseParams(defaults.table, raw);
  let seed = defaults.seed;
  if (seedText !== undefined) {
    const parsed = parseSeed(seedText);
    seed = parsed.value ?? defaults.seed;
    if (parsed.notice) notices.push({ ...parsed.notice, used: seed });
  }
  const presenting = presentText === '1' || presentText === 'true';
  return { values, notices, seed, presenting };
}

/**
 * Returns `search` with widget `id`'s keys replaced by the given state. Keys of other widgets
 * and of the page (debug, backend) are kept in place.
 */
export function writeWidgetUrlState<T extends ParamTable>(
  search: string,
  id: string,
  defaults: WidgetDefaults<T>,
  state: { values: Partial<ParamValues<T>>; seed: number; presenting: boolean },
): string {
  const query = new URLSearchParams(search);
  const prefix = `${id}.`;
  for (const key of [...query.keys()]) if (key.startsWith(prefix)) query.delete(key);
  for (const [name, text] of Object.entries(serializeParams(defaults.table, state.values))) {
    query.set(widgetKey(id, name), text);
  }
  if (state.seed !== defaults.seed) query.set(widgetKey(id, SEED), String(state.seed));
  if (state.presenting) query.set(widgetKey(id, PRESENT), '1');
  const text = query.toString();
  return text ? `?${text}` : '';
}

/**
 * The query string of a link that reproduces only widget `id` (other widgets' keys and page
 * flags such as debug are dropped), with presenting turned off.
 */
export function shareableSearch<T extends ParamTable>(
  id: string,
  defaults: WidgetDefaults<T>,
  state: { values: Partial<ParamValues<T>>; seed: number },
): string {
  return writeWidgetUrlState('', id, defaults, { ...state, presenting: false });
}

/** A stable identity for a notice, so a dismissed one stays dismissed while the URL is unchanged. */
export function noticeKey(n: ParamNotice): string {
  return `${n.name}\u0000${n.given}\u0000${n.reason}`;
}
