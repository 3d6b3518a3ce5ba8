import * as z from 'zod/v4';
import type { CodexToolDefinition } from './provider-tool';

export const APPLY_PATCH_TOOL_ID = 'codex.apply_patch';

/** The backend name the Codex models were trained on, whatever key the app uses. */
export const APPLY_PATCH_TOOL_NAME = 'apply_patch';

// The official client's freeform `apply_patch` tool (openai/codex, `tool_apply_patch.lark`
// and `create_apply_patch_freeform_tool`), sent verbatim: the models know this exact tool.
export const APPLY_PATCH_DESCRIPTION =
  'Use the `apply_patch` tool to edit files. This is a FREEFORM tool, so do not wrap the patch in JSON.';

export const APPLY_PATCH_LARK_GRAMMAR = `start: begin_patch hunk+ end_patch
begin_patch: "*** Begin Patch" LF
end_patch: "*** End Patch" LF?

hunk: add_hunk | delete_hunk | update_hunk
add_hunk: "*** Add File: " filename LF add_line+
delete_hunk: "*** Delete File: " filename LF
update_hunk: "*** Update File: " filename LF change_move? change?

filename: /(.+)/
add_line: "+" /(.*)/ LF -> line

change_move: "*** Move to: " filename LF
change: (change_context | change_line)+ eof_line?
change_context: ("@@" | "@@ " /(.+)/) LF
change_line: ("+" | "-" | " ") /(.*)/ LF
eof_line: "*** End of File" LF

%import common.LF
`;

export const applyPatchArgsSchema = z.object({}).strict();

/** The input is the patch text itself (`*** Begin Patch` … `*** End Patch`). */
export const applyPatchToolDefinition: CodexToolDefinition<string, never, false> = {
  id: APPLY_PATCH_TOOL_ID,
  name: APPLY_PATCH_TOOL_NAME,
  inputSchema: z.string(),
  providerExecuted: false,
};
