/** An element's content-box size in CSS pixels, kept current with a ResizeObserver. */
import { useEffect, useState } from 'react';

export function useElementSize(element: HTMLElement | null): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    if (!element) return;
    const update = (width: number, height: number) =>
      setSize((old) => (old.width === width && old.height === height ? old : { width, height }));
    update(element.clientWidth, element.clientHeight);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (box) update(Math.round(box.width), Math.round(box.height));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return size;
}
