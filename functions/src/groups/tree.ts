import { services } from "#commons/context";
import { http, ok } from "#commons/http";
import { getGroupTree } from "./routes.ts";

export const handler = http(getGroupTree, async ({ id, query, repeated }) =>
  ok(await services().hierarchy.tree(id("id"), query, repeated)),
);
