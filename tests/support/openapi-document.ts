/**
 * The OpenAPI document the API serves, for the typed client's generator. The one import of the
 * document's builder in the client's code: repoint it here when the document moves.
 */
export { buildOpenApiDocument as servedDocument } from "@sites-groups/functions/docs/document";
