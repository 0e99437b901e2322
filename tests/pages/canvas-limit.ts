// A browser that cannot make a canvas over 4 MP, as iOS Safari cannot over 16.7 MP: making or
// growing one past the limit throws here (Safari hands back a canvas that stays blank), so a test
// run in this worker proves that no such canvas was made.
export const TEST_CANVAS_LIMIT = 4_000_000;

function check(width: number, height: number): void {
  if (width * height > TEST_CANVAS_LIMIT) {
    throw new RangeError(`canvas limit: ${width}x${height} is over ${TEST_CANVAS_LIMIT} pixels`);
  }
}

class LimitedOffscreenCanvas extends OffscreenCanvas {
  constructor(width: number, height: number) {
    check(width, height);
    super(width, height);
  }

  override get width(): number {
    return super.width;
  }

  override set width(value: number) {
    check(value, super.height);
    super.width = value;
  }

  override get height(): number {
    return super.height;
  }

  override set height(value: number) {
    check(super.width, value);
    super.height = value;
  }
}

globalThis.OffscreenCanvas = LimitedOffscreenCanvas;
