/** A scope as /api/v1/scopes lists it (lib/api/records.ts scopeRecord). */
export interface Scope {
  id: string;
  name: string;
  type: 'spa' | 's2s';
  note: string;
  isBuiltIn: boolean;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/v1/scopes/{id}: with its consent texts per locale. */
export interface ScopeDetail extends Scope {
  locales: { locale: string; value: string }[];
}

export interface LocaleOption {
  code: string;
  name: string;
}
