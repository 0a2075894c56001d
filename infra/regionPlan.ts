import type { Node } from 'constructs';

/** Context key listing the regions, primary first: `-c pivot:regions=eu-west-1,eu-central-1`. */
export const regionsContextKey = 'pivot:regions';

/**
 * Where a multi-region deployment puts things. The first region holds the global
 * table and the route-key secret; every other region gets a replica of both and
 * its own API and functions. Names are fixed so the other regions' stacks can
 * reference them without cross-region CloudFormation references.
 */
export type RegionPlan = {
  readonly primary: string;
  readonly replicas: readonly string[];
  readonly tableName: string;
  readonly secretName: string;
};

/** What one region's stack creates or references. */
export type RegionRole =
  | { readonly kind: 'primary'; readonly replicaRegions: readonly string[]; readonly tableName: string; readonly secretName: string }
  | { readonly kind: 'replica'; readonly primaryRegion: string; readonly tableName: string; readonly secretName: string };

const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/**
 * Reads `pivot:regions` (a comma-separated string from `-c`, or a list in cdk.json).
 * Unset or one region: no plan, the single-region stack (one region pins its env).
 * Throws naming the key when a value is not a region name or repeats one.
 */
export function regionsFromContext(node: Node): string[] {
  const value: unknown = node.tryGetContext(regionsContextKey);
  if (value === undefined || value === '') return [];
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
    throw new Error(`context ${regionsContextKey} must be a comma-separated list of AWS regions, got ${JSON.stringify(value)}`);
  }
  const regions = list.map((item) => item.trim()).filter((item) => item.length > 0);
  for (const region of regions) {
    if (!regionPattern.test(region))
      throw new Error(`context ${regionsContextKey}: "${region}" is not an AWS region name (e.g. eu-west-1)`);
  }
  const repeated = regions.find((region, i) => regions.indexOf(region) !== i);
  if (repeated) throw new Error(`context ${regionsContextKey}: region "${repeated}" is listed twice`);
  return regions;
}

export function regionPlanFor(regions: readonly string[], stackBaseName: string): RegionPlan | undefined {
  if (regions.length < 2) return undefined;
  const [primary, ...replicas] = regions as [string, ...string[]];
  const slug = stackBaseName.replace(/[^A-Za-z0-9_.-]/g, '-');
  return { primary, replicas, tableName: `${slug}-routes-and-calls`, secretName: `${slug}/route-keys` };
}

export function roleOf(plan: RegionPlan, region: string): RegionRole {
  const names = { tableName: plan.tableName, secretName: plan.secretName };
  return region === plan.primary
    ? { kind: 'primary', replicaRegions: plan.replicas, ...names }
    : { kind: 'replica', primaryRegion: plan.primary, ...names };
}

/** One stack per region: `KazooPivot-eu-west-1`. */
export function regionStackName(stackBaseName: string, region: string): string {
  return `${stackBaseName}-${region}`;
}
