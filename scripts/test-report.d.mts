export function vitestFailures(json: unknown, root: string): string[];
export function playwrightFailures(report: unknown): string[];
