/**
 * Backend, speed, step and (for long work) a progress bar. The visible line updates with every
 * report; the polite live region only announces changes of status, not every step.
 */
import type { ReactNode } from 'react';
import type { Trainer } from '../types';
import { backendLabel, progressOf, statusAnnouncement } from '../status';

export function StatusLine({ trainer, extra }: { trainer: Trainer; extra?: ReactNode }) {
  const progress = progressOf(trainer.metrics);
  return (
    <div className="wf-status">
      <span className="wf-status-item" data-field="status">
        {trainer.status}
      </span>
      <span className="wf-status-item" data-field="backend" data-threads={trainer.threads ?? 1}>
        backend: {backendLabel(trainer.backend, trainer.threads)}
      </span>
      <span className="wf-status-item" data-field="speed">
        {trainer.stepsPerSecond > 0 ? `${formatRate(trainer.stepsPerSecond)} steps/s` : '– steps/s'}
      </span>
      <span className="wf-status-item" data-field="step">
        step {trainer.step.toLocaleString('en-US')}
      </span>
      {extra ? (
        <span className="wf-status-item" data-field="extra">
          {extra}
        </span>
      ) : null}
      {progress !== null ? (
        <progress className="wf-progress" max={1} value={progress} aria-label="Progress">
          {Math.round(progress * 100)}%
        </progress>
      ) : null}
      <span className="wf-sr-only" aria-live="polite">
        {statusAnnouncement(trainer.status, trainer.backend)}
      </span>
    </div>
  );
}

function formatRate(r: number): string {
  return r >= 100 ? String(Math.round(r)) : r.toFixed(1);
}
