import { representSite } from "@sites-groups/core";
import { services } from "#commons/context";
import { http, ok } from "#commons/http";

export const handler = http(async (request) =>
  ok(representSite(await services().sites.update(request.id("id"), request.body))),
);
