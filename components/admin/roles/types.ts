/** A role as /api/v1/roles lists it (lib/api/records.ts roleRecord). */
export interface Role {
  id: string;
  name: string;
  note: string;
  isBuiltIn: boolean;
  permissions: string[];
  adminScopes: string[];
  createdAt: string;
  updatedAt: string;
}

/** A user as GET /api/v1/roles/{id}/users lists it (the fields the dialog shows). */
export interface RoleUser {
  authId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  isActive: boolean;
}
