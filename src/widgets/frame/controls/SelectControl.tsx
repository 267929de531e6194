import { useId } from 'react';
import type { SelectSpec } from '../../../core/params';

interface Props {
  name: string;
  spec: SelectSpec;
  value: string;
  onChange(value: string): void;
}

export function SelectControl({ name, spec, value, onChange }: Props) {
  const id = useId();
  const labels = spec.optionLabels as Record<string, string | undefined> | undefined;
  return (
    <div className="wf-control wf-control-select" data-param={name}>
      <label htmlFor={id} className="wf-control-label" title={spec.help}>
        {spec.label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {spec.options.map((o) => (
          <option key={o} value={o}>
            {labels?.[o] ?? o}
          </option>
        ))}
      </select>
    </div>
  );
}
