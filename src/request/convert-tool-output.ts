import { InvalidArgumentError, UnsupportedFunctionalityError } from '@ai-sdk/provider';
import * as z from 'zod/v4';
import type { CodexWarning } from '../common/codex-warning';
import type {
  CodexImageDetail,
  CodexToolOutput,
  CodexToolOutputContent,
} from '../wire/codex-request-body';
import type {
  CodexPartOptions,
  CodexToolResultContent,
  CodexToolResultOutput,
} from './codex-call-options';
import { textFileContent } from './convert-user-content';
import { decodedByteLength, imageDataUrl, isImageMediaType } from './image-data-url';
import { parseArgument } from '../common/parse-argument';
import { isTagged, untaggedFileData } from './untagged-file-data';
import { otherWarning } from './other-warning';

const MB = 1024 * 1024;

/**
 * The largest image a tool result may hold: OpenAI's limit per input image (20 MB). A
 * larger one is refused by the backend, so it fails here with an error that says so.
 */
export const MAX_TOOL_IMAGE_BYTES = 20 * MB;

/** Which tool result is being converted, for messages. */
export type ToolResultRef = { toolCallId: string; toolName: string };

/**
 * A tool result's output as Codex takes it: text, or, when its content holds images, a list
 * of `input_text` and `input_image` items (images as data URLs: the backend does not fetch
 * URLs in tool outputs). Content Codex cannot take (other files, provider file ids) is left
 * out with a warning.
 */
export function convertToolOutput(
  output: CodexToolResultOutput,
  ref: ToolResultRef,
  warnings: CodexWarning[],
): CodexToolOutput {
  switch (output.type) {
    case 'text':
    case 'error-text':
      return output.value;
    case 'json':
    case 'error-json':
      return JSON.stringify(output.value);
    case 'execution-denied':
      return `Tool execution was denied${output.reason ? `: ${output.reason}` : '.'}`;
    case 'content': {
      const items = output.value.flatMap(part => contentItem(part, ref, warnings) ?? []);
      // Text alone stays text, as it always was (and as every backend version takes it).
      if (items.every(item => item.type === 'input_text')) {
        return items.map(item => item.text).join('\n');
      }
      return items;
    }
  }
}

function contentItem(
  part: CodexToolResultContent,
  ref: ToolResultRef,
  warnings: CodexWarning[],
): CodexToolOutputContent | undefined {
  const leftOut = (what: string, mediaType?: string) => {
    warnings.push(
      otherWarning(
        `Tool result ${what}${mediaType != null ? ` (${mediaType})` : ''} is not supported by Codex and was left out.`,
      ),
    );
    return undefined;
  };
  switch (part.type) {
    case 'text':
      return { type: 'input_text', text: part.text };
    case 'media':
    case 'image-data':
    case 'file-data':
      return isImageMediaType(part.mediaType)
        ? image(part.mediaType, part.data, detailOf(part.providerOptions), ref)
        : leftOut(part.type, part.mediaType);
    case 'image-url':
    case 'file-url':
      if (part.type === 'file-url' && !isImageMediaType(part.mediaType ?? '')) {
        return leftOut(part.type, part.mediaType);
      }
      return imageFromUrl(part.url, undefined, ref);
    case 'file': {
      // AI SDK 7's `file` content: tagged data (or, as older callers pass, bare data)
      const detail = detailOf(part.providerOptions);
      const data = untaggedFileData(part.data);
      if (isTagged(data)) {
        return data.type === 'text'
          ? textFileContent(part, data.text)
          : leftOut('file reference', part.mediaType);
      }
      if (!isImageMediaType(part.mediaType)) return leftOut('file', part.mediaType);
      return data instanceof URL
        ? imageFromUrl(data, detail, ref)
        : image(part.mediaType, data, detail, ref);
    }
    default:
      return leftOut(part.type);
  }
}

function image(
  mediaType: string,
  data: Uint8Array | string,
  detail: CodexImageDetail | undefined,
  ref: ToolResultRef,
): CodexToolOutputContent {
  return inputImage(imageDataUrl(mediaType, data), detail, ref);
}

/**
 * A URL given as an image: a `data:` URL is the image itself; any other URL is refused,
 * since the backend does not fetch URLs in tool outputs (the model would never see it).
 */
function imageFromUrl(
  url: URL | string,
  detail: CodexImageDetail | undefined,
  ref: ToolResultRef,
): CodexToolOutputContent {
  const href = url.toString();
  if (!/^data:/i.test(href)) {
    throw new UnsupportedFunctionalityError({
      functionality: 'image URLs in tool results',
      message: `${resultImage(ref)} by URL (${href.slice(0, 100)}), which Codex does not fetch: return the image bytes instead.`,
    });
  }
  return inputImage(href, detail, ref);
}

/** An image as a data URL, refused when it is larger than the backend takes. */
function inputImage(
  image_url: string,
  detail: CodexImageDetail | undefined,
  ref: ToolResultRef,
): CodexToolOutputContent {
  const bytes = decodedByteLength(image_url);
  if (bytes > MAX_TOOL_IMAGE_BYTES) {
    throw new InvalidArgumentError({
      argument: 'prompt',
      message: `${resultImage(ref)} of ${megabytes(bytes)}, over Codex's ${megabytes(MAX_TOOL_IMAGE_BYTES)}: scale it down or compress it (JPEG or WebP) in the tool.`,
    });
  }
  return { type: 'input_image', image_url, ...(detail != null && { detail }) };
}

const resultImage = ({ toolCallId, toolName }: ToolResultRef) =>
  `The result of tool call ${toolCallId} (${toolName}) holds an image`;

const imageDetailSchema = z.enum(['auto', 'low', 'high', 'original']);

/** `providerOptions.codex.imageDetail` of an image part, as `@ai-sdk/openai` reads it. */
function detailOf(options: CodexPartOptions | undefined): CodexImageDetail | undefined {
  const value = options?.codex?.imageDetail;
  if (value == null) return undefined;
  const argument = 'providerOptions.codex.imageDetail';
  return parseArgument(
    imageDetailSchema,
    value,
    argument,
    `${argument} ${JSON.stringify(value)} on a tool result image`,
  );
}

function megabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}
