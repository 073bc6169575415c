import { representGroup } from "@sites-groups/core";
import { services } from "#commons/context";
import { http, ok } from "#commons/http";

export const handler = http(async (request) =>
  ok(representGroup(await services().groups.update(request.id("id"), request.body))),
);
