// Which request paths the proxy accepts: the distribution spec's read-only endpoints under
// /v2/<registry>/<repository>/..., checked against the spec's grammar on the raw request
// target before anything is decoded, so that no request can name an upstream path other
// than a well-formed repository's manifest, blob or tag list.

// The distribution spec's repository name: path components of lowercase alphanumerics
// joined by ".", "_", "__" or runs of "-", separated by "/". At most 255 characters.
const pathComponent = '[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*';
const repositoryPattern = new RegExp(`^${pathComponent}(?:/${pathComponent})*$`);
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
// Only sha256: the one algorithm registries use, and the one the cache can verify.
const digestPattern = /^sha256:[a-f0-9]{64}$/;
// Registry names are allow-list keys: host-like names, optionally with a port.
const registryNamePattern = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,253}[A-Za-z0-9])?(?::[0-9]{1,5})?$/;
export const repositoryMaxLength = 255;

export function isRegistryName(name) { return registryNamePattern.test(name); }
export function isRepository(name) {
  return name.length <= repositoryMaxLength && repositoryPattern.test(name);
}
export function isTag(tag) { return tagPattern.test(tag); }
export function isDigest(digest) { return digestPattern.test(digest); }

export class PathError extends Error {
  constructor(status, code, message) { super(message); this.status = status; this.code = code; }
}

// Splits a raw request target ("/v2/...?...") into its path and query, refusing anything
// that could be decoded or normalised into another path by us or by an upstream server.
function checkedPath(target) {
  const queryAt = target.indexOf('?');
  const path = queryAt < 0 ? target : target.slice(0, queryAt);
  const query = queryAt < 0 ? '' : target.slice(queryAt + 1);
  if (!path.startsWith('/')) throw new PathError(400, 'NAME_INVALID', 'request target must be a path');
  if (/[%\\]/.test(path)) throw new PathError(400, 'NAME_INVALID', 'encoded characters and backslashes are refused in paths');
  if (/\/\/|\/\.\.?(?:\/|$)/.test(path)) throw new PathError(400, 'NAME_INVALID', 'empty, "." and ".." path segments are refused');
  return { path, query };
}

// Parses a request target into the route it names:
//   { kind: 'base' }                                   /v2/
//   { kind: 'manifests'|'blobs', registry, repository, reference, digest }   digest or tag
//   { kind: 'tags', registry, repository, query }      tags/list, query "n" and "last" only
// The registry is not checked against the allow-list here (the caller does, so that an
// unknown registry is refused as such); everything else is, and errors carry the
// distribution spec's error code.
//
// The same routes are also served as /<registry>/v2/<repository>/..., so that a client
// whose registry endpoint may carry a path (spin's SPIN_REGISTRY_MIRROR) can use
// http://proxy/<registry> as one registry's endpoint.
export function parseRoute(target) {
  const checked = checkedPath(target);
  const { query } = checked;
  let { path } = checked;
  const prefixed = /^\/([^/]+)\/v2(\/.*)?$/.exec(path);
  if (prefixed && prefixed[1] !== 'v2') {
    if (!isRegistryName(prefixed[1])) throw new PathError(400, 'NAME_INVALID', 'invalid registry name');
    if (!prefixed[2] || prefixed[2] === '/') return { kind: 'base' };
    path = `/v2/${prefixed[1]}${prefixed[2]}`;
  }
  if (path === '/v2' || path === '/v2/') return { kind: 'base' };
  if (!path.startsWith('/v2/')) throw new PathError(404, 'UNSUPPORTED', 'not a registry API path');
  const parts = path.slice(4).split('/');
  const registry = parts[0];
  if (!isRegistryName(registry)) throw new PathError(400, 'NAME_INVALID', 'invalid registry name');
  let route;
  const n = parts.length;
  if (n >= 4 && (parts[n - 2] === 'manifests' || parts[n - 2] === 'blobs')) {
    const reference = parts[n - 1];
    route = { kind: parts[n - 2], reference, digest: isDigest(reference) ? reference : null };
    if (!route.digest) {
      if (route.kind === 'blobs') throw new PathError(400, 'DIGEST_INVALID', 'blobs are named by a sha256 digest');
      if (!isTag(reference)) throw new PathError(400, reference.includes(':') ? 'DIGEST_INVALID' : 'TAG_INVALID',
        'invalid tag or digest');
    }
    route.repository = parts.slice(1, n - 2).join('/');
  } else if (n >= 4 && parts[n - 2] === 'tags' && parts[n - 1] === 'list') {
    route = { kind: 'tags', repository: parts.slice(1, n - 2).join('/'), query: tagListQuery(query) };
  } else {
    throw new PathError(404, 'UNSUPPORTED', 'only manifests, blobs and tags/list are served');
  }
  if (!isRepository(route.repository)) throw new PathError(400, 'NAME_INVALID', 'invalid repository name');
  route.registry = registry;
  return route;
}

// tags/list pagination: "n" (a count) and "last" (a tag) are passed on, nothing else.
function tagListQuery(query) {
  const out = new URLSearchParams();
  for (const [key, value] of new URLSearchParams(query)) {
    if (key === 'n' && /^[0-9]{1,5}$/.test(value)) out.set('n', value);
    else if (key === 'last' && isTag(value)) out.set('last', value);
  }
  return out.toString();
}
