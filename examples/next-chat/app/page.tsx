'use client';

import { useChat } from '@ai-sdk/react';
import { getToolName, isToolUIPart, type UIMessage } from 'ai';
import { useState } from 'react';
import Markdown from 'react-markdown';

type Part = UIMessage['parts'][number];

export default function Chat() {
  const { messages, sendMessage, regenerate, status, error } = useChat();
  const [input, setInput] = useState('');
  const busy = status === 'submitted' || status === 'streaming';

  return (
    <main>
      <h1>Codex chat</h1>
      <ul data-testid="messages" className="messages">
        {messages.map(message => (
          <li key={message.id} data-role={message.role} className={`message ${message.role}`}>
            <strong className="author">{message.role === 'user' ? 'You' : 'Codex'}</strong>
            {message.parts.map((part, i) => (
              <MessagePart key={i} part={part} />
            ))}
          </li>
        ))}
      </ul>

      {error != null && (
        <div role="alert" data-testid="error" className="error">
          <strong>The request failed.</strong>
          <Markdown>{error.message}</Markdown>
          <button type="button" onClick={() => regenerate()} disabled={busy}>
            Try again
          </button>
        </div>
      )}

      <form
        className="composer"
        onSubmit={e => {
          e.preventDefault();
          if (!input.trim()) return;
          sendMessage({ text: input });
          setInput('');
        }}
      >
        <input
          aria-label="Message"
          value={input}
          onChange={e => setInput(e.target.value)}
          placeholder="Ask Codex…"
        />
        <button type="submit" disabled={busy}>
          Send
        </button>
      </form>
      <p data-testid="status" className="status">
        {status}
      </p>
    </main>
  );
}

function MessagePart({ part }: { part: Part }) {
  if (part.type === 'text') {
    return (
      <div data-testid="text" className="markdown">
        <Markdown>{part.text}</Markdown>
      </div>
    );
  }
  if (part.type === 'reasoning') {
    if (part.text.length === 0) return null;
    const thinking = part.state === 'streaming';
    // open while the model thinks, folded once it has moved on
    return (
      <details data-testid="reasoning" className="reasoning" open={thinking}>
        <summary>{thinking ? 'Thinking…' : 'Reasoning'}</summary>
        <Markdown>{part.text}</Markdown>
      </details>
    );
  }
  if (isToolUIPart(part)) {
    return (
      <div data-testid="tool" data-state={part.state} className="tool">
        <code>
          {getToolName(part)}({part.input == null ? '' : JSON.stringify(part.input)})
        </code>
        {part.state === 'output-available' && (
          <div data-testid="tool-output">
            → <code>{typeof part.output === 'string' ? part.output : JSON.stringify(part.output)}</code>
          </div>
        )}
        {part.state === 'output-error' && <div className="tool-error">failed: {part.errorText}</div>}
        {(part.state === 'input-streaming' || part.state === 'input-available') && (
          <div className="tool-running">running…</div>
        )}
      </div>
    );
  }
  return null;
}
