import { writeFile } from 'node:fs/promises';
import { experimental_generateImage as generateImage } from 'ai';
import { codex } from './codex';

// `generateImage` in ai@6/ai@7 (with `ai-sdk-provider-codex/v3` or `/v4`), where input
// images (`prompt: { text, images }`) go to the edit endpoint.
const { images, providerMetadata } = await generateImage({
  model: codex.image('gpt-image-1.5'),
  prompt: 'A lighthouse at dawn, watercolor',
  size: '1536x1024',
  providerOptions: { codex: { quality: 'medium', background: 'opaque' } },
});

for (const [i, image] of images.entries()) {
  console.log(`image ${i + 1}: ${image.mediaType}, ${image.uint8Array.length} bytes`);
  if (process.env.CODEX_IMAGE_OUT) await writeFile(process.env.CODEX_IMAGE_OUT, image.uint8Array);
}
const meta = providerMetadata.codex?.images[0] as { revisedPrompt?: string } | undefined;
if (meta?.revisedPrompt) console.log(`revised prompt: ${meta.revisedPrompt}`);
