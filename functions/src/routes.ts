/**
 * Every route of the API, once. The CDK stack builds one function and one API Gateway method
 * per entry; the local emulator serves the same handler modules from the same list.
 */
export interface RouteDefinition {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** API Gateway resource path, `{name}` for a path parameter. */
  path: string;
  /** Module under functions/src exporting `handler`. */
  handler: string;
  /** Unique, PascalCase: the function's and the OpenAPI operation's name. */
  name: string;
  /** What the route does to the table: its IAM policy follows ("none": no DynamoDB access at all). */
  access: "read" | "write" | "none";
}

export const routes = [
  { method: "GET", path: "/sites", handler: "sites/list", name: "ListSites", access: "read" },
  { method: "POST", path: "/sites", handler: "sites/create", name: "CreateSite", access: "write" },
  { method: "GET", path: "/sites/{id}", handler: "sites/get", name: "GetSite", access: "read" },
  { method: "PATCH", path: "/sites/{id}", handler: "sites/patch", name: "UpdateSite", access: "write" },
  { method: "DELETE", path: "/sites/{id}", handler: "sites/delete", name: "DeleteSite", access: "write" },
  { method: "GET", path: "/groups", handler: "groups/list", name: "ListGroups", access: "read" },
  { method: "POST", path: "/groups", handler: "groups/create", name: "CreateGroup", access: "write" },
  { method: "GET", path: "/groups/{id}", handler: "groups/get", name: "GetGroup", access: "read" },
  { method: "PATCH", path: "/groups/{id}", handler: "groups/patch", name: "UpdateGroup", access: "write" },
  { method: "DELETE", path: "/groups/{id}", handler: "groups/delete", name: "DeleteGroup", access: "write" },
  {
    method: "PUT",
    path: "/groups/{id}/sites/{site_id}",
    handler: "groups/add-site",
    name: "AddSiteToGroup",
    access: "write",
  },
  {
    method: "DELETE",
    path: "/groups/{id}/sites/{site_id}",
    handler: "groups/remove-site",
    name: "RemoveSiteFromGroup",
    access: "write",
  },
  {
    method: "PUT",
    path: "/groups/{id}/groups/{child_id}",
    handler: "groups/add-child",
    name: "NestGroup",
    access: "write",
  },
  {
    method: "DELETE",
    path: "/groups/{id}/groups/{child_id}",
    handler: "groups/remove-child",
    name: "UnnestGroup",
    access: "write",
  },
  // Documentation: these touch no table.
  { method: "GET", path: "/openapi.json", handler: "docs/openapi", name: "GetOpenApiDocument", access: "none" },
  { method: "GET", path: "/docs", handler: "docs/ui", name: "GetDocs", access: "none" },
  { method: "GET", path: "/docs/{asset}", handler: "docs/asset", name: "GetDocsAsset", access: "none" },
] as const satisfies readonly RouteDefinition[];
