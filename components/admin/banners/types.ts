/** A banner as /api/v1/app-banners lists it (lib/api/records.ts appBannerRecord). */
export interface Banner {
  id: string;
  type: 'info' | 'warning' | 'error' | 'success';
  text: string;
  isActive: boolean;
  appIds: string[];
  locales: { locale: string; value: string }[];
  createdAt: string;
  updatedAt: string;
}

/** An app as the banner form lists it. */
export interface BannerApp {
  id: string;
  name: string;
  type: 'spa' | 's2s';
}

export interface LocaleOption {
  code: string;
  name: string;
}
