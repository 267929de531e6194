/** Dismissible alerts: URL values that were clamped (kind 'param') and trainer notices. */
import type { ParamNotice } from '../../../core/params';
import type { TrainerNotice } from '../trainerTypes';

interface Props {
  paramNotices: ParamNotice[];
  onDismissParam(n: ParamNotice): void;
  trainerNotices: TrainerNotice[];
  onDismissTrainer(id: number): void;
}

export function Notices({ paramNotices, onDismissParam, trainerNotices, onDismissTrainer }: Props) {
  if (paramNotices.length === 0 && trainerNotices.length === 0) return null;
  return (
    <div className="wf-notices">
      {paramNotices.map((n) => (
        <Notice key={`p-${n.name}-${n.given}`} kind="param" onDismiss={() => onDismissParam(n)}>
          Setting <code>{n.name}</code>: {n.reason}.
        </Notice>
      ))}
      {trainerNotices.map((n) => (
        <Notice key={`t-${n.id}`} kind={n.kind} onDismiss={() => onDismissTrainer(n.id)}>
          {n.message}
        </Notice>
      ))}
    </div>
  );
}

function Notice({ kind, onDismiss, children }: { kind: string; onDismiss(): void; children: React.ReactNode }) {
  return (
    <div className="wf-notice" role="alert" data-notice={kind}>
      <span className="wf-notice-text">{children}</span>
      <button type="button" className="wf-button wf-small" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
