/**
 * What /graphql refuses before any resolver runs, from the Yoga and Escape
 * plugins: cross-site requests a browser would send without asking (CSRF),
 * origins not on the allow-list (CORS), documents too deep, too wide or too
 * costly, introspection in production. One rule is ours: a mutation selects a
 * few root fields at most, so one document cannot file a hundred requests.
 */
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import type { Plugin, YogaServerOptions } from 'graphql-yoga';
import type { GardienConfig } from '../core/config.js';

/** The header a non-browser client may send instead of `Content-Type: application/json` (Yoga's name for it). */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

type YogaOptions = YogaServerOptions<Record<string, unknown>, Record<string, unknown>>;
type CorsOption = YogaOptions['cors'];
type YogaPlugins = NonNullable<YogaOptions['plugins']>;

/** Only listed origins get CORS headers (no credentials: tokens are bearer headers); none listed, only same-origin pages may call. */
export function corsPolicy(origins: readonly string[]): CorsOption {
  if (origins.length === 0) return false;
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || !origins.includes(origin)) return false;
    return {
      origin: [origin],
      credentials: false,
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type', 'accept', CSRF_HEADER],
      maxAge: 600,
    };
  };
}

/** Root fields of a mutation, fragments at the root expanded; aliases of one field count each. */
function rootFieldCount(selectionSet: SelectionSetNode, context: ValidationContext, seen = new Set<string>()): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value === '__typename' ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += rootFieldCount(selection.selectionSet, context, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += rootFieldCount(fragment.selectionSet, context, seen);
    }
  }
  return count;
}

export function maxMutationFieldsRule(max: number): ValidationRule {
  return (context): ASTVisitor => ({
    OperationDefinition(operation) {
      if (operation.operation !== 'mutation') return;
      const count = rootFieldCount(operation.selectionSet, context);
      if (count > max) {
        context.reportError(new GraphQLError(`A mutation may select at most ${max} fields (found ${count}); send one operation per action`, { nodes: [operation], extensions: { code: 'TOO_MANY_MUTATIONS' } }));
      }
    },
  });
}

/** The plugins, in order: CSRF before parsing, armor on parse and validation, introspection off in production. */
export function hardeningPlugins(config: Pick<GardienConfig, 'production' | 'graphqlLimits'>): YogaPlugins {
  const limits = config.graphqlLimits;
  const armor = new EnvelopArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { n: limits.maxTokens },
    costLimit: { maxCost: limits.maxCost, flattenFragments: true },
    maxDirectives: { n: 20 },
    // Suggestions ("did you mean …") describe the schema; in production introspection is off, so are they.
    blockFieldSuggestion: { enabled: config.production },
  });
  const mutationRule = maxMutationFieldsRule(limits.maxMutationFields);
  const mutationCap: Plugin = { onValidate: ({ addValidationRule }) => addValidationRule(mutationRule) };
  return [
    useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }),
    ...armor.protect().plugins,
    mutationCap,
    ...(config.production ? [useDisableIntrospection()] : []),
  ];
}
