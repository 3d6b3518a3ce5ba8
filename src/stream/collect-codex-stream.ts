import type { CodexStreamPart } from './codex-output-shape';
import type { CodexContent, CodexProviderMetadata } from './codex-stream-part';

export type CollectedCodexResponse<FinishPart> = {
  content: CodexContent[];
  /** The spec version's `finish` part; undefined only if the stream ended without one. */
  finish: FinishPart | undefined;
  response: { id?: string; modelId?: string; timestamp?: Date };
};

type OpenBlock = {
  type: 'text' | 'reasoning';
  text: string;
  providerMetadata?: CodexProviderMetadata;
};

/**
 * Reads a whole part stream into `doGenerate`'s shape. Content keeps the order in which
 * blocks started; an `error` part is thrown, since a non-streaming caller has nowhere
 * else to see it.
 */
export async function collectCodexStream<FinishPart extends { type: 'finish' }, Warning>(
  stream: ReadableStream<CodexStreamPart<FinishPart, Warning>>,
): Promise<CollectedCodexResponse<FinishPart>> {
  const content: CodexContent[] = [];
  /** Text and reasoning blocks that started and have not ended, by part id. */
  const open = new Map<string, OpenBlock>();
  const response: CollectedCodexResponse<FinishPart>['response'] = {};
  let finish: FinishPart | undefined;

  const reader = stream.getReader();
  try {
    while (true) {
      const { done, value: part } = await reader.read();
      if (done) break;
      if (part.type === 'finish') {
        finish = part;
        continue;
      }
      switch (part.type) {
        case 'text-start':
        case 'reasoning-start': {
          const type = part.type === 'text-start' ? 'text' : 'reasoning';
          const block: OpenBlock = { type, text: '' };
          keepMetadata(block, part);
          open.set(part.id, block);
          content.push(block);
          break;
        }
        case 'text-delta':
        case 'reasoning-delta': {
          const block = open.get(part.id);
          if (block !== undefined) block.text += part.delta;
          keepMetadata(block, part);
          break;
        }
        case 'text-end':
        case 'reasoning-end':
          keepMetadata(open.get(part.id), part);
          open.delete(part.id);
          break;
        case 'tool-call':
        case 'tool-result':
        case 'source':
          content.push(part);
          break;
        case 'response-metadata':
          if (part.id != null) response.id = part.id;
          if (part.modelId != null) response.modelId = part.modelId;
          if (part.timestamp != null) response.timestamp = part.timestamp;
          break;
        case 'error':
          // an APICallError is an Error
          throw part.error instanceof Error ? part.error : new Error(String(part.error));
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
  return { content, finish, response };
}

/** A block's metadata is the last one its parts carried; a block without any has no key. */
function keepMetadata(
  block: OpenBlock | undefined,
  { providerMetadata }: { providerMetadata?: CodexProviderMetadata },
) {
  if (block !== undefined && providerMetadata != null) block.providerMetadata = providerMetadata;
}
