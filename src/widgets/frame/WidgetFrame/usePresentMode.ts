/**
 * Present mode: the widget fills the screen. The frame always sets its overlay class (fixed,
 * full-viewport); on a user gesture it also asks for real fullscreen, and if the browser
 * leaves fullscreen by itself (its own Esc) the frame leaves present mode too.
 */
import { useCallback, useEffect, useRef } from 'react';

export function usePresentMode(root: HTMLElement | null, presenting: boolean, setPresenting: (on: boolean) => void) {
  const usedFullscreen = useRef(false);

  const enter = useCallback(() => {
    setPresenting(true);
    if (root && typeof root.requestFullscreen === 'function' && !document.fullscreenElement) {
      root
        .requestFullscreen()
        .then(() => void (usedFullscreen.current = true))
        .catch(() => void (usedFullscreen.current = false)); // overlay alone
    }
  }, [root, setPresenting]);

  const leave = useCallback(() => {
    setPresenting(false);
    if (document.fullscreenElement && document.fullscreenElement === root) void document.exitFullscreen().catch(() => {});
    usedFullscreen.current = false;
  }, [root, setPresenting]);

  useEffect(() => {
    const onChange = () => {
      if (usedFullscreen.current && document.fullscreenElement !== root) {
        usedFullscreen.current = false;
        setPresenting(false);
      }
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [root, setPresenting]);

  // Esc leaves the overlay even when focus has wandered out of the widget.
  useEffect(() => {
    if (!presenting) return;
    const onKey = (e: KeyboardEvent) => {
      // An open dialog (the help overlay) takes Escape for itself.
      if (e.key === 'Escape' && !e.defaultPrevented && !document.querySelector('dialog[open]')) leave();
    };
    document.addEventListener('keydown', onKey);
    document.documentElement.classList.add('wf-no-scroll');
    return () => {
      document.removeEventListener('keydown', onKey);
      document.documentElement.classList.remove('wf-no-scroll');
    };
  }, [presenting, leave]);

  return { enter, leave };
}
