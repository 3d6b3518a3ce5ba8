/** Conversations remembered per provider; the least recently used is forgotten first. */
const MAX_CONVERSATIONS = 1_000;

/**
 * Keeps `value` as what is known of `conversationId`, now its most recently used
 * conversation; past 1 000, the one used longest ago is forgotten.
 */
export function rememberConversation<V>(
  conversations: Map<string, V>,
  conversationId: string,
  value: V,
): void {
  // re-inserted, so the Map's order is the order of use
  conversations.delete(conversationId);
  conversations.set(conversationId, value);
  if (conversations.size > MAX_CONVERSATIONS) {
    conversations.delete(conversations.keys().next().value!);
  }
}
