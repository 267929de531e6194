import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutFor } from '../../../src/widgets/frame/shortcuts';

const base = { targetIsControl: false, hasDemo: true, presenting: false };

describe('shortcutFor', () => {
  it('maps the documented keys', () => {
    expect(shortcutFor({ key: ' ' }, base)).toBe('toggle-play');
    expect(shortcutFor({ key: 'ArrowRight' }, base)).toBe('step');
    expect(shortcutFor({ key: 'r' }, base)).toBe('reset');
    expect(shortcutFor({ key: 'f' }, base)).toBe('present');
    expect(shortcutFor({ key: '?' }, base)).toBe('help');
    expect(shortcutFor({ key: 'x' }, base)).toBeNull();
  });

  it('leaves keys to controls and to browser shortcuts', () => {
    expect(shortcutFor({ key: ' ' }, { ...base, targetIsControl: true })).toBeNull();
    expect(shortcutFor({ key: 'ArrowRight' }, { ...base, targetIsControl: true })).toBeNull();
    expect(shortcutFor({ key: 'r', ctrlKey: true }, base)).toBeNull();
    expect(shortcutFor({ key: 'f', metaKey: true }, base)).toBeNull();
    expect(shortcutFor({ key: 'ArrowRight', altKey: true }, base)).toBeNull(); // Alt+→ is the browser's Forward
    // and the control check covers the keys that are not training keys too
    expect(shortcutFor({ key: 'f' }, { ...base, targetIsControl: true })).toBeNull();
  });

  it('has no training keys without a demo', () => {
    const noDemo = { ...base, hasDemo: false };
    expect(shortcutFor({ key: ' ' }, noDemo)).toBeNull();
    expect(shortcutFor({ key: 'r' }, noDemo)).toBeNull();
    expect(shortcutFor({ key: 'ArrowRight' }, noDemo)).toBeNull();
    expect(shortcutFor({ key: 'f' }, noDemo)).toBe('present');
  });

  it('Escape leaves present mode only while presenting, even from a control', () => {
    expect(shortcutFor({ key: 'Escape' }, base)).toBeNull();
    expect(shortcutFor({ key: 'Escape' }, { ...base, presenting: true, targetIsControl: true })).toBe('leave');
  });

  it('ignores keys while the help dialog is open', () => {
    expect(shortcutFor({ key: ' ' }, { ...base, helpOpen: true })).toBeNull();
  });

  it('lists every action it maps in the help table', () => {
    const listed = new Set(SHORTCUTS.map((s) => s.action));
    for (const a of ['toggle-play', 'step', 'reset', 'present', 'help', 'leave'] as const) expect(listed.has(a)).toBe(true);
  });
});
