import { services } from "#commons/context";
import { http, ok } from "#commons/http";
import { listEvents } from "./routes.ts";

export const handler = http(listEvents, async ({ query, repeated }) =>
  ok(await services().events.list(query, repeated)),
);
