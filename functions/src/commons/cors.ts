/**
 * Cross-origin access for browser pages, where a stage names origins (`corsOrigins`; the functions'
 * and `pnpm dev`'s `CORS_ORIGINS`). Pure data: the CDK stack builds its preflight methods from it,
 * the local gateway answers preflights from it, and the functions echo an origin with it
 * (./http.ts).
 */

/** The request headers a page may send beyond the CORS-safelisted ones. */
export const CORS_ALLOW_HEADERS = ["Authorization", "Content-Type", "Idempotency-Key", "If-Match", "If-None-Match"];
/** The response headers a page may read beyond the CORS-safelisted ones. */
export const CORS_EXPOSE_HEADERS = [
  "Location",
  "Retry-After",
  "ETag",
  "Idempotent-Replayed",
  "Idempotent-Replayed-Items",
];
/** How long a browser may keep a preflight's answer. */
export const CORS_MAX_AGE_SECONDS = 3600;

/** The methods a preflight allows: every method of the routes, once each, in route order. */
export function corsAllowMethods(routes: readonly { method: string }[]): string[] {
  return [...new Set(routes.map((route) => route.method))];
}

/**
 * What the stage's preflight (`OPTIONS` on any resource) answers: aws-cdk-lib's `addCorsPreflight`
 * makes it a mock integration whose 204 sets these headers, the first origin as
 * `Access-Control-Allow-Origin`, and a response template that puts the request's `Origin` there
 * instead when it is one of the other origins. Any other origin, or none, still gets the first
 * origin, which a browser then refuses for its page.
 */
export function preflightHeaders(
  origins: readonly string[],
  methods: readonly string[],
  origin: string | undefined,
): Record<string, string> {
  const [first = ""] = origins;
  return {
    "Access-Control-Allow-Headers": CORS_ALLOW_HEADERS.join(","),
    "Access-Control-Allow-Origin": origin && origins.slice(1).includes(origin) ? origin : first,
    Vary: "Origin",
    "Access-Control-Allow-Methods": methods.join(","),
    "Access-Control-Max-Age": String(CORS_MAX_AGE_SECONDS),
  };
}
