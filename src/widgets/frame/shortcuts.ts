/**
 * Keyboard shortcuts of a focused widget, as a pure mapping from a key event to an action
 * (tested without a DOM). The help overlay lists SHORTCUTS.
 */
export type ShortcutAction = 'toggle-play' | 'step' | 'reset' | 'present' | 'help' | 'leave';

export interface ShortcutKeyEvent {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

export interface ShortcutContext {
  /** The key went to a control (input, select, button…) that uses it itself. */
  targetIsControl: boolean;
  hasDemo: boolean;
  presenting: boolean;
  helpOpen?: boolean;
}

export const SHORTCUTS: readonly { keys: string; action: ShortcutAction; description: string; needsDemo: boolean }[] = [
  { keys: 'Space', action: 'toggle-play', description: 'Play or pause training', needsDemo: true },
  { keys: '→', action: 'step', description: 'Advance one step (pauses first)', needsDemo: true },
  { keys: 'R', action: 'reset', description: 'Reset to step 0 with the same seed', needsDemo: true },
  { keys: 'F', action: 'present', description: 'Present: fill the screen with this figure', needsDemo: false },
  { keys: 'Esc', action: 'leave', description: 'Leave present mode', needsDemo: false },
  { keys: '?', action: 'help', description: 'Show this list', needsDemo: false },
];

export function shortcutFor(e: ShortcutKeyEvent, ctx: ShortcutContext): ShortcutAction | null {
  if (ctx.helpOpen) return null; // the dialog handles its own keys
  if (e.key === 'Escape') return ctx.presenting ? 'leave' : null;
  if (e.ctrlKey || e.metaKey || e.altKey || ctx.targetIsControl) return null;
  switch (e.key) {
    case ' ':
    case 'Spacebar':
      return ctx.hasDemo ? 'toggle-play' : null;
    case 'ArrowRight':
      return ctx.hasDemo ? 'step' : null;
    case 'r':
    case 'R':
      return ctx.hasDemo ? 'reset' : null;
    case 'f':
    case 'F':
      return 'present';
    case '?':
      return 'help';
    default:
      return null;
  }
}
