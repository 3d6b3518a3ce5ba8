import type { EventHandler } from './codex-stream-state';
import {
  onFunctionCallArgumentsDelta,
  onOutputItemAdded,
  onOutputItemDone,
  onReasoningDelta,
  onReasoningSummaryPartAdded,
  onTextDelta,
} from './output-item-handlers';
import { onOutputTextAnnotationAdded } from './citation-handlers';
import { onCustomToolCallInputDelta } from './custom-tool-handlers';
import {
  onErrorEvent,
  onResponseCreated,
  onResponseFailed,
  onResponseFinished,
} from './response-event-handlers';

export { failResponse } from './response-event-handlers';

/** Event type → handler, one per event family. Unknown events have none and are ignored. */
export const codexEventHandlers: ReadonlyMap<string, EventHandler> = new Map([
  ['response.output_text.delta', onTextDelta],
  ['response.reasoning_summary_text.delta', onReasoningDelta],
  ['response.reasoning_text.delta', onReasoningDelta],
  ['response.function_call_arguments.delta', onFunctionCallArgumentsDelta],
  ['response.custom_tool_call_input.delta', onCustomToolCallInputDelta],
  ['response.output_text.annotation.added', onOutputTextAnnotationAdded],
  ['response.reasoning_summary_part.added', onReasoningSummaryPartAdded],
  ['response.output_item.added', onOutputItemAdded],
  ['response.output_item.done', onOutputItemDone],
  ['response.created', onResponseCreated],
  ['response.completed', onResponseFinished],
  ['response.incomplete', onResponseFinished],
  ['response.failed', onResponseFailed],
  ['error', onErrorEvent],
]);
