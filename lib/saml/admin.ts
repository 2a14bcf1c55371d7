import { z } from 'zod';
import { recordAudit, type AuditActor } from '@/lib/audit';
import { config } from '@/lib/config';
import { sha256Hex } from '@/lib/crypto/tokens';
import { db, transaction } from '@/lib/db';
import { Prisma } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { SamlErrors } from './errors';

// SAML identity providers (we are the SP) for the S2S API (root) and the admin dashboard.
// Melody gates them on ENABLE_SAML_SSO_AS_SP. The name is fixed once created: accounts signed in
// through the IdP are keyed by it (authProvider saml:<name>).

export const MAX_METADATA_CHARS = 256 * 1024;

/**
 * A light structural check of IdP metadata: XML with an EntityDescriptor, and no DTD (entity
 * declarations are how XXE and entity-expansion attacks start; metadata never needs them). The
 * SAML library parses and verifies it fully at sign-in.
 */
export const samlMetadata = z
  .string()
  .trim()
  .min(1)
  .max(MAX_METADATA_CHARS, `Metadata is limited to ${MAX_METADATA_CHARS / 1024} KiB`)
  .superRefine((xml, ctx) => {
    if (!xml.startsWith('<') || !xml.endsWith('>')) ctx.addIssue({ code: 'custom', message: 'Must be an XML document' });
    else if (/<!DOCTYPE|<!ENTITY/i.test(xml)) ctx.addIssue({ code: 'custom', message: 'Must not contain a DOCTYPE or entity declarations' });
    else if (!/<([\w.-]+:)?EntityDescriptor[\s>]/.test(xml)) ctx.addIssue({ code: 'custom', message: 'Must contain an EntityDescriptor element' });
  });

const idpName = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, _ and - only');
const attribute = z.string().trim().min(1).max(500);

export const createIdpInput = z.object({
  name: idpName,
  userIdAttribute: attribute.describe('Assertion attribute holding the stable user id'),
  emailAttribute: attribute.nullish(),
  firstNameAttribute: attribute.nullish(),
  lastNameAttribute: attribute.nullish(),
  metadata: samlMetadata.describe('IdP metadata XML'),
});

export const updateIdpInput = z.object({
  userIdAttribute: attribute.optional(),
  emailAttribute: attribute.nullish().describe('null clears it'),
  firstNameAttribute: attribute.nullish(),
  lastNameAttribute: attribute.nullish(),
  metadata: samlMetadata.optional(),
  isActive: z.boolean().optional(),
});

function assertEnabled() {
  if (!config().enableSamlSsoAsSp) throw new AppError(SamlErrors.feature_disabled);
}

type IdpRow = Awaited<ReturnType<typeof db.samlIdp.findFirstOrThrow>>;

/** Audit values: the metadata as its hash and size, not kilobytes of XML per event. */
function auditValue({ metadata, ...rest }: IdpRow) {
  return { ...rest, metadataSha256: sha256Hex(metadata), metadataLength: metadata.length };
}

export async function listIdps() {
  assertEnabled();
  return db.samlIdp.findMany({ orderBy: { name: 'asc' } });
}

export async function getIdp(id: string) {
  assertEnabled();
  const idp = await db.samlIdp.findUnique({ where: { id } });
  if (!idp) throw new AppError(SamlErrors.idp_not_found);
  return idp;
}

function rethrowNameTaken(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    throw new AppError(SamlErrors.idp_name_taken, undefined, { name: SamlErrors.idp_name_taken.message });
  }
  throw error;
}

export async function createIdp(actor: AuditActor, input: z.output<typeof createIdpInput>) {
  assertEnabled();
  try {
    return await transaction(async (tx) => {
      const idp = await tx.samlIdp.create({
        data: {
          name: input.name,
          userIdAttribute: input.userIdAttribute,
          emailAttribute: input.emailAttribute ?? null,
          firstNameAttribute: input.firstNameAttribute ?? null,
          lastNameAttribute: input.lastNameAttribute ?? null,
          metadata: input.metadata,
        },
      });
      await recordAudit(tx, actor, { action: 'saml_idp.created', targetType: 'saml_idp', targetId: idp.id, after: auditValue(idp) });
      return idp;
    });
  } catch (error) {
    rethrowNameTaken(error);
  }
}

export async function updateIdp(actor: AuditActor, id: string, input: z.output<typeof updateIdpInput>) {
  assertEnabled();
  return transaction(async (tx) => {
    const before = await tx.samlIdp.findUnique({ where: { id } });
    if (!before) throw new AppError(SamlErrors.idp_not_found);
    const after = await tx.samlIdp.update({
      where: { id },
      data: {
        ...(input.userIdAttribute !== undefined ? { userIdAttribute: input.userIdAttribute } : {}),
        ...(input.emailAttribute !== undefined ? { emailAttribute: input.emailAttribute } : {}),
        ...(input.firstNameAttribute !== undefined ? { firstNameAttribute: input.firstNameAttribute } : {}),
        ...(input.lastNameAttribute !== undefined ? { lastNameAttribute: input.lastNameAttribute } : {}),
        ...(input.metadata !== undefined ? { metadata: input.metadata } : {}),
        ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
      },
    });
    await recordAudit(tx, actor, {
      action: 'saml_idp.updated',
      targetType: 'saml_idp',
      targetId: id,
      before: auditValue(before),
      after: auditValue(after),
    });
    return after;
  });
}

export async function deleteIdp(actor: AuditActor, id: string) {
  assertEnabled();
  await transaction(async (tx) => {
    const before = await tx.samlIdp.findUnique({ where: { id } });
    if (!before) throw new AppError(SamlErrors.idp_not_found);
    await tx.samlIdp.delete({ where: { id } });
    await recordAudit(tx, actor, { action: 'saml_idp.deleted', targetType: 'saml_idp', targetId: id, before: auditValue(before) });
  });
}
