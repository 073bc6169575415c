import { representGroup } from "@sites-groups/core";
import { services } from "#commons/context";
import { http, ok } from "#commons/http";
import { listGroups } from "./routes.ts";

export const handler = http(listGroups, async ({ query, repeated }) => {
  const page = await services().groups.list(query, repeated);
  return ok({ items: page.items.map(representGroup), next_cursor: page.next_cursor });
});
