'use client';

import { useChat } from '@ai-sdk/react';
import { useState } from 'react';

export default function Chat() {
  const { messages, sendMessage, status } = useChat();
  const [input, setInput] = useState('');

  return (
    <main>
      <h1>Codex chat</h1>
      <ul data-testid="messages" style={{ listStyle: 'none', padding: 0 }}>
        {messages.map(message => (
          <li key={message.id} data-role={message.role} style={{ margin: '0.75rem 0' }}>
            <strong>{message.role === 'user' ? 'You' : 'Codex'}: </strong>
            {message.parts.map((part, i) => {
              if (part.type === 'text') return <span key={i}>{part.text}</span>;
              if (part.type === 'reasoning')
                return (
                  <em key={i} data-testid="reasoning" style={{ display: 'block', color: '#666' }}>
                    {part.text}
                  </em>
                );
              return null;
            })}
          </li>
        ))}
      </ul>
      <form
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
          style={{ width: '80%' }}
        />
        <button type="submit" disabled={status !== 'ready'}>
          Send
        </button>
      </form>
      <p data-testid="status">{status}</p>
    </main>
  );
}
