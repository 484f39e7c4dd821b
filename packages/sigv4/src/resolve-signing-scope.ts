import { describeUrl } from './describe-url';
import { SigningError } from './errors';
import { inferAwsEndpoint } from './infer-aws-endpoint';

/**
 * Picks the region and service to sign for: explicit options win, then what the URL's host says.
 * Throws `missing-region`/`missing-service` naming the URL and the option to set.
 *
 * @example
 * ```ts
 * resolveSigningScope(new URL('https://search-a.eu-west-1.es.amazonaws.com/'), { region: undefined, service: undefined }); // → { region: 'eu-west-1', service: 'es' }
 * ```
 */
export function resolveSigningScope(
  url: URL,
  explicit: { region: string | undefined; service: string | undefined },
): { region: string; service: string } {
  const inferred =
    explicit.region === undefined || explicit.service === undefined
      ? inferAwsEndpoint(url)
      : undefined;
  const service = explicit.service ?? inferred?.service;
  if (service === undefined) {
    throw new SigningError(
      `Cannot tell which AWS service ${describeUrl(url)} belongs to: it is not a recognised AWS endpoint host. Set the "service" option (for example "es" for OpenSearch, "aoss" for OpenSearch Serverless, "s3").`,
      { code: 'missing-service' },
    );
  }
  const region = explicit.region ?? inferred?.region;
  if (region === undefined) {
    throw new SigningError(
      `Cannot tell which AWS region to sign ${describeUrl(url)} for: ${inferred === undefined ? 'it is not a recognised AWS endpoint host' : 'its host does not name a region'}. Set the "region" option (for example "eu-west-1").`,
      { code: 'missing-region' },
    );
  }
  return { region, service };
}
