/** A face descriptor is stored as 128 little-endian float32 numbers (512 bytes). */
export function descriptorToBytes(descriptor: readonly number[]): Uint8Array<ArrayBuffer> {
  const buffer = new ArrayBuffer(descriptor.length * 4);
  const view = new DataView(buffer);
  descriptor.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return new Uint8Array(buffer);
}

export function descriptorFromBytes(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true));
}
