import { z } from 'zod';

// The user attribute API's input schemas, free of server code so the admin dashboard's attribute
// form (a client component) validates with exactly what the API accepts.

const localeCode = z
  .string()
  .trim()
  .max(10)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Use a locale code such as en or zh-CN');

export const userAttributeLocaleEntry = z.object({ locale: localeCode, value: z.string().trim().max(500) });
export const attributeLocaleList = z.array(userAttributeLocaleEntry).max(50);

export const attributeName = z
  .string()
  .trim()
  .min(1)
  .max(50)
  // eslint-disable-next-line no-control-regex -- control characters have no place in a claim name
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'No control characters')
  .describe('Key of the value in the user record, the userinfo response and the ID token `attributes` claim');

export const VALIDATION_REGEX_MAX_LENGTH = 200;

export const validationRegex = z
  .string()
  .max(VALIDATION_REGEX_MAX_LENGTH)
  .describe(
    'Regular expression (RE2 syntax, run in linear time; no flags) a value must match; "" for none. Anchor with ^…$ to match whole values. ' +
      'Backreferences and lookarounds are refused: 400 validation_regex_unsupported',
  );

export const attributeFlags = {
  includeInSignUpForm: z.boolean(),
  requiredInSignUpForm: z.boolean().describe('Needs includeInSignUpForm'),
  includeInIdTokenBody: z.boolean(),
  includeInUserInfo: z.boolean(),
  unique: z.boolean().describe('No two users may hold the same value'),
};

export const createUserAttributeInput = z.object({
  name: attributeName,
  locales: attributeLocaleList.default([]).describe('Label per locale'),
  includeInSignUpForm: attributeFlags.includeInSignUpForm.default(false),
  requiredInSignUpForm: attributeFlags.requiredInSignUpForm.default(false),
  includeInIdTokenBody: attributeFlags.includeInIdTokenBody.default(false),
  includeInUserInfo: attributeFlags.includeInUserInfo.default(false),
  unique: attributeFlags.unique.default(false),
  validationRegex: validationRegex.default(''),
  validationLocales: attributeLocaleList.default([]).describe('Message per locale shown when a value does not match validationRegex'),
});

export const updateUserAttributeInput = z.object({
  name: attributeName.optional(),
  locales: attributeLocaleList.optional().describe('Replaces the labels'),
  includeInSignUpForm: attributeFlags.includeInSignUpForm.optional(),
  requiredInSignUpForm: attributeFlags.requiredInSignUpForm.optional(),
  includeInIdTokenBody: attributeFlags.includeInIdTokenBody.optional(),
  includeInUserInfo: attributeFlags.includeInUserInfo.optional(),
  unique: attributeFlags.unique.optional(),
  validationRegex: validationRegex.optional().describe('Existing values are not re-checked'),
  validationLocales: attributeLocaleList.optional().describe('Replaces the validation messages'),
});
