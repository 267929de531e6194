/**
 * Trains a registered demo in a Web Worker and returns its state and controls.
 *
 * - One TrainingClient (one worker) per hook, disposed on unmount; StrictMode-safe, since
 *   the client spawns its worker on `start`, not on construction.
 * - A change of demo, seed, input, backend or any param not in `liveParams` restarts the run
 *   (new runId; replies from the old one are ignored). Changes of live params are sent to the
 *   running session.
 * - Off screen (`visible: false`) the worker stops sending snapshots; training continues.
 * - Backend: `opts.backend`, else the page URL's `?backend=` (webgpu, webgl, wasm, cpu),
 *   else 'auto', probed once per page and shared by every widget.
 */
import { useEffect, useEffectEvent, useMemo, useState, useSyncExternalStore } from 'react';
import type { Plain } from '../../core/demo';
import type { AnyParamValues } from '../../core/params';
import { parseBackendChoice } from '../../runtime/backendChoice';
import { TrainingClient } from '../../runtime/trainingClient';
import type { BackendChoice, TrainerControls, TrainerOptions, TrainerState } from './trainerTypes';

/** The reader's backend override from the page URL (`?backend=webgl`), else 'auto'. */
export function pageBackendChoice(
  search: string = typeof window === 'undefined' ? '' : window.location.search,
): BackendChoice {
  return parseBackendChoice(new URLSearchParams(search).get('backend')) ?? 'auto';
}

/** FNV-1a over the bytes of a typed array: cheap enough to compare drawn point sets by value. */
function hashBytes(view: ArrayBufferView): string {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return (h >>> 0).toString(16);
}

/** A string equal for equal values: object keys sorted, typed arrays by type, length and hash. */
export function valueKey(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) => {
      if (ArrayBuffer.isView(v)) return `${v.constructor.name}[${v.byteLength}]#${hashBytes(v)}`;
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      }
      return v;
    }) ?? 'undefined'
  );
}

function pick(params: AnyParamValues, keep: (name: string) => boolean): AnyParamValues {
  return Object.fromEntries(Object.entries(params).filter(([k]) => keep(k)));
}

export function useTrainer<S extends Plain = Plain>(opts: TrainerOptions): TrainerState<S> & TrainerControls {
  const [client] = useState(() => new TrainingClient());
  const state = useSyncExternalStore(client.subscribe, client.getState, client.getState) as TrainerState<S>;

  const liveNames = (opts.liveParams ?? []).join(',');
  const isLive = (name: string) => (opts.liveParams ?? []).includes(name);
  const backend = opts.backend ?? pageBackendChoice();
  const inputKey = useMemo(() => valueKey(opts.input), [opts.input]);
  const restartKey = valueKey([opts.demo, opts.seed, backend, inputKey, pick(opts.params, (k) => !isLive(k))]);
  const liveKey = valueKey(pick(opts.params, isLive));
  const visible = opts.visible ?? true;
  const speed = opts.speed ?? null;

  const startRun = useEffectEvent(() => {
    if (!opts.demo) return;
    const wasRunning = client.getState().status === 'running';
    client.start({
      demo: opts.demo,
      params: opts.params,
      seed: opts.seed,
      input: opts.input,
      backend,
      autoplay: (opts.autoplay ?? false) || wasRunning,
    });
  });
  const sendLiveParams = useEffectEvent(() => client.setParams(pick(opts.params, isLive)));

  // Speed and snapshots first, so that a start in the same commit already carries them.
  useEffect(() => client.setSpeed(speed), [client, speed]);
  useEffect(() => client.setSnapshots(visible), [client, visible]);
  useEffect(() => {
    startRun();
  }, [client, restartKey]);
  useEffect(() => {
    sendLiveParams();
  }, [client, liveKey]);
  useEffect(() => () => client.dispose(), [client]);

  const controls = useMemo<TrainerControls>(() => {
    const live = liveNames ? liveNames.split(',') : [];
    return {
      play: () => client.play(),
      pause: () => client.pause(),
      stepForward: (n = 1) => client.step(n),
      reset: () => client.restart({ autoplay: client.getState().status === 'running' }),
      setParams: (p) => {
        const current = client.currentConfig?.params ?? {};
        const restartNeeded = Object.entries(p).some(([k, v]) => !live.includes(k) && current[k] !== v);
        if (restartNeeded) {
          client.restart({ params: { ...current, ...p }, autoplay: client.getState().status === 'running' });
        } else {
          client.setParams(p);
        }
      },
      requestSnapshot: () => client.requestSnapshot(),
      dismissNotice: (id) => client.dismissNotice(id),
      debug: (action) => client.debug(action),
    };
  }, [client, liveNames]);

  return useMemo((): TrainerState<S> & TrainerControls => ({ ...state, ...controls }), [state, controls]);
}
