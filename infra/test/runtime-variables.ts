/**
 * Variables of a container's environment read by the runtime, not by the app's config: Node.js's own
 * options (the gateway's heap) and glibc's malloc arenas.
 */
export const RUNTIME_VARIABLES: readonly string[] = ['NODE_OPTIONS', 'MALLOC_ARENA_MAX'];

/** The variables of an environment that the app's config must know. */
export const appVariables = (environment: Record<string, string>): string[] =>
  Object.keys(environment).filter((variable) => !RUNTIME_VARIABLES.includes(variable));
