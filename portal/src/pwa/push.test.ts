import { describe, expect, it } from "vitest";
import { base64urlToBytes, bytesToBase64url, pushSupport } from "./push";

describe("push keys", () => {
  it("turns base64url into bytes and back, without padding", () => {
    const bytes = new Uint8Array([4, 251, 255, 0, 62, 63, 190]);
    const s = bytesToBase64url(bytes.buffer);
    expect(s).toBe("BPv_AD4_vg");
    expect([...base64urlToBytes(s)]).toEqual([...bytes]);
  });

  it("says so when the browser has no push", () => {
    expect(pushSupport()).toBe("unsupported");
  });
});
