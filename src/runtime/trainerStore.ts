/**
 * The TrainingClient's state as an external store for React's `useSyncExternalStore`
 * (`subscribe` + `getState`), with its notices. Listeners run at most once per flush.
 */
import { INITIAL_TRAINER_STATE, type TrainerNoticeKind, type TrainerState } from './trainerState';

export class TrainerStore {
  protected state: TrainerState = INITIAL_TRAINER_STATE;
  private readonly listeners = new Set<() => void>();
  private noticeSeq = 0;
  private flushPending = false;

  /**
   * @param scheduleFlush when to tell listeners about new state
   * @param maxNotices most notices kept; older ones are dropped
   */
  constructor(
    private readonly scheduleFlush: (flush: () => void) => void,
    private readonly maxNotices: number,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): TrainerState => this.state;

  dismissNotice(id: number): void {
    if (this.state.notices.some((n) => n.id === id)) {
      this.update({ notices: this.state.notices.filter((n) => n.id !== id) });
    }
  }

  protected notify(kind: TrainerNoticeKind, message: string): number {
    const id = ++this.noticeSeq;
    this.update({ notices: [...this.state.notices, { id, kind, message }].slice(-this.maxNotices) });
    return id;
  }

  protected update(patch: Partial<TrainerState>): void {
    this.state = { ...this.state, ...patch };
    if (this.flushPending) return;
    this.flushPending = true;
    this.scheduleFlush(this.flush);
  }

  /**
   * Listeners (React renders) run at most once per animation frame with the latest state: a
   * figure that takes longer to draw than the worker takes between snapshots then skips
   * snapshots instead of queueing a render for each, so the page stays responsive.
   */
  private readonly flush = (): void => {
    this.flushPending = false;
    for (const listener of this.listeners) listener();
  };
}
