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

export const onOutputTextAnnotationAdded: EventHandler = (state, event) => {
  const parsed = urlCitationSchema.safeParse(event.annotation);
  if (parsed.success) emitUrlSource(state, parsed.data.url, parsed.data.title);
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
      const parsed = urlCitationSchema.safeParse(annotation);
      if (!parsed.success) continue;
      cited = true;
      emitUrlSource(state, parsed.data.url, parsed.data.title);
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
