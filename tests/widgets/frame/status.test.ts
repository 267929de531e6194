import { describe, expect, it } from 'vitest';
import { progressOf, statusAnnouncement } from '../../../src/widgets/frame/status';
import { stackSvgs } from '../../../src/widgets/frame/svgStack';

describe('status helpers', () => {
  it('reads progress from metrics, clamped to [0, 1]', () => {
    expect(progressOf(null)).toBeNull();
    expect(progressOf({ loss: 1 })).toBeNull();
    expect(progressOf({ progress: 0.25 })).toBe(0.25);
    expect(progressOf({ progress: 1.5 })).toBe(1);
    expect(progressOf({ progress: -0.2 })).toBe(0);
    expect(progressOf({ progress: NaN })).toBeNull();
  });

  it('announces status and backend, not the step', () => {
    expect(statusAnnouncement('running', 'webgl')).toBe('Training on webgl');
    expect(statusAnnouncement('idle', null)).toBe('Ready');
  });
});

describe('stackSvgs', () => {
  it('nests figures one above the other with their offsets', () => {
    const a = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect/></svg>';
    const b = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="80" height="30"><circle/></svg>';
    const out = stackSvgs([{ svg: a, width: 100, height: 50 }, { svg: b, width: 80, height: 30 }], 10);
    expect(out).toMatch(/^<svg [^>]*width="100" height="90"/);
    expect(out).toContain('<svg x="0" y="0" xmlns');
    expect(out).toContain('<svg x="0" y="60" xmlns');
    expect(out).not.toContain('<?xml');
  });

  it('returns a single figure unchanged', () => {
    const a = '<svg width="1" height="1"></svg>';
    expect(stackSvgs([{ svg: a, width: 1, height: 1 }])).toBe(a);
  });
});
