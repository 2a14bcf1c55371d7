export function vitestFailures(json: unknown, root: string): string[];
export function playwrightTests(report: unknown, status: 'unexpected' | 'flaky'): string[];
