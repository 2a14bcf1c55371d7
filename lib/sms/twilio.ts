// Twilio Programmable Messaging: POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json with
// HTTP Basic auth (AccountSid:AuthToken) and a form body To / From / Body. Answers 201 with the
// message resource; errors are JSON { code, message, more_info, status }.

export interface TwilioCredentials {
  accountId: string;
  authToken: string;
  senderNumber: string;
  /** https://api.twilio.com; only tests change it (config().twilioApiBaseUrl). */
  baseUrl: string;
}

export interface TwilioResult {
  ok: boolean;
  status: number;
  /** Message SID when accepted, Twilio's error text otherwise. */
  detail: string;
}

const TIMEOUT_MS = 10_000;

export async function sendViaTwilio(credentials: TwilioCredentials, to: string, body: string): Promise<TwilioResult> {
  const url = `${credentials.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(credentials.accountId)}/Messages.json`;
  const auth = Buffer.from(`${credentials.accountId}:${credentials.authToken}`).toString('base64');
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Basic ${auth}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: new URLSearchParams({ To: to, From: credentials.senderNumber, Body: body }).toString(),
    redirect: 'error',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: keep the status only
  }
  if (response.ok) return { ok: true, status: response.status, detail: typeof json.sid === 'string' ? json.sid : '' };
  const message = typeof json.message === 'string' ? json.message : response.statusText;
  const code = json.code === undefined ? '' : ` (Twilio error ${String(json.code)})`;
  return { ok: false, status: response.status, detail: `${response.status} ${message}${code}`.trim() };
}
