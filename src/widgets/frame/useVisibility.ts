/**
 * Whether an element is on screen (IntersectionObserver). Off screen, plots skip their draws
 * and the worker stops sending snapshots; training itself goes on.
 */
import { useEffect, useState } from 'react';

export function useVisibility(element: Element | null): boolean {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1];
      if (last) setVisible(last.isIntersecting);
    }, { rootMargin: '100px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return visible;
}
