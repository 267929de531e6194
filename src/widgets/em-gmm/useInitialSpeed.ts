/**
 * Starts a widget at a steps-per-second cap instead of the frame's "max", once on mount: EM
 * converges in a dozen iterations of a few milliseconds, which at full speed finishes before the
 * reader sees a single frame. The reader can still choose any speed. Use one of the frame's
 * SPEED_CHOICES (1, 5, 20, 60) so the speed menu shows it.
 * (A `defaultSpeed` option on useWidget would replace this; elbo-split carries the same hook.)
 */
import { useEffect, useRef } from 'react';
import type { ParamTable } from '../../core/params';
import type { WidgetState } from '../frame';

export function useInitialSpeed<T extends ParamTable>(w: WidgetState<T>, stepsPerSecond: number): void {
  const applied = useRef(false);
  const { setSpeed } = w;
  useEffect(() => {
    if (applied.current) return;
    applied.current = true;
    setSpeed(stepsPerSecond);
  }, [setSpeed, stepsPerSecond]);
}
