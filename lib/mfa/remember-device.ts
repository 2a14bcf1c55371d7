// Remember this device (ENABLE_MFA_REMEMBER_DEVICE): after passing a factor with "remember this
// device", the browser gets an HttpOnly cookie per factor that skips that factor for 30 days.
//
// Rules:
// - The cookie holds a random token and an HMAC of it under SECRET_KEY (a cookie not issued by
//   this server is refused without a database lookup); the RememberedDevice row stores only the
//   token's SHA-256, with the user, the factor and the expiry. Deleting the row (the user's
//   reset_mfa, an admin, removing the factor) revokes the cookie.
// - A cookie counts only for its own user and factor, until the row's expiry, and only while the
//   setting is on. Its path is the surface's: /identity/v1 for the hosted pages, /embedded-auth/v1
//   for the Embedded Auth API (whose clients keep it when they send credentials).
import { createHmac } from 'node:crypto';
import { config } from '@/lib/config';
import { randomToken, safeEqual, sha256 } from '@/lib/crypto/tokens';
import { db, type Tx } from '@/lib/db';
import type { MfaType } from '@/lib/db/generated/client';
import { REQUEST_COOKIE_PATH, type CookieSpec, type FlowSurface } from '@/lib/flow';

export const REMEMBER_DEVICE_DAYS = 30;
const REMEMBER_DEVICE_SECONDS = REMEMBER_DEVICE_DAYS * 86400;

export function rememberCookieName(type: MfaType): string {
  return `tessera_mfa_${type}`;
}

function sign(token: string): string {
  return createHmac('sha256', `tessera:remember-device:${config().secretKey}`).update(token).digest('base64url');
}

/** A new remembered device for `type`; the row is written through `tx`, the cookie is the caller's to set. */
export const EMBEDDED_COOKIE_PATH = '/embedded-auth/v1';

export async function rememberDevice(tx: Tx, input: { userId: string; type: MfaType; userAgent: string; surface: FlowSurface }): Promise<CookieSpec> {
  const token = randomToken(32);
  await tx.rememberedDevice.create({
    data: {
      userId: input.userId,
      mfaType: input.type,
      tokenHash: sha256(token),
      userAgent: input.userAgent.slice(0, 500),
      expiresAt: new Date(Date.now() + REMEMBER_DEVICE_SECONDS * 1000),
    },
  });
  return {
    name: rememberCookieName(input.type),
    value: `${token}.${sign(token)}`,
    httpOnly: true,
    secure: config().secureCookies,
    sameSite: 'lax',
    path: input.surface === 'embedded' ? EMBEDDED_COOKIE_PATH : REQUEST_COOKIE_PATH,
    maxAge: REMEMBER_DEVICE_SECONDS,
  };
}

/** The live remembered device this cookie stands for, for this user and factor, or null. */
export async function findRememberedDevice(cookieValue: string | undefined, userId: string, type: MfaType) {
  if (!config().enableMfaRememberDevice || !cookieValue) return null;
  const [token, signature] = cookieValue.split('.');
  if (!token || !signature || !safeEqual(sign(token), signature)) return null;
  const device = await db.rememberedDevice.findUnique({ where: { tokenHash: sha256(token) } });
  if (!device || device.userId !== userId || device.mfaType !== type || device.expiresAt.getTime() <= Date.now()) return null;
  return device;
}
