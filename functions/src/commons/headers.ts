import type { APIGatewayProxyEvent } from "aws-lambda";

/**
 * A request header, whatever the case the client wrote its name in (API Gateway keeps it as sent;
 * HTTP/2 clients send lower case). Repeated headers are joined with ", ", as HTTP defines.
 */
export function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const multi = Object.entries(event.multiValueHeaders ?? {}).find(([key]) => key.toLowerCase() === wanted)?.[1];
  if (multi && multi.length > 0) return multi.join(", ");
  return Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === wanted)?.[1] ?? undefined;
}
