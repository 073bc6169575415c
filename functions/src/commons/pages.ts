/**
 * The API's own pages for people (`/docs`, `/explorer`): an HTML shell whose every URL is relative,
 * so that a page works under an API Gateway stage (`/prod/docs`) as well as locally, with or
 * without a final slash; and the answer that serves it, under one Content-Security-Policy.
 */
import type { APIGatewayProxyResult } from "aws-lambda";
import { accessSettings } from "./environment.ts";

/**
 * The page may run only the API's own scripts and styles (no inline script), talk only to the
 * API and to the user pool's token endpoint (Swagger UI's Authorize button), and be framed by
 * no other page.
 */
export function contentSecurityPolicy(tokenUrl: string | undefined): string {
  const tokenOrigin = tokenUrl && /^https?:/.test(tokenUrl) ? ` ${new URL(tokenUrl).origin}` : "";
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${tokenOrigin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Where a page at `path` (`/docs`, `/docs/`) finds its own files (`/docs/…`) and the API's root. */
export function pageBase(path: string, page: string): { files: string; api: string } {
  return path.endsWith("/") ? { files: "./", api: "../" } : { files: `./${page}/`, api: "./" };
}

/** An HTML document: its title, its one style sheet, its body. */
export function htmlPage(title: string, stylesheet: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${stylesheet}">
</head>
<body>
${body}
</body>
</html>
`;
}

/** The answer serving a page. */
export function pageAnswer(html: string): APIGatewayProxyResult {
  return {
    statusCode: 200,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": contentSecurityPolicy(accessSettings().tokenUrl),
      "x-frame-options": "DENY",
    },
    body: html,
  };
}
