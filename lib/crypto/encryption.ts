import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { config } from '@/lib/config';

// AES-256-GCM for secrets that must be read back (signing keys, TOTP secrets, webhook keys).
// Format: v1.<iv>.<ciphertext>.<tag>, base64url parts. The key is derived from SECRET_KEY
// so any string of sufficient length works as SECRET_KEY.

const VERSION = 'v1';
const IV_BYTES = 12;
// GCM accepts tags as short as 4 bytes, and a forger needs only ~2^(8·length) tries to pass one
// (issue 12 item 15): a sealed value must carry the full 16-byte tag.
const TAG_BYTES = 16;

function keyFrom(secret: string): Buffer {
  return createHash('sha256').update(`tessera:encryption:${secret}`).digest();
}

export function encryptSecret(plaintext: string, secret = config().secretKey): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

export function decryptSecret(sealed: string, secret = config().secretKey): string {
  const [version, iv, ciphertext, tag] = sealed.split('.');
  if (version !== VERSION || !iv || !ciphertext || !tag) throw new Error('Unrecognised encrypted value');
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new Error('Unrecognised encrypted value');
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), ivBytes, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tagBytes);
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
