export type ClassValue = string | number | bigint | null | undefined | boolean | ClassValue[] | { [className: string]: unknown };

/**
 * Joins class names, skipping falsy values; accepts strings, arrays and `{ 'class': condition }` maps.
 * It does not resolve Tailwind conflicts (no tailwind-merge): a component's `className` prop is
 * appended after its own classes, so pass additions, not contradictions.
 */
export function cn(...inputs: ClassValue[]): string {
  const out: string[] = [];
  const visit = (value: ClassValue): void => {
    if (value === null || value === undefined || value === false || value === true || value === '') return;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') {
      out.push(String(value));
    } else if (Array.isArray(value)) {
      for (const v of value) visit(v);
    } else {
      for (const [name, enabled] of Object.entries(value)) if (enabled) out.push(name);
    }
  };
  for (const input of inputs) visit(input);
  return out.join(' ');
}
