/**
 * What to say of an answer Cloudflare, in front of chatgpt.com, gave itself instead of the
 * Codex backend: a challenge page (`cf-mitigated: challenge`, "Just a moment…", which only a
 * browser passes) or a firewall block page (403, HTML). It does so to requests from
 * datacenter, VPN and Cloudflare Workers addresses; another try a second later meets the
 * same page, so such an answer is not retryable. `undefined` for any other answer.
 */
export function blockedRequestMessage(
  status: number,
  headers: Record<string, string>,
): string | undefined {
  const mitigated = headers['cf-mitigated'];
  const page =
    status === 403 &&
    /^text\/html\b/i.test(headers['content-type'] ?? '') &&
    (headers['cf-ray'] != null || /cloudflare/i.test(headers.server ?? ''));
  if (mitigated == null && !page) return undefined;
  return `Cloudflare blocked the request before the Codex backend with a ${mitigated ?? 'block'} page (HTTP ${status}${mitigated != null ? `, cf-mitigated: ${mitigated}` : ''}), as it does for datacenter, VPN and Cloudflare Workers addresses; send it from another network.`;
}
