import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { GET as pageGET } from '@/app/dev/outbox/route';
import { DELETE as jsonDELETE, GET as jsonGET } from '@/app/dev/outbox.json/route';
import { config, overrideConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { sendEmail } from '@/lib/email';
import { sendSms } from '@/lib/sms';

const BASE = 'http://localhost:3999';
const original = config();

const getJson = (query = '') => jsonGET(new NextRequest(`${BASE}/dev/outbox.json${query}`));
const deleteJson = () => jsonDELETE();
const getPage = () => pageGET();

interface Item {
  to: string;
  subject: string;
  text: string;
  html: string;
  createdAt: string;
  channel: 'email' | 'sms';
}

beforeEach(async () => {
  overrideConfigForTesting({
    ...original,
    devOutbox: true,
    branding: { ...original.branding, emailSenderName: 'Acme Auth', companyEmailLogoUrl: 'https://cdn.example.test/logo.png' },
  });
  await db.devOutboxMessage.deleteMany({});
});

describe('/dev/outbox.json', () => {
  it('lists captured messages newest first with the documented fields', async () => {
    await sendEmail({ to: 'ada@example.test', template: 'email_mfa_code', data: { code: '135790' } });
    await sendSms({ to: '+15551234567', text: 'Your code is 246802' });
    // a third one, explicitly newest
    await db.devOutboxMessage.create({
      data: { channel: 'email', to: 'bob@example.test', subject: 'Newest', text: 'n', html: '<p>n</p>', createdAt: new Date(Date.now() + 60_000) },
    });

    const response = await getJson();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const items = (await response.json()) as Item[];
    expect(items.map((item) => item.to)).toEqual(['bob@example.test', '+15551234567', 'ada@example.test']);
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['channel', 'createdAt', 'html', 'subject', 'text', 'to']);
    const [, sms, email] = items;
    expect(sms).toMatchObject({ channel: 'sms', subject: '', text: 'Your code is 246802', html: '' });
    expect(email).toMatchObject({ channel: 'email', subject: 'Your Acme Auth verification code' });
    expect(email!.text).toContain('135790');
    expect(email!.html).toContain('135790');
    expect(new Date(email!.createdAt).toISOString()).toBe(email!.createdAt);
  });

  it('filters by recipient and channel', async () => {
    await sendEmail({ to: 'ada@example.test', template: 'welcome', data: {} });
    await sendEmail({ to: 'bob@example.test', template: 'welcome', data: {} });
    await sendSms({ to: '+15551234567', text: 'hello' });
    expect(((await (await getJson('?to=ADA@example.test')).json()) as Item[]).map((item) => item.to)).toEqual(['ada@example.test']);
    expect(((await (await getJson('?channel=sms')).json()) as Item[]).map((item) => item.to)).toEqual(['+15551234567']);
  });

  it('DELETE clears it', async () => {
    await sendSms({ to: '+15551234567', text: 'one' });
    await sendSms({ to: '+15551234567', text: 'two' });
    const response = await deleteJson();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ deleted: 2 });
    expect(await (await getJson()).json()).toEqual([]);
  });
});

describe('/dev/outbox', () => {
  it('shows emails in a sandboxed srcdoc iframe and keeps markup in data as text', async () => {
    await sendEmail({ to: 'eve@example.test', template: 'welcome', data: { name: '<script>alert(1)</script>' } });
    await sendSms({ to: '+15551234567', text: '<img src=x onerror=alert(2)> code 112233' });

    const response = await getPage();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('script-src');
    const html = await response.text();

    // no markup from any message reaches the page itself
    expect(html).not.toMatch(/<script|<img|onerror=alert\(2\)>/i);
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt; code 112233');
    // the email is inside the iframe attribute, escaped once more
    const iframe = /<iframe sandbox="" srcdoc="([^"]*)"/.exec(html);
    expect(iframe).not.toBeNull();
    const srcdoc = iframe![1]!;
    expect(srcdoc).toContain('&lt;!DOCTYPE html&gt;');
    expect(srcdoc).toContain('Hello &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;,');
    expect(srcdoc).not.toContain('<');
    expect(html.indexOf('+15551234567')).toBeLessThan(html.indexOf('eve@example.test')); // newest first
    expect(html).toContain('2 messages');
  });

  it('says so when empty', async () => {
    const html = await (await getPage()).text();
    expect(html).toContain('No messages yet');
  });
});

describe('with the outbox off', () => {
  it('every route answers 404 and nothing is read or deleted', async () => {
    await sendSms({ to: '+15551234567', text: 'kept' });
    overrideConfigForTesting({ devOutbox: false });
    const page = await getPage();
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain('kept');
    const list = await getJson();
    expect(list.status).toBe(404);
    expect(await list.json()).toEqual({ error: 'not_found', message: 'Not found.' });
    expect((await deleteJson()).status).toBe(404);
    expect(await db.devOutboxMessage.count()).toBe(1);
  });
});
