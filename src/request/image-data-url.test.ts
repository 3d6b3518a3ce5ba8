import { describe, expect, it } from 'vitest';
import { decodedByteLength, imageDataUrl, isImageMediaType } from './image-data-url';

describe('decodedByteLength', () => {
  it('counts the bytes base64 text holds, padding and a data URL prefix left out', () => {
    expect(decodedByteLength('')).toBe(0);
    expect(decodedByteLength('==')).toBe(0);
    expect(decodedByteLength('QQ==')).toBe(1);
    expect(decodedByteLength('QUI=')).toBe(2);
    expect(decodedByteLength('QUJD')).toBe(3);
    expect(decodedByteLength('QUJDRA==')).toBe(4);
    expect(decodedByteLength('data:image/png;base64,QQ==')).toBe(1);
    expect(decodedByteLength('data:image/png;base64,QUJDRA==')).toBe(4);
    expect(decodedByteLength('DATA:image/png;base64,QUJD')).toBe(3);
  });
});

describe('imageDataUrl', () => {
  it('keeps a full media type, and reads a missing format from the bytes', () => {
    expect(imageDataUrl('image/webp', 'QUJD')).toBe('data:image/webp;base64,QUJD');
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    expect(imageDataUrl('image', png)).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(imageDataUrl('image/*', png)).toBe('data:image/png;base64,iVBORw0KGgo=');
    // bytes of no known format: JPEG, the commonest
    expect(imageDataUrl('image', 'QUJD')).toBe('data:image/jpeg;base64,QUJD');
  });

  it('knows an image media type in every spelling, and nothing else', () => {
    expect(['image', 'image/*', 'image/png'].map(isImageMediaType)).toEqual([true, true, true]);
    expect(['images', 'application/png', 'text/plain', ''].map(isImageMediaType)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
