// A native-style client of the Embedded Auth API: it only ever calls `fetch` (the browser's, React
// Native's or Node's signature), the way an app with its own sign-in screens does. Vitest hands it
// lib/testing/embedded.ts's appFetch (the route handlers in process); e2e/embedded-auth.spec.ts
// hands it the real fetch against a running server. No server import here.

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface StepAnswer {
  sessionId: string;
  nextStep?: string;
  success: boolean;
  recoveryCode?: string;
}

/** What a call answered: the status and the parsed JSON body (null for an empty body). */
export interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** The app's side: its origin, a cookie jar (remembered MFA devices), and JSON calls. */
export class EmbeddedClient {
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly fetch: Fetch,
    readonly options: { server: string; origin?: string | null },
  ) {}

  async call<T = Record<string, unknown>>(method: 'GET' | 'POST' | 'OPTIONS', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.fetch(`${this.options.server}/embedded-auth/v1${path}`, {
      method,
      headers: {
        ...(this.options.origin ? { origin: this.options.origin } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(cookie ? { cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
  }

  /** A call that must succeed (2xx); its body. */
  async ok<T = StepAnswer>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const answer = await this.call<T>(method, path, body);
    if (answer.status < 200 || answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
}
