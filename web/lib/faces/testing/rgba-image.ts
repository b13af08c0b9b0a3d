import jpeg from "jpeg-js";

/** A decoded RGBA image, for building test faces from photos without a native image library. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export function decodeJpeg(bytes: Uint8Array): RgbaImage {
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 8 });
  return { width: img.width, height: img.height, data: img.data };
}

export function encodeJpeg(image: RgbaImage, quality = 90): Buffer {
  return jpeg.encode({ width: image.width, height: image.height, data: Buffer.from(image.data) }, quality).data;
}

/** The square around a box, grown by `margin` of its size on each side and shifted by (dx, dy) of it, clipped to the image. */
export function cropAround(image: RgbaImage, box: { x: number; y: number; width: number; height: number }, margin: number, dx = 0, dy = 0): RgbaImage {
  const side = Math.max(box.width, box.height) * (1 + 2 * margin);
  const cx = box.x + box.width / 2 + dx * box.width;
  const cy = box.y + box.height / 2 + dy * box.height;
  const x0 = Math.max(0, Math.round(cx - side / 2));
  const y0 = Math.max(0, Math.round(cy - side / 2));
  const x1 = Math.min(image.width, Math.round(cx + side / 2));
  const y1 = Math.min(image.height, Math.round(cy + side / 2));
  const width = x1 - x0;
  const height = y1 - y0;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * image.width + x0) * 4;
    data.set(image.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { width, height, data };
}

/** Bilinear resize to a width (height keeps the aspect ratio). */
export function resizeTo(image: RgbaImage, width: number): RgbaImage {
  const height = Math.max(1, Math.round((image.height * width) / image.width));
  const data = new Uint8Array(width * height * 4);
  const sx = image.width / width;
  const sy = image.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(image.height - 1, (y + 0.5) * sy - 0.5);
    const y0 = Math.max(0, Math.floor(fy));
    const y1 = Math.min(image.height - 1, y0 + 1);
    const wy = Math.max(0, fy - y0);
    for (let x = 0; x < width; x++) {
      const fx = Math.min(image.width - 1, (x + 0.5) * sx - 0.5);
      const x0 = Math.max(0, Math.floor(fx));
      const x1 = Math.min(image.width - 1, x0 + 1);
      const wx = Math.max(0, fx - x0);
      for (let c = 0; c < 4; c++) {
        const a = image.data[(y0 * image.width + x0) * 4 + c]!;
        const b = image.data[(y0 * image.width + x1) * 4 + c]!;
        const d = image.data[(y1 * image.width + x0) * 4 + c]!;
        const e = image.data[(y1 * image.width + x1) * 4 + c]!;
        data[(y * width + x) * 4 + c] = Math.round((a * (1 - wx) + b * wx) * (1 - wy) + (d * (1 - wx) + e * wx) * wy);
      }
    }
  }
  return { width, height, data };
}

/** Brightness and contrast: v' = (v − 128)·contrast + 128 + offset. */
export function adjust(image: RgbaImage, offset: number, contrast = 1): RgbaImage {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) {
    data[i] = i % 4 === 3 ? image.data[i]! : Math.max(0, Math.min(255, Math.round((image.data[i]! - 128) * contrast + 128 + offset)));
  }
  return { ...image, data };
}

export function mirror(image: RgbaImage): RgbaImage {
  const data = new Uint8Array(image.data.length);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const from = (y * image.width + x) * 4;
      const to = (y * image.width + (image.width - 1 - x)) * 4;
      data.set(image.data.subarray(from, from + 4), to);
    }
  }
  return { ...image, data };
}

/** Rotation about the centre by `degrees`, nearest neighbour, black outside. */
export function rotate(image: RgbaImage, degrees: number): RgbaImage {
  const r = (degrees * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  const cx = image.width / 2;
  const cy = image.height / 2;
  const data = new Uint8Array(image.data.length);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const sx = Math.round(cos * (x - cx) + sin * (y - cy) + cx);
      const sy = Math.round(-sin * (x - cx) + cos * (y - cy) + cy);
      const to = (y * image.width + x) * 4;
      if (sx >= 0 && sy >= 0 && sx < image.width && sy < image.height) data.set(image.data.subarray((sy * image.width + sx) * 4, (sy * image.width + sx) * 4 + 4), to);
      else data[to + 3] = 255;
    }
  }
  return { ...image, data };
}
