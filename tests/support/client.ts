/**
 * The typed client the HTTP suites drive the API with: openapi-fetch over the types that
 * openapi-typescript generates from the served document (./api-schema.ts, `pnpm client:generate`).
 * A request the document does not allow (an unknown path, a body or a query of the wrong shape) is
 * a type error, so the suites are also the proof that a typed client can use the API as documented.
 */
import createClient, {
  type Client,
  type ClientPathsWithMethod,
  type FetchResponse,
  type MaybeOptionalInit,
  type Middleware,
} from "openapi-fetch";
import type { components, operations, paths } from "./api-schema.ts";

export type { components, operations, paths };
export type Schemas = components["schemas"];
export type Site = Schemas["Site"];
export type FrenchSite = Schemas["Site_fr"];
export type ItalianSite = Schemas["Site_it"];
export type SiteCreate = Schemas["SiteCreate"];
export type FrenchSiteCreate = Schemas["SiteCreate_fr"];
export type ItalianSiteCreate = Schemas["SiteCreate_it"];
export type SitePatch = Schemas["SitePatch"];
/** A site of either country, each country's own field readable (undefined on the other). */
export type AnySite = Site & Partial<Pick<FrenchSite, "useful_energy_at_1_megawatt"> & Pick<ItalianSite, "efficiency">>;
export type Group = Schemas["Group"];
export type GroupCreate = Schemas["GroupCreate"];
export type GroupPatch = Schemas["GroupPatch"];
export type Problem = Schemas["Problem"];

/**
 * A response as the suites look at it. `body` has the type of the operation's documented success
 * body; on an error status it holds the problem instead (the contract check has validated it
 * against the document either way): read a problem through `expectProblem`, which checks the
 * status first.
 */
export interface Reply<Body = unknown> {
  status: number;
  headers: Headers;
  body: Body;
}

type Method = "get" | "put" | "post" | "delete" | "patch";
type Media = `${string}/${string}`;
type PathOf<M extends Method> = ClientPathsWithMethod<Client<paths>, M>;
type InitOf<P extends keyof paths, M extends Method> = MaybeOptionalInit<paths[P], M>;
type InitParam<I> = undefined extends I
  ? [init?: I & { [key: string]: unknown }]
  : [init: I & { [key: string]: unknown }];
type SuccessOf<P extends keyof paths, M extends Method, I> = Exclude<
  FetchResponse<paths[P][M] & Record<string | number, unknown>, I, Media>["data"],
  undefined
>;

/** One HTTP method of the typed client: openapi-fetch's signature, answering a `Reply`. */
export type TypedCall<M extends Method> = <P extends PathOf<M>, I extends InitOf<P, M>>(
  url: P,
  ...init: InitParam<I>
) => Promise<Reply<SuccessOf<P, M, I>>>;

export interface TypedApi {
  /** openapi-fetch's own client, for what the shortcuts below do not cover. */
  client: Client<paths>;
  GET: TypedCall<"get">;
  POST: TypedCall<"post">;
  PUT: TypedCall<"put">;
  PATCH: TypedCall<"patch">;
  DELETE: TypedCall<"delete">;
}

/**
 * The API accepts a list in a query only comma-separated (`id__in=1,2`); a repeated parameter is a
 * 400. openapi-fetch's default explodes arrays (`id__in=1&id__in=2`), so arrays are joined here.
 */
const QUERY = { array: { style: "form", explode: false } } as const;

type Result = { data?: unknown; error?: unknown; response: Response };

async function toReply(result: Promise<Result>): Promise<Reply> {
  const { data, error, response } = await result;
  return { status: response.status, headers: response.headers, body: error ?? data };
}

/** A typed client on `baseUrl`; `check` sees every response (the suites check it against the document). */
export function typedApi(baseUrl: string, check?: Middleware["onResponse"]): TypedApi {
  const client = createClient<paths>({ baseUrl, querySerializer: QUERY });
  if (check) client.use({ onResponse: check });
  const call =
    (method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE") =>
    (url: string, ...init: unknown[]) =>
      toReply((client[method] as (url: string, ...init: unknown[]) => Promise<Result>)(url, ...init));
  return {
    client,
    GET: call("GET") as TypedCall<"get">,
    POST: call("POST") as TypedCall<"post">,
    PUT: call("PUT") as TypedCall<"put">,
    PATCH: call("PATCH") as TypedCall<"patch">,
    DELETE: call("DELETE") as TypedCall<"delete">,
  };
}
