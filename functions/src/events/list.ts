import { services } from "#commons/context";
import { http, ok } from "#commons/http";

export const handler = http(async ({ query, repeated }) => ok(await services().events.list(query, repeated)));
