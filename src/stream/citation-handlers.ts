import { urlCitationSchema } from '../wire/codex-output-items';
import type { CodexStreamState, EventHandler } from './codex-stream-state';

// Web search citations → `source` parts: from `url_citation` annotations as they stream,
// from the finished message's annotations, and — when the backend cites only with
// markdown links in the text of a response that searched — from those links.

function emitUrlSource(state: CodexStreamState, url: string, title: string | null | undefined) {
  if (state.sourceUrls.has(url)) return;
  state.sourceUrls.add(url);
  state.emit({
    type: 'source',
    sourceType: 'url',
    id: state.generateId(),
    url,
    ...(title != null && title !== '' && { title }),
  });
}

/** A `url_citation` annotation as a source; false for any other annotation. */
function emitCitation(state: CodexStreamState, annotation: unknown): boolean {
  const citation = urlCitationSchema.safeParse(annotation).data;
  if (citation) emitUrlSource(state, citation.url, citation.title);
  return citation !== undefined;
}

export const onOutputTextAnnotationAdded: EventHandler = (state, event) => {
  emitCitation(state, event.annotation);
};

const MARKDOWN_LINK = /\[([^\]\n]*)\]\((https?:\/\/[^\s)]+)\)/g;

/** The sources of a finished message's `content` (output texts with their annotations). */
export function emitMessageSources(
  state: CodexStreamState,
  content: ReadonlyArray<{ type: string; text?: string | null; annotations?: unknown }>,
): void {
  let cited = false;
  for (const part of content) {
    if (!Array.isArray(part.annotations)) continue;
    for (const annotation of part.annotations) {
      if (emitCitation(state, annotation)) cited = true;
    }
  }
  if (cited || !state.webSearched) return;
  for (const part of content) {
    if (part.type !== 'output_text' || part.text == null) continue;
    for (const match of part.text.matchAll(MARKDOWN_LINK)) {
      emitUrlSource(state, match[2]!, match[1]);
    }
  }
}
