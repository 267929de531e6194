/**
 * `useWidget`: one widget's settings (from the URL, validated), seed, visibility, present mode
 * and, when it has a demo, its training run. <WidgetFrame> draws the state this returns.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { coerceParam, type ParamNotice, type ParamTable, type ParamValues } from '../../core/params';
import { registerDebugWidget } from './debugHook';
import { getSearch, getServerSearch, isDebugPage, subscribe, updateSearch } from './locationStore';
import type { Trainer, WidgetOptions, WidgetState } from './types';
import { useReducedMotion } from './useMediaQuery';
import { useTrainer } from './useTrainer';
import { useVisibility } from './useVisibility';
import {
  applyPreset,
  noticeKey,
  parseSeed,
  readWidgetUrlState,
  shareableSearch,
  writeWidgetUrlState,
} from './urlState';

export function useWidget<T extends ParamTable>(opts: WidgetOptions<T>): WidgetState<T> {
  const { id, params } = opts;
  // Chapters pass preset literals, new objects each render: key the folding by content.
  const presetKey = JSON.stringify(opts.preset ?? {});
  const defaults = useMemo(
    () => applyPreset(params, JSON.parse(presetKey) as Record<string, unknown>),
    [params, presetKey],
  );

  const search = useSyncExternalStore(subscribe, getSearch, getServerSearch);
  const url = useMemo(() => readWidgetUrlState(search, id, defaults), [search, id, defaults]);

  // Writers re-read the latest query string, so two changes in one event both land.
  const write = useCallback(
    (change: (state: ReturnType<typeof readWidgetUrlState<T>>) => void) =>
      updateSearch((s) => {
        const state = readWidgetUrlState(s, id, defaults);
        change(state);
        return writeWidgetUrlState(s, id, defaults, state);
      }),
    [id, defaults],
  );

  const setValue = useCallback(
    <K extends keyof T & string>(name: K, value: ParamValues<T>[K]) => {
      const spec = defaults.table[name];
      if (!spec) return;
      const coerced = coerceParam(name, spec, value).value as ParamValues<T>[K];
      write((state) => {
        state.values[name] = coerced;
      });
    },
    [defaults, write],
  );
  const setSeed = useCallback(
    (n: number) => {
      const seed = parseSeed(n).value;
      if (seed !== null) write((state) => void (state.seed = seed));
    },
    [write],
  );
  const setPresenting = useCallback((on: boolean) => write((state) => void (state.presenting = on)), [write]);

  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const dismissNotice = useCallback(
    (n: ParamNotice) => setDismissed((old) => new Set(old).add(noticeKey(n))),
    [],
  );
  const notices = useMemo(
    () => [...defaults.notices, ...url.notices].filter((n) => !dismissed.has(noticeKey(n))),
    [defaults.notices, url.notices, dismissed],
  );

  const [root, setRoot] = useState<HTMLElement | null>(null);
  const visible = useVisibility(root);
  const reducedMotion = useReducedMotion();
  const [speed, setSpeed] = useState<number | null>(() =>
    typeof opts.initialSpeed === 'function' ? opts.initialSpeed(url.values) : (opts.initialSpeed ?? null),
  );

  // Always called (hooks run unconditionally); with no demo the trainer never starts a worker.
  const run = useTrainer({
    demo: opts.demo ?? '',
    params: url.values,
    seed: url.seed,
    input: opts.input,
    liveParams: opts.liveParams,
    visible,
    speed,
    autoplay: opts.autoplay,
  });
  const trainer: Trainer | null = opts.demo ? run : null;

  const latest = useRef({ trainer, url });
  useEffect(() => {
    latest.current = { trainer, url };
  });
  useEffect(() => {
    if (!isDebugPage()) return;
    return registerDebugWidget(id, {
      debug: (action) => latest.current.trainer?.debug(action),
      status: () => {
        const { trainer: t, url: u } = latest.current;
        return {
          status: t?.status ?? 'idle',
          step: t?.step ?? 0,
          backend: t?.backend ?? null,
          metrics: t?.metrics ?? null,
          notices: (t?.notices ?? []).map((n) => ({ kind: n.kind, message: n.message })),
          values: { ...u.values },
          seed: u.seed,
          presenting: u.presenting,
        };
      },
    });
  }, [id]);

  const shareLink = useCallback(() => {
    const { url: u } = latest.current;
    const query = shareableSearch(id, defaults, { values: u.values, seed: u.seed });
    return `${location.origin}${location.pathname}${query}${location.hash}`;
  }, [id, defaults]);

  return {
    id,
    params: defaults.table,
    values: url.values,
    setValue,
    notices,
    dismissNotice,
    seed: url.seed,
    setSeed,
    visible,
    presenting: url.presenting,
    setPresenting,
    reducedMotion,
    speed,
    setSpeed,
    trainer,
    shareLink,
    rootRef: setRoot,
  };
}
