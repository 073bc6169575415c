/**
 * What the maintained answers promise about their lag, once: the route records, the OpenAPI
 * document and docs/api.md say it in these words. Pure data: the route manifest and the CDK app
 * load it (`@sites-groups/core/hierarchy`) without the services.
 */

/**
 * How fast the processor folds a large nest or un-nest in, in (group, item) pairs a second, at the
 * least (docs/bench.md, "The hierarchy": a nest moving 22,011 pairs folded in at about 600 a
 * second on DynamoDB Local on a loaded machine); what API.md "The hierarchy" asks the
 * documentation to state for changes of more than 1,000 pairs.
 */
export const LARGE_CHANGE_PAIRS_PER_SECOND = 400;

/** What the maintained answers promise, as the document and docs/api.md say it. */
export const HIERARCHY_FRESHNESS = `Maintained from the change stream, apart from the events: reflects every write committed 2 seconds before the request; a nest or un-nest moving more than 1,000 (group, site) pairs is reflected within 2 seconds plus 1 second per ${LARGE_CHANGE_PAIRS_PER_SECOND.toLocaleString("en")} pairs.`;
