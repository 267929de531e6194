/** A page's h1. After an in-app navigation it takes focus, so keyboard and screen-reader users land on the new page. */
import { useEffect, useRef, type ReactNode } from 'react';
import { takeFocusRequest } from '../router';

export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocusRequest() && !window.location.hash) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
