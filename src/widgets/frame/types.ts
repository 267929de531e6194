/**
 * The public types of the widget frame: what `useWidget` takes and returns. Widget authors
 * code against these; the frame component and the plots read the same state.
 */
import type { Plain } from '../../core/demo';
import type { ParamNotice, ParamTable, ParamValues } from '../../core/params';
import type { TrainerControls, TrainerState } from './trainerTypes';

export interface WidgetOptions<T extends ParamTable> {
  /** Unique on the page: URL keys are `${id}.${param}`, the root carries data-widget={id}. */
  id: string;
  params: T;
  /** Chapter-supplied defaults (from <Widget preset={...}>); they replace the table's defaults. */
  preset?: Partial<ParamValues<T>> | Record<string, unknown>;
  /** Registry id of a demo to train in the worker; omit for a widget without training. */
  demo?: string;
  /** Extra data passed to the demo's create() (e.g. drawn points). */
  input?: Plain;
  /** Params applied live via session.setParams; changing any other param restarts the run. */
  liveParams?: (keyof T & string)[];
  /** Start training as soon as the session is ready (default false: the reader presses Play). */
  autoplay?: boolean;
  /**
   * Steps per second the widget starts at (default: as fast as it goes). EM converges in a dozen
   * iterations of a few milliseconds, which at full speed ends before the reader sees a frame.
   * Use one of the frame's speed choices (1, 5, 20, 60) so the speed menu shows it; a function
   * gets the settings read from the URL at mount.
   */
  initialSpeed?: number | ((values: ParamValues<T>) => number);
}

export type Trainer = TrainerState & TrainerControls;

export interface WidgetState<T extends ParamTable = ParamTable> {
  id: string;
  params: T;
  values: ParamValues<T>;
  setValue<K extends keyof T & string>(name: K, value: ParamValues<T>[K]): void;
  /** URL values that were clamped or rejected, explained (kind 'param' in the frame). */
  notices: ParamNotice[];
  dismissNotice(notice: ParamNotice): void;
  seed: number;
  setSeed(n: number): void;
  /** False while the widget is off screen: plots skip their draws. */
  visible: boolean;
  presenting: boolean;
  setPresenting(on: boolean): void;
  /** True when the reader asked for less motion: widgets should not animate. */
  reducedMotion: boolean;
  /** Steps-per-second cap the reader chose; null = as fast as possible. */
  speed: number | null;
  setSpeed(s: number | null): void;
  trainer: Trainer | null;
  /** The full URL of a link that reproduces exactly this widget (settings, seed). */
  shareLink(): string;
  /** Attach to the frame's root element (done by <WidgetFrame>). */
  rootRef: (el: HTMLElement | null) => void;
}
