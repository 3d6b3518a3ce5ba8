import {
  APICallError,
  type LanguageModelV2Content,
  type LanguageModelV2FinishReason,
  type LanguageModelV2StreamPart,
  type LanguageModelV2Usage,
  type SharedV2ProviderMetadata,
} from '@ai-sdk/provider';

export type CollectedCodexResponse = {
  content: LanguageModelV2Content[];
  finishReason: LanguageModelV2FinishReason;
  usage: LanguageModelV2Usage;
  providerMetadata: SharedV2ProviderMetadata | undefined;
  response: { id?: string; modelId?: string; timestamp?: Date };
};

/**
 * Reads a whole part stream into `doGenerate`'s shape. Content keeps the order in which
 * blocks started; an `error` part is thrown, since a non-streaming caller has nowhere
 * else to see it.
 */
export async function collectCodexStream(
  stream: ReadableStream<LanguageModelV2StreamPart>,
): Promise<CollectedCodexResponse> {
  const content: LanguageModelV2Content[] = [];
  const open = new Map<
    string,
    { type: 'text' | 'reasoning'; text: string; providerMetadata?: SharedV2ProviderMetadata }
  >();
  let finishReason: LanguageModelV2FinishReason = 'unknown';
  let usage: LanguageModelV2Usage = {
    inputTokens: undefined,
    outputTokens: undefined,
    totalTokens: undefined,
  };
  let providerMetadata: SharedV2ProviderMetadata | undefined;
  const response: CollectedCodexResponse['response'] = {};

  const reader = stream.getReader();
  try {
    while (true) {
      const { done, value: part } = await reader.read();
      if (done) break;
      switch (part.type) {
        case 'text-start':
        case 'reasoning-start': {
          const block = {
            type: part.type === 'text-start' ? ('text' as const) : ('reasoning' as const),
            text: '',
            providerMetadata: part.providerMetadata,
          };
          open.set(part.id, block);
          content.push(block as LanguageModelV2Content);
          break;
        }
        case 'text-delta':
        case 'reasoning-delta': {
          const block = open.get(part.id);
          if (block != null) {
            block.text += part.delta;
            if (part.providerMetadata != null) block.providerMetadata = part.providerMetadata;
          }
          break;
        }
        case 'text-end':
        case 'reasoning-end': {
          const block = open.get(part.id);
          if (block != null && part.providerMetadata != null)
            block.providerMetadata = part.providerMetadata;
          open.delete(part.id);
          break;
        }
        case 'tool-call':
          content.push(part);
          break;
        case 'response-metadata':
          if (part.id != null) response.id = part.id;
          if (part.modelId != null) response.modelId = part.modelId;
          if (part.timestamp != null) response.timestamp = part.timestamp;
          break;
        case 'finish':
          finishReason = part.finishReason;
          usage = part.usage;
          providerMetadata = part.providerMetadata;
          break;
        case 'error':
          throw APICallError.isInstance(part.error) || part.error instanceof Error
            ? part.error
            : new Error(String(part.error));
      }
    }
  } catch (error) {
    // Stop reading and release the connection before surfacing the error.
    try {
      await reader.cancel(error);
    } catch {
      // already closed
    }
    throw error;
  }

  for (const block of content) {
    if ((block.type === 'text' || block.type === 'reasoning') && block.providerMetadata == null) {
      delete block.providerMetadata;
    }
  }
  return { content, finishReason, usage, providerMetadata, response };
}
