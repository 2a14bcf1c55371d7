import { NextResponse } from 'next/server';

export const dynamic = 'force-static';

// Swagger UI for the S2S API (Melody's path), served from the locally installed swagger-ui-dist
// package: no CDN, and a CSP without inline scripts.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tessera Auth S2S API</title>
<link rel="stylesheet" href="/api/v1/swagger/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/v1/swagger/assets/swagger-ui-bundle.js"></script>
<script src="/api/v1/swagger/assets/init.js"></script>
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
