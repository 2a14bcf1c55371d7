import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { config } from '@/lib/config';

// AES-256-GCM for secrets that must be read back (signing keys, TOTP secrets, webhook keys).
// Format: v1.<iv>.<ciphertext>.<tag>, base64url parts. The key is derived from SECRET_KEY
// so any string of sufficient length works as SECRET_KEY.

const VERSION = 'v1';

function keyFrom(secret: string): Buffer {
  return createHash('sha256').update(`tessera:encryption:${secret}`).digest();
}

export function encryptSecret(plaintext: string, secret = config().secretKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

export function decryptSecret(sealed: string, secret = config().secretKey): string {
  const [version, iv, ciphertext, tag] = sealed.split('.');
  if (version !== VERSION || !iv || !ciphertext || !tag) throw new Error('Unrecognised encrypted value');
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
