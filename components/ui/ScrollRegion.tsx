'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { cn } from '@/lib/ui/cn';

/**
 * A box that scrolls sideways when its content (a wide table) is wider than the screen, so the
 * page itself never does. While it overflows it is a named, focusable region: keyboard users tab
 * to it and scroll with the arrow keys, screen readers announce what it holds (WCAG 2.1.1, axe
 * scrollable-region-focusable). When everything fits it is a plain box and no extra tab stop.
 */
export function ScrollRegion({ label, className, children, ...props }: { label: string; className?: string; children: ReactNode; 'aria-busy'?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    // Vertically too, for callers that also cap the height (max-h-64 overflow-auto).
    const measure = () => setOverflows(element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    for (const child of element.children) observer.observe(child);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      {...(overflows ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {})}
      // relative: visually hidden (absolutely positioned) texts inside, such as a sort order, would
      // otherwise escape the clipping and widen the page.
      className={cn('relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring', className)}
      {...props}
    >
      {children}
    </div>
  );
}
