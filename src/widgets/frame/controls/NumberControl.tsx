/**
 * A number/int setting: a slider (geometric for 'log' specs) and a numeric input side by side,
 * both labelled, with the unit. The numeric input commits on Enter/blur so typing "0.0" on the
 * way to "0.05" does not restart training on every keystroke.
 */
import { useId, useState } from 'react';
import type { IntSpec, NumberSpec } from '../../../core/params';
import { formatParamNumber, fromSliderPosition, sliderRange, toSliderPosition } from '../sliderScale';

interface Props {
  name: string;
  spec: NumberSpec | IntSpec;
  value: number;
  onChange(value: number): void;
}

export function NumberControl({ name, spec, value, onChange }: Props) {
  const id = useId();
  const range = sliderRange(spec);
  const [draft, setDraft] = useState<string | null>(null);
  const shown = formatParamNumber(value, spec.kind);
  const commit = () => {
    if (draft === null) return;
    const x = Number(draft);
    setDraft(null);
    if (draft.trim() !== '' && Number.isFinite(x)) onChange(x);
  };
  return (
    <div className="wf-control wf-control-number" data-param={name}>
      <label htmlFor={`${id}-slider`} className="wf-control-label" title={spec.help}>
        {spec.label}
        {spec.unit ? <span className="wf-unit"> ({spec.unit})</span> : null}
      </label>
      <div className="wf-control-row">
        <input
          id={`${id}-slider`}
          type="range"
          min={range.min}
          max={range.max}
          step={range.step}
          value={toSliderPosition(spec, value)}
          aria-valuetext={`${shown}${spec.unit ? ` ${spec.unit}` : ''}`}
          onChange={(e) => onChange(fromSliderPosition(spec, Number(e.currentTarget.value)))}
        />
        <input
          type="number"
          className="wf-number"
          aria-label={`${spec.label} value`}
          min={spec.min}
          max={spec.max}
          step={spec.kind === 'int' ? (spec.step ?? 1) : 'any'}
          value={draft ?? shown}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setDraft(null);
          }}
        />
      </div>
    </div>
  );
}
