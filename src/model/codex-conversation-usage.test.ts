import { describe, expect, it } from 'vitest';
import { CodexConversationUsage } from './codex-conversation-usage';

const usage = (input: number | null, output?: number) => ({
  input_tokens: input,
  ...(output != null && { output_tokens: output }),
});

describe('CodexConversationUsage', () => {
  it('goes by the estimate alone for a conversation it has seen nothing of', () => {
    expect(new CodexConversationUsage().inputTokens('conv', 1234)).toBe(1234);
  });

  it('adds what the input grew by since to the last response’s input and output', () => {
    const usage_ = new CodexConversationUsage();
    usage_.record('conv', usage(9_000, 500), 8_000);
    // the backend counted 9 500 where the estimate said 8 000: the growth of 300 comes on top
    expect(usage_.inputTokens('conv', 8_300)).toBe(9_800);
    expect(usage_.inputTokens('conv', 8_000)).toBe(9_500);
    expect(usage_.inputTokens('other', 8_300)).toBe(8_300);
  });

  it('takes a smaller input for another history under the same id', () => {
    const usage_ = new CodexConversationUsage();
    usage_.record('conv', usage(9_000, 500), 8_000);
    expect(usage_.inputTokens('conv', 7_999)).toBe(7_999);
  });

  it('counts output tokens as none when the backend leaves them out, and ignores usage without input', () => {
    const usage_ = new CodexConversationUsage();
    usage_.record('conv', usage(2_000), 1_000);
    expect(usage_.inputTokens('conv', 1_000)).toBe(2_000);
    usage_.record('conv', usage(null, 5), 100);
    expect(usage_.inputTokens('conv', 1_000)).toBe(2_000);
  });

  it('keeps the 1 000 conversations used last', () => {
    const usage_ = new CodexConversationUsage();
    for (let i = 0; i < 1_000; i++) usage_.record(`conv-${i}`, usage(100), 10);
    // conv-0 is used again, so conv-1 is the oldest when conv-1000 comes
    usage_.record('conv-0', usage(100), 10);
    usage_.record('conv-1000', usage(100), 10);
    expect(usage_.inputTokens('conv-0', 10)).toBe(100);
    expect(usage_.inputTokens('conv-1', 10)).toBe(10);
    expect(usage_.inputTokens('conv-2', 10)).toBe(100);
    expect(usage_.inputTokens('conv-1000', 10)).toBe(100);
  });
});
