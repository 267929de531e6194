/**
 * The frame's markup, rendered on the server (no DOM in unit tests): the attributes browser
 * tests and CSS rely on, labelled controls, and transport only for widgets that train.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ParamTable } from '../../../src/core/params';
import { useWidget, WidgetFrame } from '../../../src/widgets/frame';

const params = {
  k: { kind: 'int', label: 'Components', min: 1, max: 8, default: 3 },
  lr: { kind: 'number', label: 'Learning rate', min: 1e-4, max: 1, default: 0.01, scale: 'log', unit: 'per step' },
  data: { kind: 'select', label: 'Data', options: ['blobs', 'moons'], optionLabels: { moons: 'Two moons' }, default: 'blobs' },
  shared: { kind: 'boolean', label: 'Shared covariance', default: false },
} satisfies ParamTable;

function Demo(props: { demo?: string; controls?: (keyof typeof params)[]; preset?: Record<string, unknown>; initialSpeed?: number | ((v: { k: number }) => number) }) {
  const w = useWidget({ id: 'w1', params, demo: props.demo, preset: props.preset, initialSpeed: props.initialSpeed });
  return (
    <WidgetFrame widget={w} title="A test widget" controls={props.controls} caption={<>A caption.</>}>
      <p>figure</p>
    </WidgetFrame>
  );
}

describe('WidgetFrame markup', () => {
  it('marks the root for tests and CSS and makes it focusable', () => {
    const html = renderToStaticMarkup(<Demo />);
    expect(html).toMatch(/<section[^>]*data-widget="w1"/);
    expect(html).toMatch(/data-status="idle"/);
    expect(html).toMatch(/data-step="0"/);
    expect(html).toMatch(/data-presenting="false"/);
    expect(html).toMatch(/data-metrics="null"/);
    expect(html).toMatch(/<section[^>]*tabindex="0"/);
    expect(html).toContain('A caption.');
  });

  it('generates a labelled control for every param, in table order', () => {
    const html = renderToStaticMarkup(<Demo />);
    const order = [...html.matchAll(/data-param="(\w+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['k', 'lr', 'data', 'shared']);
    expect(html).toContain('Learning rate<span class="wf-unit"> (per step)</span>');
    expect(html).toContain('aria-label="Components value"');
    expect(html).toContain('>Two moons</option>');
    expect(html).toMatch(/<input type="checkbox" role="switch"/);
    // Every slider and select is tied to a <label for>.
    const ids = [...html.matchAll(/<(?:input|select) id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(3);
    for (const id of ids) expect(html).toContain(`for="${id}"`);
  });

  it('shows only the chosen controls, in the chosen order', () => {
    const html = renderToStaticMarkup(<Demo controls={['shared', 'k']} />);
    expect([...html.matchAll(/data-param="(\w+)"/g)].map((m) => m[1])).toEqual(['shared', 'k']);
  });

  it('log-scale sliders run over positions, not values', () => {
    const html = renderToStaticMarkup(<Demo />);
    expect(html).toMatch(/<input id="[^"]+" type="range" min="0" max="1000" step="1" aria-valuetext="0.01 per step" value="500"/);
  });

  it('hides the transport without a demo and shows it with one', () => {
    const without = renderToStaticMarkup(<Demo />);
    expect(without).not.toContain('aria-label="Play"');
    const withDemo = renderToStaticMarkup(<Demo demo="any-demo" />);
    for (const label of ['Play', 'Step', 'Reset', 'New seed']) expect(withDemo).toContain(`aria-label="${label}"`);
    expect(withDemo).toMatch(/aria-live="polite"/);
    expect(withDemo).toContain('>Seed</label>');
  });

  it('always offers link, export, present and help buttons', () => {
    const html = renderToStaticMarkup(<Demo />);
    for (const label of ['Copy link', 'PNG', 'SVG', 'Present', 'Keyboard shortcuts']) {
      expect(html).toContain(`aria-label="${label}"`);
    }
  });

  it('presets replace defaults and bad presets become param notices', () => {
    const html = renderToStaticMarkup(<Demo preset={{ k: 50, data: 'moons' }} />);
    expect(html).toMatch(/aria-label="Components value"[^>]*value="8"/);
    expect(html).toMatch(/<option value="moons" selected="">/);
    expect(html).toMatch(/role="alert" data-notice="param"/);
  });
});

describe('initial speed', () => {
  const selected = (html: string) => /<option value="([^"]+)" selected="">/.exec(html.slice(html.indexOf('Speed</label>')))?.[1];
  it('starts uncapped by default', () => {
    expect(selected(renderToStaticMarkup(<Demo demo="em-gmm" />))).toBe('max');
  });
  it('starts at the widget’s cap, fixed or computed from its settings', () => {
    expect(selected(renderToStaticMarkup(<Demo demo="em-gmm" initialSpeed={5} />))).toBe('5');
    const bySettings = (v: { k: number }) => (v.k > 4 ? 60 : 20);
    expect(selected(renderToStaticMarkup(<Demo demo="em-gmm" initialSpeed={bySettings} />))).toBe('20');
    expect(selected(renderToStaticMarkup(<Demo demo="em-gmm" initialSpeed={bySettings} preset={{ k: 6 }} />))).toBe('60');
  });
});
