/**
 * Starts a widget at a slow steps-per-second cap instead of the frame's "max", once on mount, so
 * that a run of a few hundred microsecond steps animates (and its chart gets a point per step)
 * instead of finishing before the first frame. The reader can still pick any speed.
 * (A `defaultSpeed` option on useWidget would replace this.)
 */
import { useEffect, useRef } from 'react';
import type { WidgetState } from '../frame';
import type { ParamTable } from '../../core/params';

export function useInitialSpeed<T extends ParamTable>(w: WidgetState<T>, stepsPerSecond: number): void {
  const applied = useRef(false);
  const { setSpeed } = w;
  useEffect(() => {
    if (applied.current) return;
    applied.current = true;
    setSpeed(stepsPerSecond);
  }, [setSpeed, stepsPerSecond]);
}
