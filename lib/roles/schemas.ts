import { z } from 'zod';
import { ADMIN_SCOPES } from './admin-scopes';

// The role API's input schemas, free of server code so the admin dashboard's role form (a client
// component) validates with exactly what the API accepts.

export const roleName = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[^\p{Cc}]+$/u, 'Control characters are not allowed');

export const rolePermission = z.string().trim().min(1).max(100).regex(/^\S+$/, 'No spaces');

export const roleNote = z.string().trim().max(500);

export const createRoleInput = z.object({
  name: roleName,
  note: roleNote.default(''),
  permissions: z.array(rolePermission).max(100).default([]).describe('Free-form permissions, returned in the tokens of the role’s users'),
  adminScopes: z.array(z.enum(ADMIN_SCOPES)).max(ADMIN_SCOPES.length).default([]).describe('Dashboard rights of an admin role'),
});

export const updateRoleInput = z.object({
  name: roleName.optional(),
  note: roleNote.optional(),
  permissions: z.array(rolePermission).max(100).optional(),
  adminScopes: z.array(z.enum(ADMIN_SCOPES)).max(ADMIN_SCOPES.length).optional(),
});
