import { cn } from '@/lib/ui/cn';

export interface BarPoint {
  /** Shown under the first and last bars and in the bar's tooltip. */
  label: string;
  value: number;
}

/**
 * A small bar chart in SVG (no chart library). The SVG is one image whose accessible name is
 * `summary` (e.g. "Sign-ins per day, last 7 days: 42 in total, at most 9 on 2026-11-20"); the
 * exact numbers are in the data table the caller shows next to the charts.
 */
export function BarChart({ points, summary, className }: { points: readonly BarPoint[]; summary: string; className?: string }) {
  const width = 300;
  const height = 100;
  const max = Math.max(1, ...points.map((point) => point.value));
  const slot = width / Math.max(1, points.length);
  const gap = Math.min(4, slot * 0.2);
  return (
    <figure className={cn('flex flex-col gap-1', className)}>
      <svg role="img" aria-label={summary} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" className="h-28 w-full text-brand">
        <line x1="0" y1={height - 0.5} x2={width} y2={height - 0.5} className="stroke-border" strokeWidth="1" />
        {points.map((point, index) => {
          const barHeight = (point.value / max) * (height - 4);
          return (
            <rect key={point.label} x={index * slot + gap / 2} y={height - barHeight} width={slot - gap} height={barHeight} rx="1.5" fill="currentColor">
              <title>{`${point.label}: ${point.value}`}</title>
            </rect>
          );
        })}
      </svg>
      {points.length ? (
        <figcaption aria-hidden="true" className="flex justify-between text-xs text-muted-foreground">
          <span>{points[0]!.label}</span>
          <span>{points[points.length - 1]!.label}</span>
        </figcaption>
      ) : null}
    </figure>
  );
}
