import { services } from "#commons/context";
import { http, ok } from "#commons/http";
import { getGroupSummary } from "./routes.ts";

export const handler = http(getGroupSummary, async ({ id, query, repeated }) =>
  ok(await services().hierarchy.summary(id("id"), query, repeated)),
);
