/** The controls generated from a widget's param table, in table order or the order asked for. */
import type { ParamSpec, ParamTable } from '../../../core/params';
import { BooleanControl } from './BooleanControl';
import { NumberControl } from './NumberControl';
import { SelectControl } from './SelectControl';

interface Props {
  params: ParamTable;
  values: Record<string, number | string | boolean>;
  onChange(name: string, value: number | string | boolean): void;
  /** Subset and order of params to show; default: all, in table order. */
  names?: readonly string[];
}

export function ParamControls({ params, values, onChange, names }: Props) {
  const shown = (names ?? Object.keys(params)).filter((n) => params[n]);
  if (shown.length === 0) return null;
  return (
    <>
      {shown.map((name) => (
        <ParamControl key={name} name={name} spec={params[name]} value={values[name]} onChange={(v) => onChange(name, v)} />
      ))}
    </>
  );
}

function ParamControl(props: {
  name: string;
  spec: ParamSpec;
  value: number | string | boolean;
  onChange(value: number | string | boolean): void;
}) {
  const { name, spec, value, onChange } = props;
  switch (spec.kind) {
    case 'number':
    case 'int':
      return <NumberControl name={name} spec={spec} value={Number(value)} onChange={onChange} />;
    case 'select':
      return <SelectControl name={name} spec={spec} value={String(value)} onChange={onChange} />;
    case 'boolean':
      return <BooleanControl name={name} spec={spec} value={Boolean(value)} onChange={onChange} />;
  }
}
