const tokenLikeSegment = /^[A-Za-z0-9_\-=+.~%]{24,}$/;

/**
 * Renders an intake URL for error messages, outcome reasons and `util.inspect` without the parts
 * where credentials live: user info is dropped, a query becomes `?[redacted]`, and a path segment
 * is replaced by `[redacted]` when it is a Sumo Logic source token (the segment after
 * `/receiver/v1/http/`) or looks like one (24 or more letters, digits and `-_=+.~%`, e.g. a
 * UUID or an API key some intakes put in the path).
 *
 * @example
 * ```ts
 * describeIntakeUrl(new URL('https://endpoint4.collection.sumologic.com/receiver/v1/http/ZaVnC4dhaV3'));
 * // → 'https://endpoint4.collection.sumologic.com/receiver/v1/http/[redacted]'
 * ```
 */
export function describeIntakeUrl(url: URL): string {
  const segments = url.pathname.split('/');
  const path = segments
    .map((segment, index) => {
      const afterSumoPrefix =
        index >= 3 &&
        segments[index - 3] === 'receiver' &&
        segments[index - 2] === 'v1' &&
        segments[index - 1] === 'http' &&
        segment !== '';
      return afterSumoPrefix || tokenLikeSegment.test(segment) ? '[redacted]' : segment;
    })
    .join('/');
  return `${url.protocol}//${url.host}${path}${url.search === '' ? '' : '?[redacted]'}`;
}
