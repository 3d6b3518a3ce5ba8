// The AI SDK logs every call warning (unsupported settings, compatibility mode, our own
// `other` warnings) to the console. Tests read warnings from `result.warnings`; the few
// that check what is logged install their own `AI_SDK_LOG_WARNINGS` function.
(globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS = false;
