import type { BooleanSpec } from '../../../core/params';

interface Props {
  name: string;
  spec: BooleanSpec;
  value: boolean;
  onChange(value: boolean): void;
}

/** A toggle: a native checkbox (keyboard and screen readers get it for free), styled as a switch. */
export function BooleanControl({ name, spec, value, onChange }: Props) {
  return (
    <div className="wf-control wf-control-boolean" data-param={name}>
      <label className="wf-toggle" title={spec.help}>
        <input type="checkbox" role="switch" checked={value} onChange={(e) => onChange(e.currentTarget.checked)} />
        <span className="wf-control-label">{spec.label}</span>
      </label>
    </div>
  );
}
