import { z } from 'zod';

// The SAML IdP input schemas, pure zod so the API route and the dashboard's forms share them.

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

export const idpName = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, _ and - only');
export const idpAttribute = z.string().trim().min(1).max(500);

export const createIdpInput = z.object({
  name: idpName,
  userIdAttribute: idpAttribute.describe('Assertion attribute holding the stable user id'),
  emailAttribute: idpAttribute.nullish(),
  firstNameAttribute: idpAttribute.nullish(),
  lastNameAttribute: idpAttribute.nullish(),
  metadata: samlMetadata.describe('IdP metadata XML'),
});

export const updateIdpInput = z.object({
  userIdAttribute: idpAttribute.optional(),
  emailAttribute: idpAttribute.nullish().describe('null clears it'),
  firstNameAttribute: idpAttribute.nullish(),
  lastNameAttribute: idpAttribute.nullish(),
  metadata: samlMetadata.optional(),
  isActive: z.boolean().optional(),
});
