import { NextResponse } from 'next/server';

export const dynamic = 'force-static';

// Swagger UI for the Embedded Auth API (Melody's "Embedded Swagger" path), with the S2S page's
// assets (app/api/v1/swagger/assets): no CDN, and a CSP without inline scripts.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tessera Auth Embedded Auth API</title>
<link rel="stylesheet" href="/api/v1/swagger/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/v1/swagger/assets/swagger-ui-bundle.js"></script>
<script src="/api/v1/swagger/assets/embedded-init.js"></script>
</body>
</html>`;

export function GET() {
  return new NextResponse(PAGE, {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy':
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    },
  });
}
