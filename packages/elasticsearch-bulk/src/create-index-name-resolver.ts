import type { IndexNameTemplate } from './index-name-template';

/** Time buckets (days, or hours with `{HH}`) kept in the cache; older ones are dropped. */
const MAX_CACHED_BUCKETS = 8;
/** Names kept per bucket; a batch has a handful of log groups, this only bounds pathological input. */
const MAX_CACHED_NAMES = 10_000;

/**
 * Resolves an event's index name.
 *
 * @example
 * ```ts
 * const resolve: IndexNameResolver = createIndexNameResolver(compileIndexNameTemplate('cwl-{yyyy.MM.dd}'));
 * resolve(1658732828000, '/aws/lambda/orders', '123456789012'); // 'cwl-2022.07.25'
 * ```
 */
export type IndexNameResolver = (timestamp: number, logGroup: string, owner: string) => string;

/**
 * Wraps a compiled template in a cache, because rendering (date parts, sanitizing the log group)
 * costs more than the rest of encoding an event: names are cached per time bucket and per log
 * group/owner, and the last answer is remembered, since consecutive events of a batch almost
 * always share it. Memory stays bounded however many days or log groups pass through a
 * long-lived process.
 *
 * @example
 * ```ts
 * const resolve = createIndexNameResolver(compileIndexNameTemplate('logs-{logGroup}-{yyyy.MM.dd}'));
 * resolve(0, '/ecs/web', '123456789012'); // 'logs-ecs-web-1970.01.01', rendered once then cached
 * ```
 */
export function createIndexNameResolver(template: IndexNameTemplate): IndexNameResolver {
  const { bucketMs, usesLogGroup, usesOwner } = template;
  const buckets = new Map<number, Map<string, string>>();
  let lastBucket = Number.NaN;
  let lastLogGroup: string | undefined;
  let lastOwner: string | undefined;
  let lastName = '';
  return (timestamp, logGroup, owner) => {
    const bucket = bucketMs === 0 ? 0 : Math.floor(timestamp / bucketMs);
    if (
      bucket === lastBucket &&
      (!usesLogGroup || logGroup === lastLogGroup) &&
      (!usesOwner || owner === lastOwner)
    ) {
      return lastName;
    }
    let names = buckets.get(bucket);
    if (names === undefined) {
      if (buckets.size >= MAX_CACHED_BUCKETS) buckets.clear();
      names = new Map();
      buckets.set(bucket, names);
    }
    const key = usesOwner
      ? usesLogGroup
        ? `${owner}\u0000${logGroup}`
        : owner
      : usesLogGroup
        ? logGroup
        : '';
    let name = names.get(key);
    if (name === undefined) {
      if (names.size >= MAX_CACHED_NAMES) names.clear();
      name = template.render(timestamp, logGroup, owner);
      names.set(key, name);
    }
    lastBucket = bucket;
    lastLogGroup = logGroup;
    lastOwner = owner;
    lastName = name;
    return name;
  };
}
