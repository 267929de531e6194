/**
 * Mapping between a number spec and an <input type="range">: linear specs use the value
 * itself; 'log' specs (learning rates) move geometrically over SLIDER_STEPS positions.
 */
import type { IntSpec, NumberSpec } from '../../core/params';

export const SLIDER_STEPS = 1000;

export function isLogScale(spec: NumberSpec | IntSpec): boolean {
  return spec.kind === 'number' && spec.scale === 'log' && spec.min > 0 && spec.max > spec.min;
}

export interface SliderRange {
  min: number;
  max: number;
  step: number;
}

export function sliderRange(spec: NumberSpec | IntSpec): SliderRange {
  if (isLogScale(spec)) return { min: 0, max: SLIDER_STEPS, step: 1 };
  if (spec.kind === 'int') return { min: spec.min, max: spec.max, step: spec.step ?? 1 };
  return { min: spec.min, max: spec.max, step: spec.step ?? (spec.max - spec.min) / 100 };
}

export function toSliderPosition(spec: NumberSpec | IntSpec, value: number): number {
  if (!isLogScale(spec)) return value;
  const t = (Math.log(value) - Math.log(spec.min)) / (Math.log(spec.max) - Math.log(spec.min));
  return Math.round(Math.min(1, Math.max(0, t)) * SLIDER_STEPS);
}

export function fromSliderPosition(spec: NumberSpec | IntSpec, position: number): number {
  if (!isLogScale(spec)) return position;
  if (position <= 0) return spec.min;
  if (position >= SLIDER_STEPS) return spec.max;
  const v = spec.min * Math.pow(spec.max / spec.min, position / SLIDER_STEPS);
  return Number(v.toPrecision(3)); // 3 significant digits: 0.00123, not 0.0012345678
}

/** Short, readable text for a value: integers as such, others to 4 significant digits. */
export function formatParamNumber(value: number, kind: 'number' | 'int' = 'number'): string {
  if (kind === 'int' || Number.isInteger(value)) return String(Math.round(value));
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(2).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(4)));
}
