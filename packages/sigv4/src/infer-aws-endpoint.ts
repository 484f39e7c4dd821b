/**
 * The signing scope read off an AWS endpoint's host name.
 *
 * @example
 * ```ts
 * const endpoint: AwsEndpoint = { region: 'eu-west-1', service: 'es' };
 * ```
 */
export interface AwsEndpoint {
  /**
   * The signing region, or `undefined` for global endpoints whose region depends on the resource
   * (S3 Transfer Acceleration signs with the bucket's region).
   */
  readonly region: string | undefined;
  /** The signing name of the service: `es`, `aoss`, `s3`, `logs`, … */
  readonly service: string;
}

/**
 * DNS suffixes of the AWS partitions whose endpoints follow the `<service>.<region>.<suffix>` or
 * `<resource>.<region>.<service>.<suffix>` shapes. Global endpoints without a region label sign
 * with the partition's home region, which exists only for the commercial partition.
 */
const partitions: ReadonlyArray<{ suffix: string; globalRegion: string | undefined }> = [
  { suffix: 'amazonaws.com.cn', globalRegion: undefined },
  { suffix: 'amazonaws.com', globalRegion: 'us-east-1' },
  { suffix: 'api.aws', globalRegion: undefined },
  { suffix: 'c2s.ic.gov', globalRegion: undefined },
  { suffix: 'sc2s.sgov.gov', globalRegion: undefined },
];

// us-east-1, cn-north-1, us-gov-west-1, us-iso-east-1, us-isob-east-1, eusc-de-east-1, ap-southeast-7
const regionPattern = /^[a-z]{2,4}(?:-(?:gov|iso[a-z]?))?-[a-z]+-\d{1,2}$/;
// s3-us-west-2, s3-fips-us-gov-west-1: the legacy dash form S3 kept for old regions
const legacyS3RegionPattern = /^s3-(?:fips-)?([a-z]{2,4}(?:-(?:gov|iso[a-z]?))?-[a-z]+-\d{1,2})$/;
// Labels that sit between the service and the region and carry no signing information.
const endpointVariantLabels = new Set(['dualstack', 'fips']);
// Endpoint prefixes whose signing name differs from the prefix.
const signingNameByEndpointPrefix: Readonly<Record<string, string>> = {
  's3-accesspoint': 's3',
  's3-control': 's3',
  'opensearch-serverless': 'aoss',
};

/**
 * Reads the signing region and service off an AWS endpoint URL, so callers do not have to repeat
 * what the host name already says. Handles OpenSearch managed domains (public `search-` and VPC
 * `vpc-` endpoints), OpenSearch Serverless collections, S3 in its virtual-hosted, path-style,
 * dual-stack, FIPS, access-point and legacy `s3-<region>` forms, VPC interface endpoints
 * (`*.vpce.amazonaws.com`), China (`.amazonaws.com.cn`), GovCloud and the generic
 * `<service>.<region>.amazonaws.com` shape. Returns `undefined` for anything else (custom domains,
 * proxies, `localhost`, IP addresses): those need explicit `region` and `service` options.
 *
 * For the generic shape the service is the endpoint prefix, which equals the signing name for most
 * services; pass `service` explicitly for the few where it does not.
 *
 * @example
 * ```ts
 * inferAwsEndpoint('https://search-logs-abc123.eu-west-1.es.amazonaws.com/_bulk');
 * // → { region: 'eu-west-1', service: 'es' }
 * inferAwsEndpoint('https://logs.example.com/'); // → undefined
 * ```
 */
export function inferAwsEndpoint(url: string | URL): AwsEndpoint | undefined {
  let hostname: string;
  try {
    hostname = (typeof url === 'string' ? new URL(url) : url).hostname.toLowerCase();
  } catch {
    // An unparseable URL is not an AWS endpoint; the signer reports `invalid-url` separately.
    return undefined;
  }
  if (hostname.endsWith('.')) hostname = hostname.slice(0, -1);

  const partition = partitions.find(({ suffix }) => hostname.endsWith(`.${suffix}`));
  if (partition === undefined) return undefined;
  const labels = hostname.slice(0, -(partition.suffix.length + 1)).split('.');
  if (labels.some((label) => label.length === 0)) return undefined;
  // `<endpoint-id>.<service>.<region>.vpce.amazonaws.com`: the marker adds nothing once removed.
  if (labels.length >= 3 && labels[labels.length - 1] === 'vpce') labels.pop();

  const regionIndex = findLastIndex(labels, (label) => regionPattern.test(label));
  if (regionIndex === -1) return inferGlobalEndpoint(labels, partition.globalRegion);

  const region = labels[regionIndex]!;
  const afterRegion = labels.slice(regionIndex + 1);
  // `<domain>.<region>.es.amazonaws.com`, `<collection>.<region>.aoss.amazonaws.com`
  if (afterRegion.length === 1) return { region, service: getSigningName(afterRegion[0]!) };
  if (afterRegion.length > 1) return undefined;
  // `<service>.<region>.amazonaws.com`, `<bucket>.s3.dualstack.<region>.amazonaws.com`
  const beforeRegion = labels
    .slice(0, regionIndex)
    .filter((label) => !endpointVariantLabels.has(label));
  const prefix = beforeRegion[beforeRegion.length - 1];
  return prefix === undefined ? undefined : { region, service: getSigningName(prefix) };
}

function inferGlobalEndpoint(
  labels: readonly string[],
  globalRegion: string | undefined,
): AwsEndpoint | undefined {
  const last = labels[labels.length - 1]!;
  const legacyS3 = legacyS3RegionPattern.exec(last);
  if (legacyS3 !== null) return { region: legacyS3[1], service: 's3' };
  // S3 Transfer Acceleration is global; the signing region is the bucket's, which the host omits.
  if (last === 's3-accelerate' || (last === 'dualstack' && labels.at(-2) === 's3-accelerate')) {
    return { region: undefined, service: 's3' };
  }
  if (globalRegion === undefined) return undefined;
  // `s3-external-1` is the old name of the us-east-1 S3 endpoint.
  if (last === 's3-external-1') return { region: globalRegion, service: 's3' };
  // `s3.amazonaws.com`, `<bucket>.s3.amazonaws.com`, `iam.amazonaws.com`, `sts.amazonaws.com`
  return { region: globalRegion, service: getSigningName(last) };
}

function getSigningName(endpointPrefix: string): string {
  const withoutFips = endpointPrefix.endsWith('-fips')
    ? endpointPrefix.slice(0, -'-fips'.length)
    : endpointPrefix;
  return signingNameByEndpointPrefix[withoutFips] ?? withoutFips;
}

function findLastIndex(labels: readonly string[], predicate: (label: string) => boolean): number {
  for (let index = labels.length - 1; index >= 0; index -= 1) {
    if (predicate(labels[index]!)) return index;
  }
  return -1;
}
