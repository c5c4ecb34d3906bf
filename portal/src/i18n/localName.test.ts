import { describe, expect, it } from "vitest";
import { localCategory, localName } from "./localName";

describe("localName", () => {
  it("shows the Chinese name in Chinese and falls back to the name", () => {
    expect(localName({ name: "Retail", nameZh: "零售" }, "zh")).toBe("零售");
    expect(localName({ name: "Retail", nameZh: "零售" }, "en")).toBe("Retail");
    expect(localName({ name: "Retail", nameZh: null }, "zh")).toBe("Retail");
    expect(localCategory({ category: "Drills", categoryZh: "电钻" }, "zh")).toBe("电钻");
    expect(localCategory({ category: "Drills" }, "zh")).toBe("Drills");
  });
});
