import {
  UnsupportedFunctionalityError,
  type LanguageModelV2CallOptions,
  type LanguageModelV2CallWarning,
  type LanguageModelV2FilePart,
  type LanguageModelV2TextPart,
  type LanguageModelV2ToolResultOutput,
  type SharedV2ProviderOptions,
} from '@ai-sdk/provider';
import type { LanguageModelV4CallOptions } from '@ai-sdk/provider-latest';
import type { LanguageModelV3CallOptions } from '@ai-sdk/provider-v3';
import type { CodexReasoningEffort } from '../request/codex-model-capabilities';

/** The call options of the specs newer than the core's own (V2). */
export type SpecCallOptions = LanguageModelV3CallOptions | LanguageModelV4CallOptions;
type LoosePart = { type: string; [key: string]: unknown };
type V2Part = LoosePart | LanguageModelV2FilePart | LanguageModelV2TextPart;
type LoosePrompt = Array<
  | { role: 'system'; content: string }
  | { role: 'user' | 'assistant' | 'tool'; content: LoosePart[] }
>;

/**
 * V3/V4 call options → the V2 options the core maps to a Codex request. The newer specs
 * are supersets: what has a Codex meaning is translated (file data kinds, denied tool
 * executions, tool-result content, the `reasoning` option), the rest is dropped with a
 * warning. Nothing else of the core is versioned.
 */
export function toCodexCallOptions(options: SpecCallOptions): {
  options: LanguageModelV2CallOptions;
  warnings: LanguageModelV2CallWarning[];
} {
  const warnings: LanguageModelV2CallWarning[] = [];
  return {
    options: {
      ...options,
      prompt: toCodexPrompt(options.prompt as LoosePrompt, warnings),
      tools: toCodexTools(options.tools),
      providerOptions: withReasoningEffort(options),
    } as LanguageModelV2CallOptions,
    warnings,
  };
}

// The message and part shapes match V2's but for stricter providerOptions typing, so they
// are handled loosely here and checked by the V2 converter downstream.
function toCodexPrompt(
  prompt: LoosePrompt,
  warnings: LanguageModelV2CallWarning[],
): LanguageModelV2CallOptions['prompt'] {
  return prompt.map(message => {
    switch (message.role) {
      case 'system':
        return message;
      case 'user':
        return {
          ...message,
          content: message.content.map((part): V2Part =>
            part.type === 'file' ? toV2FilePart(part) : part,
          ),
        };
      case 'assistant':
        return {
          ...message,
          content: message.content.flatMap(part => toV2AssistantPart(part, warnings)),
        };
      case 'tool':
        return {
          ...message,
          // approval responses concern provider-executed tools, which Codex does not run
          content: message.content.flatMap(part =>
            part.type === 'tool-result'
              ? [{ ...part, output: toV2ToolOutput(part.output, warnings) }]
              : [],
          ),
        };
      default:
        return message;
    }
    // The boundary on the way in: V3/V4 messages carry V2's fields (their parts were
    // converted above where they differ); the V2 converter downstream checks each part.
  }) as unknown as LanguageModelV2CallOptions['prompt'];
}

function toV2AssistantPart(part: LoosePart, warnings: LanguageModelV2CallWarning[]): V2Part[] {
  switch (part.type) {
    case 'text':
    case 'reasoning':
    case 'tool-call':
      return [part];
    case 'file':
      return [toV2FilePart(part)];
    case 'tool-result':
      return [{ ...part, output: toV2ToolOutput(part.output, warnings) }];
    default:
      warnings.push({
        type: 'other',
        message: `Assistant ${part.type} parts are not sent to Codex.`,
      });
      return [];
  }
}

function toCodexTools(tools: SpecCallOptions['tools']): LanguageModelV2CallOptions['tools'] {
  return tools?.map(tool =>
    tool.type === 'function'
      ? {
          type: 'function' as const,
          name: tool.name,
          description: tool.description,
          inputSchema: tool.inputSchema,
        }
      : {
          type: 'provider-defined' as const,
          id: tool.id as `${string}.${string}`,
          name: tool.name,
          args: tool.args,
        },
  ) as LanguageModelV2CallOptions['tools'];
}

/** The generic `reasoning` option as `providerOptions.codex.reasoningEffort`, which wins when set. */
function withReasoningEffort(options: SpecCallOptions): SpecCallOptions['providerOptions'] {
  const { providerOptions } = options;
  const effort = reasoningOptionToEffort('reasoning' in options ? options.reasoning : undefined);
  const given = (providerOptions?.codex as { reasoningEffort?: unknown } | undefined)
    ?.reasoningEffort;
  if (effort == null || given != null) return providerOptions;
  return { ...providerOptions, codex: { ...providerOptions?.codex, reasoningEffort: effort } };
}

function reasoningOptionToEffort(reasoning: string | undefined): CodexReasoningEffort | undefined {
  switch (reasoning) {
    case undefined:
    case 'provider-default':
      return undefined;
    case 'max':
      return 'xhigh';
    default:
      return reasoning as CodexReasoningEffort;
  }
}

/** V3 file data is V2's; V4 wraps it in `{ type: 'data' | 'url' | 'text' | 'reference' }`. */
function toV2FilePart(part: LoosePart): LanguageModelV2FilePart | LanguageModelV2TextPart {
  const data = part.data;
  if (data instanceof URL || data instanceof Uint8Array || typeof data === 'string') {
    return { ...part, data } as LanguageModelV2FilePart;
  }
  const wrapped = data as { type: string; data?: Uint8Array | string; url?: URL; text?: string };
  switch (wrapped.type) {
    case 'data':
      return { ...part, data: wrapped.data! } as LanguageModelV2FilePart;
    case 'url':
      return { ...part, data: wrapped.url! } as LanguageModelV2FilePart;
    case 'text':
      // a text file travels as text
      return {
        type: 'text',
        text: part.filename ? `${part.filename}:\n${wrapped.text}` : wrapped.text!,
        providerOptions: part.providerOptions as SharedV2ProviderOptions | undefined,
      };
    default:
      throw new UnsupportedFunctionalityError({
        functionality: `file data of kind '${wrapped.type}'`,
        message: `Codex cannot resolve provider file references; pass the file's data or URL instead.`,
      });
  }
}

function toV2ToolOutput(
  output: unknown,
  warnings: LanguageModelV2CallWarning[],
): LanguageModelV2ToolResultOutput {
  const o = output as { type: string; value?: unknown; reason?: string };
  switch (o.type) {
    case 'execution-denied':
      return {
        type: 'text',
        value: `Tool execution was denied${o.reason ? `: ${o.reason}` : '.'}`,
      };
    case 'content': {
      const texts: Array<{ type: 'text'; text: string }> = [];
      for (const item of o.value as Array<{ type: string; text?: string; mediaType?: string }>) {
        if (item.type === 'text') texts.push({ type: 'text', text: item.text ?? '' });
        else {
          warnings.push({
            type: 'other',
            message: `Tool result ${item.type}${item.mediaType ? ` (${item.mediaType})` : ''} is not supported by Codex and was left out.`,
          });
        }
      }
      return { type: 'content', value: texts };
    }
    default:
      return output as LanguageModelV2ToolResultOutput;
  }
}
