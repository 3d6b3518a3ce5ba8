/**
 * What the recorder answers on `GET {base}/models`: one model in the catalog shape the CLI
 * parses (the fields of the CLI's bundled catalog entries). Its instructions are a short
 * stand-in for the catalog's base instructions, so the recorded developer message stays small
 * and holds no OpenAI prompt text.
 */
export const PARITY_MODEL = 'gpt-5.3-codex';

export const BASE_INSTRUCTIONS_STAND_IN =
  'You are Codex, a coding agent. (The parity recorder stands in for the catalog base instructions here.)';

export function modelCatalog() {
  return {
    models: [
      {
        slug: PARITY_MODEL,
        display_name: 'GPT-5.3 Codex',
        description: 'Parity recorder catalog entry.',
        default_reasoning_level: 'medium',
        supported_reasoning_levels: ['low', 'medium', 'high', 'xhigh'].map(effort => ({
          effort,
          description: `${effort} effort`,
        })),
        shell_type: 'shell_command',
        visibility: 'list',
        supported_in_api: true,
        priority: 1,
        minimal_client_version: '0.1.0',
        availability_nux: null,
        upgrade: null,
        prefer_websockets: true,
        support_verbosity: true,
        default_verbosity: 'low',
        apply_patch_tool_type: 'freeform',
        web_search_tool_type: 'text_and_image',
        input_modalities: ['text', 'image'],
        supports_image_detail_original: true,
        truncation_policy: { mode: 'tokens', limit: 10_000 },
        supports_parallel_tool_calls: true,
        tool_mode: null,
        multi_agent_version: null,
        multi_agent_reasoning_effort: null,
        use_responses_lite: false,
        supports_reasoning_effort_updates: false,
        include_skills_usage_instructions: false,
        include_apps_usage_instructions: false,
        include_plugin_usage_instructions: false,
        guardian: null,
        node_repl_auto_review_required: false,
        node_repl_disabled: false,
        requires_sandboxed_review: false,
        auto_review_model_override: null,
        model_specialty: null,
        context_window: 272_000,
        max_context_window: 272_000,
        auto_compact_token_limit: null,
        comp_hash: '1',
        default_reasoning_summary: 'none',
        model_messages: { instructions_template: BASE_INSTRUCTIONS_STAND_IN },
        experimental_supported_tools: [],
        available_in_plans: ['plus', 'pro', 'team', 'business', 'enterprise', 'edu', 'free'],
        supports_search_tool: false,
        supports_experimental_context: false,
        default_service_tier: null,
        service_tiers: [{ id: 'priority', name: 'Fast', description: 'faster, more usage' }],
        additional_speed_tiers: ['fast'],
        supports_reasoning_summary_parameter: true,
        supports_reasoning_summaries: true,
      },
    ],
  };
}
