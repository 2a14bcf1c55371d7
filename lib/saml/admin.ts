import { z } from 'zod';
import { recordAudit, type AuditActor } from '@/lib/audit';
import { config } from '@/lib/config';
import { sha256Hex } from '@/lib/crypto/tokens';
import { db, transaction } from '@/lib/db';
import { Prisma } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { SamlErrors } from './errors';
import type { createIdpInput, updateIdpInput } from './schemas';

export { createIdpInput, MAX_METADATA_CHARS, samlMetadata, updateIdpInput } from './schemas';

// SAML identity providers (we are the SP) for the S2S API (root) and the admin dashboard.
// Melody gates them on ENABLE_SAML_SSO_AS_SP. The name is fixed once created: accounts signed in
// through the IdP are keyed by it (authProvider saml:<name>).

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
