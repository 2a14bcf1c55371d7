/** Client ids of the apps seeded at first start. */
export const DASHBOARD_CLIENT_ID = 'tessera-admin';
export const DEMO_CLIENT_ID = 'tessera-demo';
