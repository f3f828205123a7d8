// Archived images for browser tests and benchmarks without the internet: JPEGs of news-photo sizes
// drawn by the browser itself (a canvas of gradients and grain, seeded, so that they weigh what a
// photo does: a few hundred KB), and a route that answers every web.archive.org image with one of
// them after a delay, a dead one with a 404 or an aborted connection, or a slow one late.

import type { Browser, BrowserContext, Page, Route } from 'playwright-core';

export interface ArchiveImage {
  width: number;
  height: number;
  body: Buffer;
}

/** The sizes drawn: landscape photos (3:2, 16:9) and a portrait one, as a news site publishes them. */
export const PHOTO_SIZES: ReadonlyArray<readonly [number, number]> = [
  [1200, 800],
  [1280, 720],
  [800, 1200],
  [1200, 800],
];

/** Draws one JPEG per size in a blank page of `browser` (quality 0.82, about 150–400 KB each). */
export async function drawPhotos(
  browser: Browser,
  sizes: ReadonlyArray<readonly [number, number]> = PHOTO_SIZES,
): Promise<ArchiveImage[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const images: ArchiveImage[] = [];
  for (const [i, [width, height]] of sizes.entries()) {
    const dataUrl = (await page.evaluate(
      `(() => {
        const canvas = document.createElement('canvas');
        canvas.width = ${width};
        canvas.height = ${height};
        const g = canvas.getContext('2d');
        let seed = ${i + 1} * 2654435761 >>> 0;
        const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 4294967296);
        const sky = g.createLinearGradient(0, 0, 0, ${height});
        sky.addColorStop(0, 'hsl(' + Math.floor(random() * 360) + ', 45%, 70%)');
        sky.addColorStop(1, 'hsl(' + Math.floor(random() * 360) + ', 35%, 30%)');
        g.fillStyle = sky;
        g.fillRect(0, 0, ${width}, ${height});
        for (let n = 0; n < 140; n++) {
          g.fillStyle = 'hsla(' + Math.floor(random() * 360) + ', 50%, ' + Math.floor(20 + random() * 60) + '%, 0.55)';
          g.beginPath();
          g.arc(random() * ${width}, random() * ${height}, 10 + random() * 120, 0, Math.PI * 2);
          g.fill();
        }
        const grain = g.getImageData(0, 0, ${width}, ${height});
        for (let p = 0; p < grain.data.length; p += 4) {
          const d = (random() - 0.5) * 46;
          grain.data[p] += d;
          grain.data[p + 1] += d;
          grain.data[p + 2] += d;
        }
        g.putImageData(grain, 0, 0);
        return canvas.toDataURL('image/jpeg', 0.82);
      })()`,
    )) as string;
    images.push({ width, height, body: Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64') });
  }
  await context.close();
  return images;
}

export type ImageBehaviour =
  /** Every image answered, after `latencyMs` and its bytes at `bytesPerSecond` over a shared link. */
  | { kind: 'ok'; latencyMs: number; bytesPerSecond: number }
  /**
   * Every image held until `release()` is called (for a test that paints the text first), then
   * answered (`answer: 'ok'`) or answered 404 (`answer: 'dead'`).
   */
  | { kind: 'held'; answer: 'ok' | 'dead' }
  /** Every image a 404 (a capture the Wayback Machine does not have). */
  | { kind: 'dead' }
  /** Every image's connection aborted. */
  | { kind: 'aborted' }
  /** Every image answered after `delayMs` (longer than app.js waits before it calls one slow). */
  | { kind: 'slow'; delayMs: number };

/**
 * Answers every image from another host (the records' images are web.archive.org captures) with one
 * of `images` (chosen by the address, so that an image is the same on every load), as `behaviour`
 * says, and aborts every other request that would leave loopback. `release()` lets held images go.
 */
export async function routeArchiveImages(
  target: BrowserContext | Page,
  images: ArchiveImage[],
  behaviour: ImageBehaviour,
): Promise<{ requested: string[]; release: () => void }> {
  const requested: string[] = [];
  let linkFreeAt = 0;
  let releaseAll: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    releaseAll = resolve;
  });
  const pick = (url: string) => {
    let h = 0;
    for (let i = 0; i < url.length; i++) h = (h * 31 + url.charCodeAt(i)) >>> 0;
    return images[h % images.length]!;
  };
  const answer = (route: Route, image: ArchiveImage) =>
    route
      .fulfill({
        status: 200,
        headers: { 'content-type': 'image/jpeg', 'cache-control': 'max-age=31536000' },
        body: image.body,
      })
      .catch(() => {});
  const notArchived = (route: Route) =>
    route.fulfill({ status: 404, contentType: 'text/plain', body: 'not archived' }).catch(() => {});
  await target.route(
    (url) => url.hostname !== '127.0.0.1' && url.hostname !== 'localhost',
    async (route) => {
      const url = route.request().url();
      if (route.request().resourceType() !== 'image') return route.abort('blockedbyclient').catch(() => {});
      requested.push(url);
      const image = pick(url);
      switch (behaviour.kind) {
        case 'dead':
          return notArchived(route);
        case 'aborted':
          return route.abort('connectionreset').catch(() => {});
        case 'slow':
          await new Promise((r) => setTimeout(r, behaviour.delayMs));
          return answer(route, image);
        case 'held':
          await released;
          return behaviour.answer === 'ok' ? answer(route, image) : notArchived(route);
        case 'ok': {
          // the images share one link: each waits for the bytes of those asked before it
          const start = Math.max(Date.now() + behaviour.latencyMs, linkFreeAt);
          linkFreeAt = start + (image.body.length / behaviour.bytesPerSecond) * 1000;
          await new Promise((r) => setTimeout(r, linkFreeAt - Date.now()));
          return answer(route, image);
        }
      }
    },
  );
  return { requested, release: () => releaseAll() };
}
